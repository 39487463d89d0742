package org.messagestore.server.cli;

/**
 * The exit statuses of {@code messagestore}, the same for every command so that scripts can branch on
 * them. Listed under "Exit codes" in every command's {@code --help}.
 */
final class ExitCodes {

    /** The command did what it was asked. */
    static final int OK = 0;
    /** The broker (or the local file) refused the operation: an unknown queue, no such message, an I/O error. */
    static final int FAILED = 1;
    /** Bad arguments, a bad selector or a bad configuration file: nothing was changed. Picocli's own usage status. */
    static final int USAGE = 2;
    /** No broker answered at the URL, or it refused the credentials. */
    static final int CANNOT_CONNECT = 3;
    /** Connected, but the user lacks the permission the command needs. */
    static final int NOT_PERMITTED = 4;

    /** The lines of the help section, {@code status:meaning} as picocli's {@code exitCodeList} wants them. */
    static final String[] HELP = {
        "0:done",
        "1:the operation failed (e.g. unknown queue, no such message, unreadable file)",
        "2:usage error: bad arguments, selector or configuration; nothing was changed",
        "3:cannot connect to the broker, or it refused the credentials",
        "4:not permitted: the user lacks the permission (e.g. admin)",
    };

    private ExitCodes() {
    }
}
