package org.messagestore.server.cli;

/**
 * Ends a command with a message for the user and one of the {@link ExitCodes}. The message is printed as it
 * is, never with a stack trace; it must never contain a password.
 */
final class CommandFailure extends RuntimeException {

    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
