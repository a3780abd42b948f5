"""The desktop: PySide6 widgets over the services in `app.model`."""
