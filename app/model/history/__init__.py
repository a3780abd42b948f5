"""Undoable operations: each user action as one recorded transaction, with undo, redo and replay."""
