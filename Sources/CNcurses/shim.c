// The CNcurses shim; see include/CNcurses.h for what each function is for.
//
// The signal handlers here run on whatever thread the kernel picked, possibly in the middle of
// curses or malloc, so they only call functions signal-safety(7) lists as async-signal-safe
// (write, tcsetattr, sigaction, raise) and touch only static data prepared beforehand.
// wcwidth(3) is only declared for X/Open (or GNU) sources.
#define _GNU_SOURCE 1

#include "CNcurses.h"

#include <errno.h>
#include <langinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

// term.h defines lowercase macros such as `lines` and `columns`; nothing below uses those names.
#if __has_include(<ncursesw/term.h>)
#include <ncursesw/term.h>
#else
#include <term.h>
#endif

#if !NCURSES_WIDECHAR
#error "ncurses' wide-character API is off; CNcurses.h must define _XOPEN_SOURCE_EXTENDED first"
#endif

// Swift hands characters to waddnwstr as arrays of Unicode scalars and reads wget_wch's wint_t as
// one; both only hold when the C library's wide characters are UTF-32.
_Static_assert(sizeof(wchar_t) == 4, "wchar_t must hold one Unicode scalar (UTF-32)");
_Static_assert(sizeof(wint_t) == 4, "wint_t must hold one Unicode scalar (UTF-32)");

// MARK: - Globals and macros

WINDOW *cnc_stdscr(void) { return stdscr; }

void cnc_window_size(WINDOW *window, int *out_rows, int *out_columns) {
    int rows = 0;
    int cols = 0;
    getmaxyx(window, rows, cols);
    *out_rows = rows;
    *out_columns = cols;
}

int cnc_colors(void) { return COLORS; }

int cnc_color_pairs(void) { return COLOR_PAIRS; }

attr_t cnc_attribute_normal(void) { return WA_NORMAL; }
attr_t cnc_attribute_bold(void) { return WA_BOLD; }
attr_t cnc_attribute_underline(void) { return WA_UNDERLINE; }
attr_t cnc_attribute_reverse(void) { return WA_REVERSE; }
attr_t cnc_attribute_dim(void) { return WA_DIM; }

int cnc_set_attributes(WINDOW *window, attr_t attributes, int pair) {
    // curs_attr(3X): since ncurses 6.1 a non-NULL opts points to an int pair, which wins over the short.
    return wattr_set(window, attributes, (short)pair, &pair);
}

int cnc_character_width(wchar_t character) { return wcwidth(character); }

// MARK: - Locale

const char *cnc_set_locale_from_environment(void) {
    // When LANG names a locale that is not installed, setlocale fails and the locale stays "C",
    // whose codeset is ANSI_X3.4-1968: the caller then draws ASCII, which is the right answer.
    (void)setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL ? codeset : "";
}

// MARK: - Terminfo

cnc_terminfo_answers cnc_probe_terminfo(const char *term, int output_fd) {
    cnc_terminfo_answers answers = {cnc_terminfo_unknown, 0, -1};
    TERMINAL *previous = cur_term;
    int errret = 0;
    // term_variables(3X)/setupterm(3X): with errret non-NULL, failure is reported, not printed.
    if (setupterm(term, output_fd, &errret) != OK) {
        switch (errret) {
        case -1: answers.status = cnc_terminfo_no_database; break;
        case 1: answers.status = cnc_terminfo_hardcopy; break;
        default: answers.status = cnc_terminfo_unknown; break;
        }
        set_curterm(previous);
        return answers;
    }
    // tigetstr returns (char *)-1 for a name that is not a string capability, NULL when absent.
    const char *cup = tigetstr("cup");
    answers.can_address_cursor = cup != NULL && cup != (char *)-1 && cup[0] != '\0';
    int colors = tigetnum("colors");
    answers.colors = colors >= 0 ? colors : -1;
    answers.status = cnc_terminfo_found;
    TERMINAL *loaded = set_curterm(previous);
    if (loaded != NULL && loaded != previous) {
        del_curterm(loaded);
    }
    return answers;
}

// MARK: - Terminal descriptors

int cnc_terminal_size(int fd, int *out_rows, int *out_columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) {
        return -1;
    }
    *out_rows = size.ws_row;
    *out_columns = size.ws_col;
    return 0;
}

int cnc_bytes_available(int fd) {
    int count = 0;
    if (ioctl(fd, FIONREAD, &count) != 0) {
        return -1;
    }
    return count;
}

// MARK: - Starting and ending curses

int cnc_has_capability(const char *name) {
    const char *value = tigetstr(name);
    return value != NULL && value != (char *)-1 && value[0] != '\0';
}

static FILE *start_output = NULL;
static FILE *start_input = NULL;

