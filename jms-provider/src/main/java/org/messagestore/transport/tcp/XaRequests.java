package org.messagestore.transport.tcp;

import javax.transaction.xa.XAException;
import org.messagestore.protocol.RequestFrame;
import org.messagestore.protocol.RequestFrame.XaCommit;
import org.messagestore.protocol.RequestFrame.XaEnd;
import org.messagestore.protocol.RequestFrame.XaForget;
import org.messagestore.protocol.RequestFrame.XaPrepare;
import org.messagestore.protocol.RequestFrame.XaRecover;
import org.messagestore.protocol.RequestFrame.XaRollback;
import org.messagestore.protocol.RequestFrame.XaStart;
import org.messagestore.protocol.ResponseFrame;
import org.messagestore.protocol.ResponseFrame.Ok;
import org.messagestore.protocol.ResponseFrame.XaFailure;
import org.messagestore.protocol.ResponseFrame.XaRecovered;
import org.messagestore.protocol.ResponseFrame.XaVote;
import org.messagestore.model.BrokerConnection;

/**
 * Carries out the XA requests (protocol version 2) for {@link RequestDispatcher}. An XAException
 * becomes an {@link XaFailure} answer with its error code, so the client throws the same code.
 *
 * <p>Threads: called on the connection's {@link OrderedExecutor}; blocks while the store writes.
 */
final class XaRequests {

    private XaRequests() {
    }

    static boolean handles(RequestFrame request) {
        return request instanceof XaStart || request instanceof XaEnd || request instanceof XaPrepare
                || request instanceof XaCommit || request instanceof XaRollback || request instanceof XaRecover
                || request instanceof XaForget;
    }

    /** The answer to an XA request ({@link #handles} must be true). */
    static ResponseFrame serve(BrokerConnection connection, RequestFrame request) {
        long id = request.correlationId();
        try {
            if (request instanceof XaStart r) {
                connection.xaStart(r.sessionId(), r.xid(), r.flags());
            } else if (request instanceof XaEnd r) {
                connection.xaEnd(r.sessionId(), r.xid(), r.flags());
            } else if (request instanceof XaPrepare r) {
                return new XaVote(id, connection.xaPrepare(r.xid()));
            } else if (request instanceof XaCommit r) {
                connection.xaCommit(r.xid(), r.onePhase());
            } else if (request instanceof XaRollback r) {
                connection.xaRollback(r.xid());
            } else if (request instanceof XaRecover) {
                return new XaRecovered(id, connection.xaRecover());
            } else if (request instanceof XaForget r) {
                connection.xaForget(r.xid());
            } else {
                throw new IllegalArgumentException("not an XA request: " + request);
            }
            return new Ok(id);
        } catch (XAException e) {
            return new XaFailure(id, e.errorCode, e.getMessage());
        }
    }
}
