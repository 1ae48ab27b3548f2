// CNcurses: the few pieces of ncursesw and the C library that Swift cannot import as they are —
// attribute macros, the `stdscr`/`LINES`/`COLS` globals (not concurrency-safe in Swift 6), newterm's
// FILE pointers, the terminfo probe, and the signal handlers that must stay async-signal-safe.
// Everything else (wmove, waddnwstr, wget_wch, init_pair, resizeterm…) Swift imports directly.
//
// Only UplinkTerminal imports this module. Every symbol is prefixed `cnc_`.
#ifndef CNCURSES_H
#define CNCURSES_H

// SwiftPM drops pkg-config's `-D_XOPEN_SOURCE=600` (a "prohibited flag"), so the wide-character
// API (wget_wch, waddnwstr, attr_t, wattr_set) must be switched on here, before curses.h is read.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <stddef.h>
#include <wchar.h>

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#elif __has_include(<curses.h>)
#include <curses.h>
#else
#error "ncursesw headers not found; install libncurses-dev (Debian) or ncurses-devel"
#endif

// MARK: - Globals and macros

/// The standard screen window (`stdscr`), NULL before newterm.
WINDOW *_Nullable cnc_stdscr(void);

/// The window's size (getmaxyx(3X), a macro).
void cnc_window_size(WINDOW *_Nonnull window, int *_Nonnull rows, int *_Nonnull columns);

/// The number of colours after start_color (`COLORS`).
int cnc_colors(void);

/// The number of colour pairs after start_color (`COLOR_PAIRS`).
int cnc_color_pairs(void);

/// `A_NORMAL`.
attr_t cnc_attribute_normal(void);
/// `A_BOLD`.
attr_t cnc_attribute_bold(void);
/// `A_UNDERLINE`.
attr_t cnc_attribute_underline(void);
/// `A_REVERSE`.
attr_t cnc_attribute_reverse(void);
/// `A_DIM`.
attr_t cnc_attribute_dim(void);

/// Sets a window's attributes and colour pair at once (wattr_set(3X)), passing the pair through the
/// `opts` pointer as ncurses 6.1+ expects for pairs that do not fit in a short.
int cnc_set_attributes(WINDOW *_Nonnull window, attr_t attributes, int pair);

/// The columns a wide character takes in the current locale (wcwidth(3)), as curses places it: -1 for a
/// character the locale cannot show or a control character. glibc declares wcwidth only for X/Open
/// sources, which Swift's Glibc module is not.
int cnc_character_width(wchar_t character);

// MARK: - Locale

/// Sets the locale from the environment (`setlocale(LC_ALL, "")`; Swift never calls it, and without it
/// ncursesw treats every byte above 127 as garbage) and returns the codeset (`nl_langinfo(CODESET)`,
/// e.g. "UTF-8" or "ANSI_X3.4-1968"). The string is the C library's; copy it before the next call.
const char *_Nonnull cnc_set_locale_from_environment(void);

// MARK: - Terminfo, before curses starts

/// What the terminfo database says about a terminal type.
typedef enum cnc_terminfo_status {
    /// A usable entry was loaded.
    cnc_terminfo_found = 0,
    /// The database has no entry for the type, or only a generic one (setupterm's errret 0).
    cnc_terminfo_unknown = 1,
    /// The entry is a hardcopy (printing) terminal (setupterm's errret 1 with ERR).
    cnc_terminfo_hardcopy = 2,
    /// No terminfo database was found at all (setupterm's errret -1).
    cnc_terminfo_no_database = 3,
} cnc_terminfo_status;

/// A terminal type's answers, read by cnc_probe_terminfo.
typedef struct cnc_terminfo_answers {
    /// Whether the entry was found and usable; the fields below are only meaningful when found.
    cnc_terminfo_status status;
    /// Whether `cup` (cursor_address) is present: without it curses smears output on one line.
    int can_address_cursor;
    /// `colors` (max_colors), or -1 when the entry has none (vt100, vt220, xterm-mono).
    int colors;
} cnc_terminfo_answers;

