package org.messagestore.client.message;

import jakarta.jms.MessageFormatException;

/** Builds the spec's exceptions with their cause attached both as linked exception and as cause. */
final class Failures {

    private Failures() {
    }

    static MessageFormatException formatError(String message, Exception cause) {
        var e = new MessageFormatException(message);
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }
}
