package org.messagestore.protocol;

import java.util.Map;
import java.util.Objects;
import org.messagestore.model.BranchXid;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;

/**
 * A client → broker request: one record per {@link org.messagestore.model.BrokerConnection}
 * method. Every request is answered by one {@link ResponseFrame} with the same correlation id,
 * except the {@linkplain #oneWay() one-way} ones (consumed, pull, closeBrowser), whose methods
 * neither block nor throw.
 */
public sealed interface RequestFrame extends Frame {

    /** True for requests the broker does not answer. */
    default boolean oneWay() {
        return false;
    }

    record SetClientId(long correlationId, String clientId) implements RequestFrame {
    }

    record SetStarted(long correlationId, boolean started) implements RequestFrame {
    }

    record CreateSession(long correlationId, long sessionId, boolean transacted) implements RequestFrame {
    }

    record CloseSession(long correlationId, long sessionId) implements RequestFrame {
    }

    record CreateConsumer(long correlationId, ConsumerSpec spec) implements RequestFrame {
    }

    record CloseConsumer(long correlationId, long consumerId) implements RequestFrame {
    }

    record Send(long correlationId, long sessionId, MessageData message) implements RequestFrame {
    }

    /**
     * A send the client does not wait for (protocol version 3): in a transaction or XA branch, or of a
     * non-persistent message. Answered like {@link Send}; a failure in a transaction dooms it.
     */
    record PipelinedSend(long correlationId, long sessionId, MessageData message) implements RequestFrame {
    }

    /** Lazy acknowledgement (protocol version 3): answered once durable, but not waited for. */
    record LazyAcknowledge(long correlationId, long sessionId) implements RequestFrame {
    }

    record Consumed(long correlationId, long consumerId, long deliveryId) implements RequestFrame {
        @Override
        public boolean oneWay() {
            return true;
        }
    }

    record Pull(long correlationId, long consumerId) implements RequestFrame {
        @Override
        public boolean oneWay() {
            return true;
        }
    }

    record Drain(long correlationId, long consumerId) implements RequestFrame {
    }

    record Acknowledge(long correlationId, long sessionId) implements RequestFrame {
    }

    record Commit(long correlationId, long sessionId) implements RequestFrame {
    }

    record Rollback(long correlationId, long sessionId) implements RequestFrame {
    }

    record Unsubscribe(long correlationId, String subscriptionName) implements RequestFrame {
    }

    record CreateBrowser(long correlationId, long browserId, long sessionId, DestinationName queue, String selector)
            implements RequestFrame {
    }

    record BrowseNext(long correlationId, long browserId, int max) implements RequestFrame {
    }

    record CloseBrowser(long correlationId, long browserId) implements RequestFrame {
        @Override
        public boolean oneWay() {
            return true;
        }
    }

    record CreateTemporary(long correlationId, DestinationName destination) implements RequestFrame {
    }

    record DeleteTemporary(long correlationId, DestinationName destination) implements RequestFrame {
    }

    // ---- XA (protocol version 2); flags and votes are the javax.transaction.xa.XAResource constants.
    // Answered by Ok, XaVote (prepare), XaRecovered (recover) or, for an XA error, XaFailure.

    record XaStart(long correlationId, long sessionId, BranchXid xid, int flags) implements RequestFrame {
    }

    record XaEnd(long correlationId, long sessionId, BranchXid xid, int flags) implements RequestFrame {
    }

    record XaPrepare(long correlationId, BranchXid xid) implements RequestFrame {
    }

    record XaCommit(long correlationId, BranchXid xid, boolean onePhase) implements RequestFrame {
    }

    record XaRollback(long correlationId, BranchXid xid) implements RequestFrame {
    }

    record XaRecover(long correlationId) implements RequestFrame {
    }

    record XaForget(long correlationId, BranchXid xid) implements RequestFrame {
    }

    /**
     * A management command (protocol version 4), answered by {@link ResponseFrame.AdminAnswer} once it is
     * done; a long one sends {@link PushFrame.AdminProgressPush} frames naming this request meanwhile.
     */
    record Admin(long correlationId, String command, Map<String, String> arguments) implements RequestFrame {
        public Admin {
            Objects.requireNonNull(command, "command");
            arguments = Map.copyOf(arguments);
        }
    }

    /** Closes the broker side of the connection; answered once it is closed. */
    record CloseConnection(long correlationId) implements RequestFrame {
    }
}
