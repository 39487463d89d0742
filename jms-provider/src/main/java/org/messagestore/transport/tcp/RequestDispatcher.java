package org.messagestore.transport.tcp;

import jakarta.jms.JMSException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import javax.transaction.xa.XAException;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DeliverySink;
import org.messagestore.protocol.RequestFrame;
import org.messagestore.protocol.RequestFrame.Acknowledge;
import org.messagestore.model.AdminProgress;
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
import org.messagestore.protocol.ResponseFrame.Ok;
import org.messagestore.protocol.ResponseFrame.XaFailure;
import org.messagestore.protocol.ResponseFrame.XaRecovered;
import org.messagestore.protocol.ResponseFrame.XaVote;

/**
 * Carries out one decoded request on the broker's {@link BrokerConnection} and says what to answer.
 * One table line per request type says which broker call serves it and how it is answered: with
 * {@link Ok} once the call returns, with a result frame, not at all (one-way requests), or, for the
 * sends, when the broker's future completes (the message accepted; durable, if persistent).
 * An XAException becomes an {@link XaFailure} answer with its error code, so the client throws the
 * same code; any other exception is reported by the caller as a {@code Failure}.
 *
 * <p>Threads: called on the connection's {@link OrderedExecutor}, one request at a time; may block,
 * except for the requests that {@linkplain #neverWaits never wait}, which the event loop may serve, as it
 * may those that {@linkplain #waitsOnlyForTheStore wait only for the store} when it serves nothing else.
 */
final class RequestDispatcher {

    /** How one request type is served: the answer, or null for a one-way request. */
    @FunctionalInterface
    private interface Handler<R extends RequestFrame> {
        CompletableFuture<ResponseFrame> serve(RequestDispatcher target, R request) throws JMSException;
    }

    /** A broker call answered by {@link Ok} (or, for a one-way request, not answered). */
    @FunctionalInterface
    private interface Call<R extends RequestFrame> {
        void run(BrokerConnection connection, R request) throws JMSException;
    }

    /** An XA call answered by {@link Ok} or by the frame it returns. */
    @FunctionalInterface
    private interface XaCall<R extends RequestFrame> {
        ResponseFrame run(BrokerConnection connection, R request) throws XAException;
    }

    private static final Map<Class<? extends RequestFrame>, Handler<?>> HANDLERS = new Table()
            .answered(SetClientId.class, (c, r) -> c.setClientId(r.clientId()))
            .answered(SetStarted.class, (c, r) -> c.setStarted(r.started()))
            .answered(CreateSession.class, (c, r) -> c.createSession(r.sessionId(), r.transacted()))
            .answered(CloseSession.class, (c, r) -> c.closeSession(r.sessionId()))
            .served(CreateConsumer.class, (d, r) -> {
                d.connection.createConsumer(r.spec(), d.sinks.apply(r.spec().consumerId()));
                return CompletableFuture.completedFuture(ok(r));
            })
            .answered(CloseConsumer.class, (c, r) -> c.closeConsumer(r.consumerId()))
            .served(Send.class, (d, r) -> d.connection.send(r.sessionId(), r.message()).thenApply(done -> ok(r)))
            .served(PipelinedSend.class, (d, r) -> d.connection.sendPipelined(r.sessionId(), r.message())
                    .thenApply(done -> ok(r)))
            .oneWay(Consumed.class, (c, r) -> c.consumed(r.consumerId(), r.deliveryId()))
            .oneWay(Pull.class, (c, r) -> c.pull(r.consumerId()))
            .answered(Drain.class, (c, r) -> c.drain(r.consumerId()))
            .served(Acknowledge.class, (d, r) -> d.connection.acknowledgeAsync(r.sessionId()).thenApply(done -> ok(r)))
            .served(LazyAcknowledge.class, (d, r) -> d.connection.acknowledgeLazily(r.sessionId()).thenApply(done -> ok(r)))
            .answered(Commit.class, (c, r) -> c.commit(r.sessionId()))
            .answered(Rollback.class, (c, r) -> c.rollback(r.sessionId()))
            .answered(Unsubscribe.class, (c, r) -> c.unsubscribe(r.subscriptionName()))
            .answered(CreateBrowser.class, (c, r) -> c.createBrowser(r.browserId(), r.sessionId(), r.queue(), r.selector()))
            .served(BrowseNext.class, (d, r) -> CompletableFuture.completedFuture(
                    new BrowseResult(r.correlationId(), d.connection.browseNext(r.browserId(), r.max()))))
            .oneWay(CloseBrowser.class, (c, r) -> c.closeBrowser(r.browserId()))
            .answered(CreateTemporary.class, (c, r) -> c.createTemporaryDestination(r.destination()))
            .answered(DeleteTemporary.class, (c, r) -> c.deleteTemporaryDestination(r.destination()))
            .xa(XaStart.class, (c, r) -> {
                c.xaStart(r.sessionId(), r.xid(), r.flags());
                return ok(r);
            })
            .xa(XaEnd.class, (c, r) -> {
                c.xaEnd(r.sessionId(), r.xid(), r.flags());
                return ok(r);
            })
            .xa(XaPrepare.class, (c, r) -> new XaVote(r.correlationId(), c.xaPrepare(r.xid())))
            .xa(XaCommit.class, (c, r) -> {
                c.xaCommit(r.xid(), r.onePhase());
                return ok(r);
            })
            .xa(XaRollback.class, (c, r) -> {
                c.xaRollback(r.xid());
                return ok(r);
            })
            .xa(XaRecover.class, (c, r) -> new XaRecovered(r.correlationId(), c.xaRecover()))
            .xa(XaForget.class, (c, r) -> {
                c.xaForget(r.xid());
                return ok(r);
            })
            .served(Admin.class, (d, r) -> d.connection.admin(r.command(), r.arguments(), d.progress.apply(r.correlationId()))
                    .thenApply(result -> new AdminAnswer(r.correlationId(), result)))
            .answered(CloseConnection.class, (c, r) -> c.close())
            .complete();

