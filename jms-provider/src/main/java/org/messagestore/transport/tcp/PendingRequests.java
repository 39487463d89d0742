package org.messagestore.transport.tcp;

import jakarta.jms.JMSException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.messagestore.model.AdminProgress;
import org.messagestore.protocol.PushFrame.AdminProgressPush;
import org.messagestore.protocol.RemoteExceptions;
import org.messagestore.protocol.ResponseFrame;
import org.messagestore.protocol.ResponseFrame.Failure;

/**
 * The client's requests still waiting for their answer, by correlation id. Once the connection has
 * failed, every waiting request and every later one fails with that cause.
 *
 * <p>Threads: {@link #register} on caller threads, {@link #answer} on the event loop,
 * {@link #failAll} on either; the map is concurrent and {@code failure} is published before the map
 * is drained, so no request is left waiting forever.
 */
final class PendingRequests {

    private final Map<Long, CompletableFuture<ResponseFrame>> waiting = new ConcurrentHashMap<>();
    private volatile JMSException failure;
    /** Who hears the progress of management requests still waiting. */
    private final Map<Long, AdminProgress> progressListeners = new ConcurrentHashMap<>();

    /** {@code listener} hears the progress pushed for request {@code correlationId} until it is answered. */
    void watchProgress(long correlationId, AdminProgress listener) {
        progressListeners.put(correlationId, listener);
    }

    /** The broker reported how far a management request has come. */
    void progress(AdminProgressPush push) {
        AdminProgress listener = progressListeners.get(push.requestId());
        if (listener != null) {
            listener.progress(push.done(), push.total());
        }
    }

    CompletableFuture<ResponseFrame> register(long correlationId) {
        var future = new CompletableFuture<ResponseFrame>();
        waiting.put(correlationId, future);
        JMSException failed = failure;
        if (failed != null && waiting.remove(correlationId) != null) {
            future.completeExceptionally(failed);
        }
        return future;
    }

    /** Completes the request a response answers; a Failure becomes the JMSException the broker threw. */
    void answer(ResponseFrame response) {
        var future = waiting.remove(response.correlationId());
        progressListeners.remove(response.correlationId());
        if (future == null) {
            return;
        }
        if (response instanceof Failure f) {
            future.completeExceptionally(RemoteExceptions.rebuild(f));
        } else {
            future.complete(response);
        }
    }

    void fail(long correlationId, JMSException cause) {
        progressListeners.remove(correlationId);
        var future = waiting.remove(correlationId);
        if (future != null) {
            future.completeExceptionally(cause);
        }
    }

    void failAll(JMSException cause) {
        if (failure == null) {
            failure = cause;
        }
        for (Long id : waiting.keySet()) {
            fail(id, failure);
        }
    }

    /** Why the connection failed, or null while it works. */
    JMSException failure() {
        return failure;
    }
}
