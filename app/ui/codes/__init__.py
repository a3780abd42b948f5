"""The desktop's code tree: the codes panel, code definitions, similar codes, relations."""
