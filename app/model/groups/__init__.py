"""Sets of documents or codes."""