    /**
     * The requests whose broker call never waits (a send waits only to create a queue it is the first
     * to use; an acknowledgement may sync the store's acknowledgement journal when no other sync is
     * running, one in-place write that costs less than the two thread wake-ups it saves): the event
     * loop may serve them itself (see {@link OrderedExecutor#executeHere}).
     */
    private static final Set<Class<? extends RequestFrame>> NEVER_WAITING = Set.of(Send.class, PipelinedSend.class,
            Consumed.class, Pull.class, Acknowledge.class, LazyAcknowledge.class, CloseBrowser.class);

    /**
     * The requests whose broker call waits for the store and nothing else (a commit, a rollback's
     * delivery counts, an XA branch's steps): never for another client. An event loop with nothing else
     * to do may serve them itself, so that they sync the store without a thread hand-over either way.
     */
    private static final Set<Class<? extends RequestFrame>> WAITING_FOR_THE_STORE = Set.of(Commit.class, Rollback.class,
            XaStart.class, XaEnd.class, XaPrepare.class, XaCommit.class, XaRollback.class);

    private final BrokerConnection connection;
    private final LongFunction<DeliverySink> sinks;
    private final LongFunction<AdminProgress> progress;

    /**
     * {@code sinks} makes the sink that writes deliveries of one consumer id to the channel, {@code progress}
     * the listener that writes the progress of one management request.
     */
    RequestDispatcher(BrokerConnection connection, LongFunction<DeliverySink> sinks, LongFunction<AdminProgress> progress) {
        this.connection = connection;
        this.sinks = sinks;
        this.progress = progress;
    }

    /** Whether serving {@code request} never waits, so the event loop may serve it itself. */
    static boolean neverWaits(RequestFrame request) {
        return NEVER_WAITING.contains(request.getClass());
    }

    /** Whether serving {@code request} waits, if at all, only for the store. */
    static boolean waitsOnlyForTheStore(RequestFrame request) {
        return WAITING_FOR_THE_STORE.contains(request.getClass());
    }

    /**
     * The answer to {@code request}: completes with the response frame, or exceptionally with the
     * JMSException to report. Null for one-way requests.
     */
    CompletableFuture<ResponseFrame> dispatch(RequestFrame request) {
        try {
            return serve(request, handlerFor(request));
        } catch (JMSException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @SuppressWarnings("unchecked") // the table pairs each request class with a handler of that class
    private static <R extends RequestFrame> Handler<R> handlerFor(R request) {
        return (Handler<R>) HANDLERS.get(request.getClass());
    }

    private <R extends RequestFrame> CompletableFuture<ResponseFrame> serve(R request, Handler<R> handler)
            throws JMSException {
        return handler.serve(this, request);
    }

    private static Ok ok(RequestFrame request) {
        return new Ok(request.correlationId());
    }

    /** Builds the handler table; {@link #complete} checks that every request type has its line. */
    private static final class Table {

        private final Map<Class<? extends RequestFrame>, Handler<?>> handlers = new HashMap<>();

        <R extends RequestFrame> Table served(Class<R> type, Handler<R> handler) {
            if (handlers.put(type, handler) != null) {
                throw new IllegalStateException("two handlers for " + type.getSimpleName());
            }
            return this;
        }

        <R extends RequestFrame> Table answered(Class<R> type, Call<R> call) {
            return served(type, (d, r) -> {
                call.run(d.connection, r);
                return CompletableFuture.completedFuture(ok(r));
            });
        }

        /** A request the broker does not answer ({@link RequestFrame#oneWay()}). */
        <R extends RequestFrame> Table oneWay(Class<R> type, Call<R> call) {
            return served(type, (d, r) -> {
                call.run(d.connection, r);
                return null;
            });
        }

        <R extends RequestFrame> Table xa(Class<R> type, XaCall<R> call) {
            return served(type, (d, r) -> {
                try {
                    return CompletableFuture.completedFuture(call.run(d.connection, r));
                } catch (XAException e) {
                    return CompletableFuture.completedFuture(new XaFailure(r.correlationId(), e.errorCode, e.getMessage()));
                }
            });
        }

        Map<Class<? extends RequestFrame>, Handler<?>> complete() {
            List<String> missing = Arrays.stream(RequestFrame.class.getPermittedSubclasses())
                    .filter(type -> !handlers.containsKey(type))
                    .map(Class::getSimpleName)
                    .toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("no handler for the requests " + missing);
            }
            return Map.copyOf(handlers);
        }
    }
}
