package org.messagestore.model;

import jakarta.jms.JMSException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.transaction.xa.XAException;

/**
 * The client's view of one connection to a broker: the only interface between the client's JMS
 * classes and the broker. The in-VM transport implements it with direct calls, the TCP transport
 * with frames; the JMS classes cannot tell which.
 *
 * <p>Blocking methods return when the broker has done the work (for work that must be durable: when
 * it is durable) and throw the {@link JMSException} subtype the spec names, built by the broker
 * with a message a user can act on. The client checks its own state (closed objects, wrong session
 * mode, thread rules) before calling; the broker checks everything that needs the broker's state
 * (names in use, existence, credentials, permissions).
 *
 * <p>Message ownership: between {@link DeliverySink#deliver} and the end of the session's
 * transaction or acknowledgement, a delivery is <em>outstanding</em> and belongs to its session.
 * The client reports with {@link #consumed} the moment a delivery is handed to the application.
 * On acknowledge/commit the consumed deliveries of the session are removed for good. On rollback,
 * recover or session close, all outstanding deliveries of the session return to their queues in
 * their original order; the consumed ones count as redelivered (delivery count + 1), the others
 * do not.
 */
public interface BrokerConnection {

    /** A broker-unique id for this connection (used for noLocal and temporary destinations). */
    String connectionId();

    /**
     * Claims a client id for this connection. Throws InvalidClientIDException when another
     * connection holds it.
     */
    void setClientId(String clientId) throws JMSException;

    /**
     * Starts or stops delivery to this connection's consumers. A connection starts stopped (Jakarta
     * Messaging 3.1, 6.1.4): until started, the broker dispatches nothing to its consumers, so their
     * messages stay available to consumers of started connections. Stopping ends new dispatch;
     * deliveries already in a consumer's buffer stay there.
     */
    void setStarted(boolean started) throws JMSException;

    void createSession(long sessionId, boolean transacted) throws JMSException;

    /** Closes the session: returns its outstanding deliveries (as rollback) and closes its consumers. */
    void closeSession(long sessionId) throws JMSException;

    /**
     * Creates a consumer (and, for topics, its subscription). Deliveries for it go to {@code sink},
     * possibly before this method returns. Throws InvalidDestinationException for a destination that
     * does not exist (deleted temporary destination, or one of another connection),
     * IllegalStateException for an unshared durable subscription that already has a consumer, or
     * JMSException for a subscription name used by a subscription of the other kind.
     */
    void createConsumer(ConsumerSpec spec, DeliverySink sink) throws JMSException;

    /**
     * Closes a consumer. Its deliveries not yet consumed go back to the queue unchanged; its consumed
     * but unacknowledged deliveries stay with the session. A non-durable subscription ends with its last consumer.
     */
    void closeConsumer(long consumerId) throws JMSException;

    /**
     * Sends a message. In a transacted session it joins the session's transaction and the future
     * completes at once; otherwise it completes when the broker has accepted the message, and for a
     * persistent message only when it is durable. Completes exceptionally with a JMSException
     * (InvalidDestinationException for a deleted temporary destination).
     */
    CompletableFuture<Void> send(long sessionId, MessageData message);

    /**
     * Sends a message the caller does not wait for: one sent in a transaction or XA branch, or a
     * non-persistent one. The broker carries it out in order with this connection's other requests.
     * A failure completes the future exceptionally and, in a transaction or branch, dooms it: its
     * commit rolls back and throws TransactionRolledBackException (XA: prepare and one-phase commit
     * fail with XA_RBROLLBACK, the branch rolled back). Throws at once, and the broker never sees the
     * message, when it cannot be sent at all (too large for the broker).
     */
    CompletableFuture<Void> sendPipelined(long sessionId, MessageData message) throws JMSException;

    /**
     * {@link #sendPipelined} for a send in a transaction or XA branch, whose end is a request that
     * comes later (commit, rollback, XA end, or closing the session): a transport may hold the send
     * back and write it together with later ones.
     */
    default CompletableFuture<Void> sendInTransaction(long sessionId, MessageData message) throws JMSException {
        return sendPipelined(sessionId, message);
    }

