"""The code tree: codes and categories, merging and reorganising them, matching their names, relations between them."""