SCREEN *cnc_start(const char *term, int output_fd, int input_fd) {
    int output_copy = dup(output_fd);
    int input_copy = dup(input_fd);
    FILE *output = output_copy >= 0 ? fdopen(output_copy, "w") : NULL;
    FILE *input = input_copy >= 0 ? fdopen(input_copy, "r") : NULL;
    if (output == NULL || input == NULL) {
        if (output != NULL) fclose(output); else if (output_copy >= 0) close(output_copy);
        if (input != NULL) fclose(input); else if (input_copy >= 0) close(input_copy);
        return NULL;
    }
    SCREEN *screen = newterm(term, output, input);
    if (screen == NULL) {
        fclose(output);
        fclose(input);
        return NULL;
    }
    start_output = output;
    start_input = input;
    return screen;
}

void cnc_stop(SCREEN *screen) {
    set_term(screen);
    endwin();
    delscreen(screen);
    if (start_output != NULL) {
        fclose(start_output);
        start_output = NULL;
    }
    if (start_input != NULL) {
        fclose(start_input);
        start_input = NULL;
    }
}

// MARK: - Terminal guard

static int guard_fd = -1;
static struct termios guard_modes;
static volatile sig_atomic_t guard_modes_saved = 0;
static volatile sig_atomic_t guard_armed = 0;
static int guard_atexit_registered = 0;
static char guard_reset[512];
static size_t guard_reset_length = 0;

static const int guard_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
#define GUARD_SIGNAL_COUNT (sizeof(guard_signals) / sizeof(guard_signals[0]))
static struct sigaction guard_previous[GUARD_SIGNAL_COUNT];

int cnc_guard_save_modes(int fd) {
    if (tcgetattr(fd, &guard_modes) != 0) {
        return -1;
    }
    guard_fd = fd;
    guard_modes_saved = 1;
    return 0;
}

static void guard_append(const char *bytes) {
    // terminfo(5) padding ("$<5>", "$<2/>") is a delay for tputs, not bytes for the terminal.
    for (const char *cursor = bytes; *cursor != '\0'; cursor++) {
        if (cursor[0] == '$' && cursor[1] == '<') {
            const char *end = strchr(cursor, '>');
            if (end != NULL) {
                cursor = end;
                continue;
            }
        }
        if (guard_reset_length + 1 < sizeof(guard_reset)) {
            guard_reset[guard_reset_length++] = *cursor;
        }
    }
}

static void guard_append_capability(const char *name) {
    const char *value = tigetstr(name);
    if (value != NULL && value != (char *)-1) {
        guard_append(value);
    }
}

void cnc_guard_prepare_reset(void) {
    guard_reset_length = 0;
    // CAN aborts an escape sequence curses may have been half-way through sending (ECMA-48 8.3.6).
    guard_append("\030");
    guard_append_capability("sgr0");
    guard_append_capability("cnorm");
    guard_append_capability("rmkx");
    guard_append("\033[?2004l");
    guard_append_capability("rmcup");
}

const char *cnc_guard_reset_bytes(size_t *length) {
    *length = guard_reset_length;
    return guard_reset;
}

static void guard_write_all(const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t written = write(guard_fd, bytes, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            return;
        }
        bytes += written;
        length -= (size_t)written;
    }
}

void cnc_guard_restore_terminal(void) {
    if (guard_fd < 0) {
        return;
    }
    guard_write_all(guard_reset, guard_reset_length);
    cnc_guard_restore_modes();
}

void cnc_guard_restore_modes(void) {
    if (guard_fd >= 0 && guard_modes_saved) {
        (void)tcsetattr(guard_fd, TCSANOW, &guard_modes);
    }
}

static void guard_crash_handler(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    int saved_errno = errno;
    if (guard_armed) {
        guard_armed = 0;
        cnc_guard_restore_terminal();
    }
    for (size_t index = 0; index < GUARD_SIGNAL_COUNT; index++) {
        if (guard_signals[index] == signal_number) {
            (void)sigaction(signal_number, &guard_previous[index], NULL);
        }
    }
    // A fault the kernel raised (si_code > 0) happens again when this handler returns: the faulting
    // instruction runs again and reaches the previous handler with the real siginfo and context. Anything
    // else — abort(3), raise, kill, and SIGTRAP (x86's int3 does not repeat) — is raised again: it stays
    // blocked while this handler runs and reaches the previous handler as this one returns.
    int repeats = info != NULL && info->si_code > 0 && signal_number != SIGTRAP;
    if (!repeats) {
        (void)raise(signal_number);
    }
    errno = saved_errno;
}

static void guard_at_exit(void) {
    if (guard_armed) {
        guard_armed = 0;
        cnc_guard_restore_terminal();
    }
}

void cnc_guard_arm(void) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_sigaction = guard_crash_handler;
    // SA_ONSTACK: a stack overflow can only be handled on an alternate stack, where one is set up.
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (size_t index = 0; index < GUARD_SIGNAL_COUNT; index++) {
        (void)sigaction(guard_signals[index], &action, &guard_previous[index]);
    }
    if (!guard_atexit_registered) {
        guard_atexit_registered = 1;
        (void)atexit(guard_at_exit);
    }
    guard_armed = 1;
}