    /**
     * Whether {@link #sendPipelined} saves the caller a round trip. Over TCP it does; the in-VM
     * connection answers every send at once, so its client waits and sees each failure where it happened.
     */
    default boolean pipelinesSends() {
        return false;
    }

    /**
     * Whether an AUTO_ACKNOWLEDGE session sends each acknowledgement without waiting for its answer and
     * waits for it before handing out its next message instead. Over TCP that takes the round trip off
     * the receive; the in-VM connection makes the acknowledgement durable on the caller's thread anyway,
     * with nothing to overlap.
     */
    default boolean overlapsAcknowledgements() {
        return false;
    }

    /**
     * {@link #acknowledgeAsync}, for a session that waits for the answer only before it hands out its next
     * message ({@link #overlapsAcknowledgements}): a transport may hold the request back until the
     * connection's next request leaves, so that an acknowledgement and the send that follows it (a reply,
     * say) reach the broker together, or until {@link #sendHeldRequests}.
     */
    default CompletableFuture<Void> acknowledgeWithNextRequest(long sessionId) {
        return acknowledgeAsync(sessionId);
    }

    /** Sends the requests a transport holds back ({@link #acknowledgeWithNextRequest}) now. Non-blocking. */
    default void sendHeldRequests() {
    }

    /** Reports that a delivery was handed to the application. Non-blocking. */
    void consumed(long consumerId, long deliveryId);

    /**
     * {@link #consumed}, for a caller whose session acknowledges next (AUTO_ACKNOWLEDGE after each
     * receive) or soon (a lazy acknowledgement, at the latest after half the prefetch or when the
     * consumer's buffer runs dry): a transport may hold the report back and send it together with that
     * acknowledgement, or any earlier request of the connection, instead of on its own. Non-blocking.
     */
    default void consumedBeforeAcknowledge(long consumerId, long deliveryId) {
        consumed(consumerId, deliveryId);
    }

    /** Prefetch 0: asks the broker for one more message for this consumer. Non-blocking. */
    void pull(long consumerId);

    /**
     * Prefetch 0: withdraws unanswered {@link #pull}s. When this returns, every message the broker
     * sent for those pulls is already in the consumer's sink.
     */
    void drain(long consumerId) throws JMSException;

    /** Acknowledges every consumed delivery of the session; returns when the acknowledgement is durable. */
    void acknowledge(long sessionId) throws JMSException;

    /**
     * {@link #acknowledge} for a caller that must not block (the TCP server's event loop): completes
     * when the acknowledgement is durable, or exceptionally with the JMSException acknowledge throws.
     */
    CompletableFuture<Void> acknowledgeAsync(long sessionId);

    /**
     * Acknowledges every consumed delivery of the session without the caller waiting for the disk
     * (lazy acknowledgement: DUPS_OK_ACKNOWLEDGE, or AUTO_ACKNOWLEDGE by the factory's choice). The
     * deliveries are settled at once; the future completes when their removal is durable (until then a
     * crash brings them back). A failed write completes it normally too: the messages then come again
     * after a restart, which lazy acknowledgement allows. Does nothing inside an XA branch.
     */
    CompletableFuture<Void> acknowledgeLazily(long sessionId);

    /** Commits the session's transaction (its sends and its consumed deliveries). */
    void commit(long sessionId) throws JMSException;

    /** Rolls back the session's transaction, or, for a non-transacted session, recovers it. */
    void rollback(long sessionId) throws JMSException;

    /**
     * Deletes a durable subscription of this connection's client id (or of no client id). Throws
     * InvalidDestinationException when none exists, IllegalStateException while it has an active
     * consumer or unacknowledged messages.
     */
    void unsubscribe(String subscriptionName) throws JMSException;

    /**
     * Opens a browser on a queue (Jakarta Messaging 3.1, 4.7 "QueueBrowser"): a view of the messages
     * the queue holds, in delivery order, that consumes nothing. InvalidSelectorException for a bad
     * selector, InvalidDestinationException for a queue that does not exist.
     */
    void createBrowser(long browserId, long sessionId, DestinationName queue, String selector) throws JMSException;

