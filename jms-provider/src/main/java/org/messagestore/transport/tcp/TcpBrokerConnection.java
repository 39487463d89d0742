package org.messagestore.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import javax.transaction.xa.XAException;
import org.messagestore.model.BranchXid;
import org.messagestore.model.BrokerAnswers;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DeliverySink;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.protocol.FrameEncoder;
import org.messagestore.protocol.RequestFrame;
import org.messagestore.protocol.RequestFrame.Acknowledge;
import org.messagestore.model.AdminProgress;
import org.messagestore.model.AdminResult;
import org.messagestore.protocol.RequestFrame.Admin;
import org.messagestore.protocol.RequestFrame.BrowseNext;
import org.messagestore.protocol.RequestFrame.CloseBrowser;
import org.messagestore.protocol.RequestFrame.CloseConnection;
import org.messagestore.protocol.RequestFrame.CloseConsumer;
import org.messagestore.protocol.RequestFrame.CloseSession;
import org.messagestore.protocol.RequestFrame.Commit;
import org.messagestore.protocol.RequestFrame.Consumed;
import org.messagestore.protocol.RequestFrame.CreateBrowser;
import org.messagestore.protocol.RequestFrame.CreateConsumer;
import org.messagestore.protocol.RequestFrame.CreateSession;
import org.messagestore.protocol.RequestFrame.CreateTemporary;
import org.messagestore.protocol.RequestFrame.DeleteTemporary;
import org.messagestore.protocol.RequestFrame.Drain;
import org.messagestore.protocol.RequestFrame.LazyAcknowledge;
import org.messagestore.protocol.RequestFrame.PipelinedSend;
import org.messagestore.protocol.RequestFrame.Pull;
import org.messagestore.protocol.RequestFrame.Rollback;
import org.messagestore.protocol.RequestFrame.Send;
import org.messagestore.protocol.RequestFrame.SetClientId;
import org.messagestore.protocol.RequestFrame.SetStarted;
import org.messagestore.protocol.RequestFrame.Unsubscribe;
import org.messagestore.protocol.RequestFrame.XaCommit;
import org.messagestore.protocol.RequestFrame.XaEnd;
import org.messagestore.protocol.RequestFrame.XaForget;
import org.messagestore.protocol.RequestFrame.XaPrepare;
import org.messagestore.protocol.RequestFrame.XaRecover;
import org.messagestore.protocol.RequestFrame.XaRollback;
import org.messagestore.protocol.RequestFrame.XaStart;
import org.messagestore.protocol.ResponseFrame;
import org.messagestore.protocol.ResponseFrame.AdminAnswer;
import org.messagestore.protocol.ResponseFrame.BrowseResult;
import org.messagestore.protocol.ResponseFrame.XaFailure;
import org.messagestore.protocol.ResponseFrame.XaRecovered;
import org.messagestore.protocol.ResponseFrame.XaVote;
import org.messagestore.transport.XaExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BrokerConnection} over TCP: each method writes its request frame and, unless it is one of
 * the non-blocking ones, waits for the answer with the same correlation id. The broker carries out a
 * connection's requests in the order they were written.
 *
 * <p>Threads: any client thread may call it; waiting happens on the caller's thread, never on the
 * link's thread ({@code messagestore-tcp-client-*}, one per connection, owned here and stopped by
 * {@link #close()}), which only decodes and completes futures (see {@link ClientLink}). A send's
 * future completes on the link's thread.
 */
final class TcpBrokerConnection implements BrokerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(TcpBrokerConnection.class);
    /** How many bytes of pipelined sends may be on their way at once; a larger message takes it all. */
    static final int PIPELINE_WINDOW_BYTES = 1 << 20;

    private final ClientLink link;
    private final ClientFrames frames;
    private final PendingRequests pending;
    private final String connectionId;
    private final String peer;
    private final int peerMaxFrameBytes;
    /** Bytes of pipelined sends written and not yet answered, at most {@link #PIPELINE_WINDOW_BYTES}. */
    private final Semaphore pipelineWindow = new Semaphore(PIPELINE_WINDOW_BYTES);
    private final AtomicLong correlationIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    TcpBrokerConnection(ClientLink link, ClientFrames frames, PendingRequests pending,
                        String connectionId, String peer, int peerMaxFrameBytes) {
        this.link = link;
        this.frames = frames;
        this.pending = pending;
        this.connectionId = connectionId;
        this.peer = peer;
        this.peerMaxFrameBytes = peerMaxFrameBytes;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public void setClientId(String clientId) throws JMSException {
        call(id -> new SetClientId(id, clientId));
    }

    @Override
    public void createSession(long sessionId, boolean transacted) throws JMSException {
        call(id -> new CreateSession(id, sessionId, transacted));
    }

    @Override
    public void closeSession(long sessionId) throws JMSException {
        release(id -> new CloseSession(id, sessionId));
    }

    @Override
    public void createConsumer(ConsumerSpec spec, DeliverySink sink) throws JMSException {
        // Registered first: deliveries may arrive before the answer.
        frames.sinks.put(spec.consumerId(), sink);
        try {
            call(id -> new CreateConsumer(id, spec));
        } catch (JMSException | RuntimeException e) {
            frames.sinks.remove(spec.consumerId(), sink);
            throw e;
        }
    }

    @Override
    public void closeConsumer(long consumerId) throws JMSException {
        try {
            release(id -> new CloseConsumer(id, consumerId));
        } finally {
            frames.sinks.remove(consumerId);
        }
    }

    @Override
    public CompletableFuture<Void> send(long sessionId, MessageData message) {
        long id = correlationIds.incrementAndGet();
        try {
            return submit(id, encode(new Send(id, sessionId, message)), 0, true).thenApply(response -> null);
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits while {@link #PIPELINE_WINDOW_BYTES} of pipelined sends are unanswered: flow control still applies. */
    @Override
    public CompletableFuture<Void> sendPipelined(long sessionId, MessageData message) throws JMSException {
        return pipelined(sessionId, message, true);
    }

    /** Written without a flush: the link sends it with later sends, or at the latest with the transaction's end. */
    @Override
    public CompletableFuture<Void> sendInTransaction(long sessionId, MessageData message) throws JMSException {
        return pipelined(sessionId, message, false);
    }

    private CompletableFuture<Void> pipelined(long sessionId, MessageData message, boolean flush) throws JMSException {
        long id = correlationIds.incrementAndGet();
        ByteBuf frame = encode(new PipelinedSend(id, sessionId, message));
        return submit(id, frame, Math.min(frame.readableBytes(), PIPELINE_WINDOW_BYTES), flush).thenApply(response -> null);
    }

    @Override
    public boolean pipelinesSends() {
        return true;
    }

    @Override
    public boolean overlapsAcknowledgements() {
        return true;
    }

    /** Written without a flush: it leaves with the connection's next flushed request, or at {@link #sendHeldRequests}. */
    @Override
    public CompletableFuture<Void> acknowledgeWithNextRequest(long sessionId) {
        long id = correlationIds.incrementAndGet();
        return submit(id, new Acknowledge(id, sessionId), 0, false).thenApply(response -> null);
    }

    @Override
    public void sendHeldRequests() {
        link.flush();
    }

    @Override
    public void consumed(long consumerId, long deliveryId) {
        oneWay(new Consumed(0, consumerId, deliveryId));
    }

    /**
     * Written without a flush: the acknowledgement's flush sends both in one write, so the broker's
     * event loop wakes once per message, not twice (and, on Netty, the client's too).
     */
    @Override
    public void consumedBeforeAcknowledge(long consumerId, long deliveryId) {
        oneWay(new Consumed(0, consumerId, deliveryId), false);
    }

    @Override
    public void pull(long consumerId) {
        oneWay(new Pull(0, consumerId));
    }

    @Override
    public void drain(long consumerId) throws JMSException {
        call(id -> new Drain(id, consumerId));
    }

    @Override
    public void acknowledge(long sessionId) throws JMSException {
        call(id -> new Acknowledge(id, sessionId));
    }

    @Override
    public CompletableFuture<Void> acknowledgeAsync(long sessionId) {
        return submit(id -> new Acknowledge(id, sessionId)).thenApply(response -> null);
    }

    @Override
    public CompletableFuture<Void> acknowledgeLazily(long sessionId) {
        return submit(id -> new LazyAcknowledge(id, sessionId)).thenApply(response -> null);
    }

    @Override
    public void commit(long sessionId) throws JMSException {
        call(id -> new Commit(id, sessionId));
    }

    @Override
    public void rollback(long sessionId) throws JMSException {
        call(id -> new Rollback(id, sessionId));
    }

    @Override
    public void setStarted(boolean started) throws JMSException {
        call(id -> new SetStarted(id, started));
    }

    @Override
    public void unsubscribe(String subscriptionName) throws JMSException {
        call(id -> new Unsubscribe(id, subscriptionName));
    }

    @Override
    public void createBrowser(long browserId, long sessionId, DestinationName queue, String selector) throws JMSException {
        call(id -> new CreateBrowser(id, browserId, sessionId, queue, selector));
    }

    @Override
    public List<MessageData> browseNext(long browserId, int max) throws JMSException {
        return ((BrowseResult) call(id -> new BrowseNext(id, browserId, max))).messages();
    }

    @Override
    public void closeBrowser(long browserId) {
        oneWay(new CloseBrowser(0, browserId));
    }

    @Override
    public void createTemporaryDestination(DestinationName destination) throws JMSException {
        call(id -> new CreateTemporary(id, destination));
    }

    @Override
    public void deleteTemporaryDestination(DestinationName destination) throws JMSException {
        call(id -> new DeleteTemporary(id, destination));
    }

    // ---- XA: an XaFailure answer becomes an XAException with the broker's error code; a connection
    // that failed is XAER_RMFAIL (the broker could not be reached), any other failure XAER_RMERR.

    @Override
    public void xaStart(long sessionId, BranchXid xid, int flags) throws XAException {
        callXa(id -> new XaStart(id, sessionId, xid, flags));
    }

    @Override
    public void xaEnd(long sessionId, BranchXid xid, int flags) throws XAException {
        callXa(id -> new XaEnd(id, sessionId, xid, flags));
    }

    @Override
    public int xaPrepare(BranchXid xid) throws XAException {
        return ((XaVote) callXa(id -> new XaPrepare(id, xid))).vote();
    }

    @Override
    public void xaCommit(BranchXid xid, boolean onePhase) throws XAException {
        callXa(id -> new XaCommit(id, xid, onePhase));
    }

    @Override
    public void xaRollback(BranchXid xid) throws XAException {
        callXa(id -> new XaRollback(id, xid));
    }

    @Override
    public List<BranchXid> xaRecover() throws XAException {
        return ((XaRecovered) callXa(XaRecover::new)).xids();
    }

    @Override
    public void xaForget(BranchXid xid) throws XAException {
        callXa(id -> new XaForget(id, xid));
    }

    private ResponseFrame callXa(LongFunction<RequestFrame> request) throws XAException {
        ResponseFrame response;
        try {
            response = call(request);
        } catch (JMSException e) {
            // Without an answer the branch is as the broker has it: XAER_RMFAIL, which a transaction
            // manager leaves to recovery. XAER_RMERR (an error the broker answered) makes Narayana
            // record a heuristic outcome on commit, so a lost connection must never be reported so.
            boolean answered = !(e instanceof NotSent) && pending.failure() == null;
            int code = answered ? XAException.XAER_RMERR : XAException.XAER_RMFAIL;
            throw XaExceptions.of(code, "XA request to broker " + peer + " failed: " + e.getMessage(), e);
        }
        if (response instanceof XaFailure failure) {
            throw XaExceptions.of(failure.errorCode(), failure.message(), null);
        }
        return response;
    }

    /**
     * Closes the broker side (waiting for it, so that the connection's client id and temporary
     * destinations are free when this returns), then the link.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        frames.expectClose();
        try {
            release(CloseConnection::new);
        } catch (JMSException e) {
            LOG.debug("closing broker connection {} over TCP failed: {}", connectionId, e.getMessage());
        }
        pending.failAll(new IllegalStateException("connection " + connectionId + " is closed"));
        link.close();
    }

    @Override
    public CompletableFuture<AdminResult> admin(String command, Map<String, String> arguments, AdminProgress progress) {
        long id = correlationIds.incrementAndGet();
        if (progress != null) {
            pending.watchProgress(id, progress);
        }
        return submit(id, new Admin(id, command, arguments), 0, true).thenApply(answer -> ((AdminAnswer) answer).result());
    }

    // ---- request plumbing

    private CompletableFuture<ResponseFrame> submit(LongFunction<RequestFrame> request) {
        long id = correlationIds.incrementAndGet();
        return submit(id, request.apply(id), 0, true);
    }

    /**
     * Writes request {@code id} (a frame, or one already {@linkplain #encode encoded}) and returns its
     * answer. With {@code windowPermits}, first waits for that much room in the pipeline window.
     * Without {@code flush}, the request may leave with a later one.
     */
    private CompletableFuture<ResponseFrame> submit(long id, Object request, int windowPermits, boolean flush) {
        if (!pipelineWindow.tryAcquire(windowPermits)) {
            link.flush(); // the answers that make room may wait for sends still held back
            pipelineWindow.acquireUninterruptibly(windowPermits);
        }
        var answer = pending.register(id);
        if (windowPermits > 0) {
            answer.whenComplete((response, failure) -> pipelineWindow.release(windowPermits));
        }
        if (answer.isDone()) {
            ReferenceCountUtil.release(request);
        } else {
            link.write(request, flush, cause -> pending.fail(id, writeFailed(cause)));
        }
        return answer;
    }

    /**
     * Encodes a send on the caller's thread, which takes the work off the link's thread and refuses a
     * message too large for the broker before anything is written: a pipelined send of a transaction
     * must either reach the broker or fail where the application can see it.
     */
    private ByteBuf encode(RequestFrame request) throws JMSException {
        ByteBuf frame = link.alloc().buffer();
        try {
            FrameEncoder.write(request, frame, peerMaxFrameBytes);
            return frame;
        } catch (RuntimeException e) { // TooLongFrameException above all
            frame.release();
            throw writeFailed(e);
        }
    }

    private ResponseFrame call(LongFunction<RequestFrame> request) throws JMSException {
        return BrokerAnswers.await(submit(request), "request");
    }

    /**
     * Releasing something on a connection that has already failed succeeds: the broker released it too.
     * The socket may be closed before the failure is recorded (a broker killed a moment ago), so a
     * closed link counts as failed.
     */
    private void release(LongFunction<RequestFrame> request) throws JMSException {
        if (pending.failure() != null || !link.isActive()) {
            return;
        }
        try {
            BrokerAnswers.await(submit(request), "request");
        } catch (JMSException e) {
            if (pending.failure() == null && link.isActive()) {
                throw e;
            }
        }
    }

    private void oneWay(RequestFrame request) {
        oneWay(request, true);
    }

    /** Without {@code flush}, the request leaves with the next request that is flushed. */
    private void oneWay(RequestFrame request, boolean flush) {
        if (pending.failure() == null) {
            link.write(request, flush, cause -> {
                if (link.isActive()) {
                    LOG.warn("could not send {} to {}: {}", request, peer, cause.toString());
                }
            });
        }
    }

    private JMSException writeFailed(Throwable cause) {
        return new NotSent("could not send the request to broker " + peer + ": " + TcpPipeline.reason(cause), cause);
    }

    /**
     * A request that never left: its write failed (often the socket closed a moment before the
     * connection's failure is recorded), so the broker cannot have acted on it.
     */
    private static final class NotSent extends JMSException {
        private static final long serialVersionUID = 1L;

        NotSent(String message, Throwable cause) {
            super(message);
            initCause(cause);
        }
    }

    @Override
    public String toString() {
        return "tcp connection " + connectionId + " to " + peer;
    }
}
