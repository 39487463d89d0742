package org.messagestore.broker;

import javax.transaction.xa.XAException;

/**
 * XAExceptions with both an XA error code and a message a person can act on ({@link XAException}
 * has no constructor taking both). The codes are those of the XA specification (X/Open CAE, "Distributed
 * Transaction Processing: The XA Specification", 1991, xa_* return values), as JTA's XAException names them.
 */
final class XaErrors {

    private XaErrors() {
    }

    static XAException of(int errorCode, String message) {
        XAException e = new XAException(message);
        e.errorCode = errorCode;
        return e;
    }

    /** XAER_NOTA: "The XID is not valid" — the broker knows no such branch. */
    static XAException unknown(Object xid) {
        return of(XAException.XAER_NOTA, "the broker knows no transaction branch " + xid);
    }

    /** XAER_PROTO: "Routine invoked in an improper context" — the branch's state does not allow the verb. */
    static XAException protocol(String message) {
        return of(XAException.XAER_PROTO, message);
    }

    /** XA_RBROLLBACK: the branch was rolled back (for an unspecified reason) instead. */
    static XAException rolledBack(String message) {
        return of(XAException.XA_RBROLLBACK, message);
    }

    /** XAER_RMFAIL: the resource manager (its store) failed; the branch is as it was before the call. */
    static XAException storeFailed(String message, Throwable cause) {
        XAException e = of(XAException.XAER_RMFAIL, message);
        e.initCause(cause);
        return e;
    }
}
