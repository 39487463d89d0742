package org.messagestore.transport;

import javax.transaction.xa.XAException;

/**
 * Builds the XAExceptions the client side of the boundary throws: an XA error code and a message
 * ({@link XAException} has no constructor for both).
 */
public final class XaExceptions {

    private XaExceptions() {
    }

    public static XAException of(int errorCode, String message, Throwable cause) {
        XAException e = new XAException(message);
        e.errorCode = errorCode;
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
