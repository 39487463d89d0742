package org.messagestore.protocol;

import java.util.List;
import org.messagestore.model.AdminResult;
import org.messagestore.model.BranchXid;
import org.messagestore.model.MessageData;

/** A broker → client answer to one {@link RequestFrame} (or, with correlation id 0, to the {@link HandshakeFrame.Hello}). */
public sealed interface ResponseFrame extends Frame {

    /** The request succeeded and returns nothing. */
    record Ok(long correlationId) implements ResponseFrame {
    }

    /** The answer to {@link RequestFrame.BrowseNext}: the next messages, empty at the end of the queue. */
    record BrowseResult(long correlationId, List<MessageData> messages) implements ResponseFrame {
        public BrowseResult {
            messages = List.copyOf(messages);
        }
    }

    /** The answer to {@link RequestFrame.XaPrepare}: XAResource.XA_OK or XA_RDONLY (protocol version 2). */
    record XaVote(long correlationId, int vote) implements ResponseFrame {
    }

    /** The answer to {@link RequestFrame.XaRecover}: the prepared branches (protocol version 2). */
    record XaRecovered(long correlationId, List<BranchXid> xids) implements ResponseFrame {
        public XaRecovered {
            xids = List.copyOf(xids);
        }
    }

    /**
     * An XA request failed with an XAException (protocol version 2): the client throws an XAException
     * with the same XA error code, so a transaction manager sees XAER_NOTA, XAER_PROTO, XA_RBROLLBACK...
     * exactly as the broker chose them.
     *
     * @param errorCode {@code XAException.errorCode}
     * @param message   its message, or null
     */
    record XaFailure(long correlationId, int errorCode, String message) implements ResponseFrame {
    }

    /** The answer to {@link RequestFrame.Admin} (protocol version 4). */
    record AdminAnswer(long correlationId, AdminResult result) implements ResponseFrame {
    }

    /**
     * The request failed with a JMS exception.
     *
     * @param exceptionClass the fully qualified class name of the {@code jakarta.jms} exception thrown
     * @param message        its message, or null
     * @param errorCode      its vendor error code, or null
     */
    record Failure(long correlationId, String exceptionClass, String message, String errorCode) implements ResponseFrame {
    }
}
