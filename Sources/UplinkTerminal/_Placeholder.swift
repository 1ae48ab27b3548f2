// Replaced by the terminal layer.