    /**
     * The next messages of a browser, at most {@code max}: messages still in the queue that match its
     * selector, are not expired and are due for delivery, after those already returned. An empty list
     * means the browser has reached the end of the queue.
     */
    List<MessageData> browseNext(long browserId, int max) throws JMSException;

    /** Closes a browser; closing an unknown or closed browser does nothing. */
    void closeBrowser(long browserId);

    /** Creates a temporary destination owned by this connection. */
    void createTemporaryDestination(DestinationName destination) throws JMSException;

    /** Deletes a temporary destination; IllegalStateException while it has consumers. */
    void deleteTemporaryDestination(DestinationName destination) throws JMSException;

    // ---- XA (X/Open XA, "Distributed Transaction Processing: The XA Specification" (1991), and the JTA
    // XAResource contract). Each verb throws XAException with the XA error code the broker chose:
    // XAER_NOTA for an Xid the broker does not know, XAER_PROTO for a verb the branch's state does not
    // allow, XAER_DUPID for a start of a known Xid, XAER_INVAL for bad flags, XA_RBROLLBACK when the
    // branch was rolled back instead, XAER_RMFAIL when the broker (or the connection to it) failed.
    // The broker never decides a branch on its own, so it reports no heuristic outcome.

    /**
     * Associates the session with branch {@code xid} (XAResource.start): from now its sends and the
     * messages it consumes belong to the branch, and {@link #acknowledge} on it does nothing.
     * {@code flags}: TMNOFLAGS (a new branch), TMJOIN (a branch another session started) or TMRESUME
     * (the branch this session suspended).
     */
    void xaStart(long sessionId, BranchXid xid, int flags) throws XAException;

    /**
     * Ends the session's association with {@code xid} (XAResource.end): the work it did goes with
     * the branch, and the session is again a plain (non-transacted) session. {@code flags}: TMSUCCESS,
     * TMFAIL (the branch may only roll back) or TMSUSPEND (resume later with TMRESUME).
     */
    void xaEnd(long sessionId, BranchXid xid, int flags) throws XAException;

    /**
     * Phase one (XAResource.prepare): writes the branch's work as one durable prepared record and
     * returns XA_OK, or XA_RDONLY when the branch did nothing (it is then forgotten). The branch may
     * be ended on any session or connection of the same broker.
     */
    int xaPrepare(BranchXid xid) throws XAException;

    /**
     * Phase two (XAResource.commit): applies a prepared branch, or with {@code onePhase} commits an
     * ended, unprepared branch in one atomic store write. Returns when the outcome is durable.
     */
    void xaCommit(BranchXid xid, boolean onePhase) throws XAException;

    /**
     * Rolls a branch back (XAResource.rollback): its sends are dropped, its consumed messages return
     * to their queues counted as redelivered.
     */
    void xaRollback(BranchXid xid) throws XAException;

    /** The prepared (in-doubt) branches of the broker, including those it found in its store at start. */
    List<BranchXid> xaRecover() throws XAException;

    /** Forgets a heuristically completed branch; this broker makes no heuristic decisions, so XAER_NOTA. */
    void xaForget(BranchXid xid) throws XAException;

    /**
     * Runs one management command at the broker (protocol version 4), answered when it is done; long
     * operations report to {@code progress} as they go. Commands and their arguments are listed in
     * {@code org.messagestore.broker.AdminCommands}. Needs the broker-wide {@code admin} permission
     * (JMSSecurityException); an unknown queue is an InvalidDestinationException, a bad selector an
     * InvalidSelectorException, an unknown command or a missing or bad argument a JMSException with
     * error code {@code BAD_ARGUMENT}.
     */
    CompletableFuture<AdminResult> admin(String command, Map<String, String> arguments, AdminProgress progress);

    /** Closes the connection: closes its sessions, deletes its temporary destinations, frees its client id. */
    void close();
}
