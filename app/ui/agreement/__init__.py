"""The Agreement window: how far coders agree, per code and document, and the disagreements side by side."""
