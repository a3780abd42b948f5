"""The desktop's documents: the documents panel and the import dialog."""
