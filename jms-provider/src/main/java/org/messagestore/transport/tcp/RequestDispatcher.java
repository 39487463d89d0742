package org.messagestore.transport.tcp;

import jakarta.jms.JMSException;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import org.messagestore.protocol.RequestFrame;
import org.messagestore.protocol.RequestFrame.Acknowledge;
import org.messagestore.protocol.RequestFrame.BrowseNext;
import org.messagestore.protocol.RequestFrame.CloseBrowser;
import org.messagestore.protocol.RequestFrame.SetStarted;
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
import org.messagestore.protocol.RequestFrame.Pull;
import org.messagestore.protocol.RequestFrame.Rollback;
import org.messagestore.protocol.RequestFrame.Send;
import org.messagestore.protocol.RequestFrame.SetClientId;
import org.messagestore.protocol.RequestFrame.Unsubscribe;
import org.messagestore.protocol.ResponseFrame;
import org.messagestore.protocol.ResponseFrame.BrowseResult;
import org.messagestore.protocol.ResponseFrame.Ok;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DeliverySink;

/**
 * Carries out one decoded request on the broker's {@link BrokerConnection} and says what to answer.
 * Every call but {@code send} has done its work when this returns; {@code send} hands back the
 * broker's future, which completes when the message is accepted (durable, if persistent).
 *
 * <p>Threads: called on the connection's {@link OrderedExecutor}, one request at a time; may block.
 */
final class RequestDispatcher {

    private final BrokerConnection connection;
    private final LongFunction<DeliverySink> sinks;

    /** {@code sinks} makes the sink that writes deliveries of one consumer id to the channel. */
    RequestDispatcher(BrokerConnection connection, LongFunction<DeliverySink> sinks) {
        this.connection = connection;
        this.sinks = sinks;
    }

    /**
     * The answer to {@code request}: completes with the response frame, or exceptionally with the
     * JMSException to report. Null for one-way requests.
     */
    CompletableFuture<ResponseFrame> dispatch(RequestFrame request) {
        long id = request.correlationId();
        try {
            if (request instanceof Send r) {
                return connection.send(r.sessionId(), r.message()).thenApply(done -> new Ok(id));
            }
            if (request instanceof BrowseNext r) {
                return CompletableFuture.completedFuture(new BrowseResult(id, connection.browseNext(r.browserId(), r.max())));
            }
            if (XaRequests.handles(request)) {
                return CompletableFuture.completedFuture(XaRequests.serve(connection, request));
            }
            if (request.oneWay()) {
                serveOneWay(request);
                return null;
            }
            blocking(request);
            return CompletableFuture.completedFuture(new Ok(id));
        } catch (JMSException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The requests that neither block nor answer ({@link RequestFrame#oneWay()}). */
    private void serveOneWay(RequestFrame request) {
        if (request instanceof Consumed r) {
            connection.consumed(r.consumerId(), r.deliveryId());
        } else if (request instanceof Pull r) {
            connection.pull(r.consumerId());
        } else if (request instanceof CloseBrowser r) {
            connection.closeBrowser(r.browserId());
        } else {
            throw new IllegalStateException("no one-way handling for " + request.getClass().getSimpleName());
        }
    }

    // Java 17: no pattern matching for switch yet, hence the instanceof chain.
    private void blocking(RequestFrame request) throws JMSException {
        if (request instanceof SetClientId r) {
            connection.setClientId(r.clientId());
        } else if (request instanceof SetStarted r) {
            connection.setStarted(r.started());
        } else if (request instanceof CreateSession r) {
            connection.createSession(r.sessionId(), r.transacted());
        } else if (request instanceof CloseSession r) {
            connection.closeSession(r.sessionId());
        } else if (request instanceof CreateConsumer r) {
            connection.createConsumer(r.spec(), sinks.apply(r.spec().consumerId()));
        } else if (request instanceof CloseConsumer r) {
            connection.closeConsumer(r.consumerId());
        } else if (request instanceof Drain r) {
            connection.drain(r.consumerId());
        } else if (request instanceof Acknowledge r) {
            connection.acknowledge(r.sessionId());
        } else if (request instanceof Commit r) {
            connection.commit(r.sessionId());
        } else if (request instanceof Rollback r) {
            connection.rollback(r.sessionId());
        } else if (request instanceof Unsubscribe r) {
            connection.unsubscribe(r.subscriptionName());
        } else if (request instanceof CreateBrowser r) {
            connection.createBrowser(r.browserId(), r.sessionId(), r.queue(), r.selector());
        } else if (request instanceof CreateTemporary r) {
            connection.createTemporaryDestination(r.destination());
        } else if (request instanceof DeleteTemporary r) {
            connection.deleteTemporaryDestination(r.destination());
        } else if (request instanceof CloseConnection) {
            connection.close();
        } else {
            throw new JMSException("the broker does not handle " + request.getClass().getSimpleName() + " requests");
        }
    }
}
