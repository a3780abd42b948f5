"""Team work: handing a copy of the project to a coder, and merging their copy back."""
