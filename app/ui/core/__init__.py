"""What the desktop's features share: undoable commands, change notices, workers, settings, file dialogs."""