void cnc_guard_disarm(void) {
    if (!guard_armed) {
        return;
    }
    guard_armed = 0;
    for (size_t index = 0; index < GUARD_SIGNAL_COUNT; index++) {
        (void)sigaction(guard_signals[index], &guard_previous[index], NULL);
    }
}

// MARK: - Signal relay

static volatile sig_atomic_t relay_fd = -1;
static volatile sig_atomic_t relay_terminations = 0;
static int relay_installed = 0;
static const int relay_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT};
#define RELAY_SIGNAL_COUNT (sizeof(relay_signals) / sizeof(relay_signals[0]))
static struct sigaction relay_previous[RELAY_SIGNAL_COUNT];

static void relay_handler(int signal_number) {
    int saved_errno = errno;
    if (signal_number == SIGINT || signal_number == SIGTERM) {
        if (relay_terminations > 0) {
            // The program was already told and is still here: restore the terminal and die of the
            // signal now. SIGHUP is left out, since a hang-up often arrives twice (sshd and the shell).
            if (guard_armed) {
                guard_armed = 0;
                cnc_guard_restore_terminal();
            }
            struct sigaction default_action;
            memset(&default_action, 0, sizeof(default_action));
            default_action.sa_handler = SIG_DFL;
            sigemptyset(&default_action.sa_mask);
            (void)sigaction(signal_number, &default_action, NULL);
            (void)raise(signal_number);
            errno = saved_errno;
            return;
        }
        relay_terminations = 1;
    }
    int fd = relay_fd;
    if (fd >= 0) {
        unsigned char byte = (unsigned char)signal_number;
        (void)!write(fd, &byte, 1);
    }
    errno = saved_errno;
}

static void relay_action(struct sigaction *action) {
    memset(action, 0, sizeof(*action));
    action->sa_handler = relay_handler;
    // SA_RESTART: other threads' reads and writes carry on; the owner's poll(2) still returns EINTR.
    action->sa_flags = SA_RESTART;
    sigemptyset(&action->sa_mask);
}

void cnc_relay_install(int write_fd) {
    if (relay_installed) {
        relay_fd = write_fd;
        return;
    }
    relay_fd = write_fd;
    relay_terminations = 0;
    struct sigaction action;
    relay_action(&action);
    for (size_t index = 0; index < RELAY_SIGNAL_COUNT; index++) {
        int signal_number = relay_signals[index];
        (void)sigaction(signal_number, NULL, &relay_previous[index]);
        // A signal the parent ignored stays ignored (nohup(1) ignores SIGHUP; a shell without job
        // control ignores SIGTSTP in some setups), as curses itself only replaces SIG_DFL. SIGWINCH and
        // SIGCONT are needed to redraw and are taken whatever they were.
        int keeps_ignored = signal_number != SIGWINCH && signal_number != SIGCONT;
        if (keeps_ignored && relay_previous[index].sa_handler == SIG_IGN) {
            continue;
        }
        (void)sigaction(signal_number, &action, NULL);
    }
    // A parent may hand down a mask that blocks these (a program started from a thread that blocks
    // signals, as Dispatch's workers do); blocked everywhere, they would stay pending for ever. A
    // process-directed signal goes to any thread that does not block it, so this thread will do.
    sigset_t relayed;
    sigemptyset(&relayed);
    for (size_t index = 0; index < RELAY_SIGNAL_COUNT; index++) {
        sigaddset(&relayed, relay_signals[index]);
    }
    (void)pthread_sigmask(SIG_UNBLOCK, &relayed, NULL);
    relay_installed = 1;
}

void cnc_relay_remove(void) {
    if (!relay_installed) {
        return;
    }
    for (size_t index = 0; index < RELAY_SIGNAL_COUNT; index++) {
        (void)sigaction(relay_signals[index], &relay_previous[index], NULL);
    }
    relay_fd = -1;
    relay_installed = 0;
}

void cnc_relay_stop_process(void) {
    struct sigaction default_action;
    struct sigaction ours;
    memset(&default_action, 0, sizeof(default_action));
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    (void)sigaction(SIGTSTP, &default_action, &ours);
    sigset_t stop_set;
    sigset_t previous_mask;
    sigemptyset(&stop_set);
    sigaddset(&stop_set, SIGTSTP);
    (void)pthread_sigmask(SIG_UNBLOCK, &stop_set, &previous_mask);
    // Delivered to this thread at once; its default action stops every thread until SIGCONT.
    (void)raise(SIGTSTP);
    (void)pthread_sigmask(SIG_SETMASK, &previous_mask, NULL);
    (void)sigaction(SIGTSTP, &ours, NULL);
}