/// Loads a terminal type's terminfo entry with setupterm(3X) — with an errret pointer, so nothing is
/// printed and nothing exits — reads what uplink needs, and frees it again (del_curterm).
cnc_terminfo_answers cnc_probe_terminfo(const char *_Nonnull term, int output_fd);

// MARK: - Terminal descriptors

/// The terminal's size from the kernel (ioctl TIOCGWINSZ), which is what a SIGWINCH announces.
/// Returns 0, or -1 with errno set.
int cnc_terminal_size(int fd, int *_Nonnull rows, int *_Nonnull columns);

/// The bytes waiting to be read (ioctl FIONREAD), or -1 with errno set.
int cnc_bytes_available(int fd);

// MARK: - Starting and ending curses

/// Whether the current terminal has a string capability (tigetstr(3X) neither NULL nor (char *)-1), e.g.
/// "rmcup": terminals without it (vt100, the Linux console) have no alternate screen to leave.
int cnc_has_capability(const char *_Nonnull name);

/// Starts curses with newterm(3X) on duplicates of the given descriptors, so that a type terminfo
/// does not know returns NULL instead of curses printing "Error opening terminal" and calling exit(1)
/// as initscr does. Returns NULL on failure.
SCREEN *_Nullable cnc_start(const char *_Nonnull term, int output_fd, int input_fd);

/// Ends curses (endwin), frees the screen (delscreen) and closes the duplicated descriptors.
void cnc_stop(SCREEN *_Nonnull screen);

// MARK: - Terminal guard: leaving the terminal sane on every way out

/// Remembers the terminal's modes (tcgetattr on `fd`), before curses changes them, so that close, a
/// crash and exit can put them back exactly. Returns 0, or -1 with errno set.
int cnc_guard_save_modes(int fd);

/// Precomputes the bytes that undo what curses and uplink did to the terminal — cancel any half-sent
/// sequence (CAN), attributes off (sgr0), cursor visible (cnorm), keypad off (rmkx), bracketed paste off
/// and leave the alternate screen (rmcup) — from the current terminfo entry, with padding (`$<5>`)
/// removed. Call after cnc_start, on the thread that owns curses.
void cnc_guard_prepare_reset(void);

/// Installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP that write the reset bytes,
/// restore the saved modes (both async-signal-safe), put back the handler that was there before (Swift's
/// backtracer, so its report still prints, now on a sane terminal) and re-raise; and, once per process,
/// an atexit hook that restores the terminal if the program exits while it is still armed.
void cnc_guard_arm(void);

/// Writes the reset bytes and restores the saved modes, using only async-signal-safe calls.
void cnc_guard_restore_terminal(void);

/// Restores the saved modes only (tcsetattr), for close after endwin.
void cnc_guard_restore_modes(void);

/// Puts back the crash handlers that were there before cnc_guard_arm and stops the atexit restore.
void cnc_guard_disarm(void);

/// The precomputed reset bytes (for tests); `length` receives their count.
const char *_Nonnull cnc_guard_reset_bytes(size_t *_Nonnull length);

// MARK: - Signal relay

/// Installs handlers for SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP and SIGCONT that write the signal's
/// number as one byte to `write_fd` (a non-blocking pipe), so that the thread owning curses sees them in
/// its poll(2), whichever thread the kernel delivered them to. SIGINT, SIGTERM, SIGHUP and SIGTSTP stay
/// ignored where they were (nohup). A second SIGINT, SIGTERM or SIGHUP before
/// the relay is removed restores the terminal and dies of the signal at once, for a program that no
/// longer reads its pipe. Installed before newterm, so that curses does not install its own handlers
/// (it only replaces SIG_DFL), which would run curses code on an arbitrary thread.
void cnc_relay_install(int write_fd);

/// Puts back the handlers that were there before cnc_relay_install.
void cnc_relay_remove(void);

/// Stops the process as the default SIGTSTP action would (after the caller has ended curses), and
/// returns once it is continued; the relay's SIGTSTP handler is back in place on return.
void cnc_relay_stop_process(void);

#endif
