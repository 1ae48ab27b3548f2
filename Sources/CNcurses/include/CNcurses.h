// Replaced by the ncurses shim.
