package org.messagestore.model;

import jakarta.jms.JMSException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Waiting for the answer to a request of a {@link BrokerConnection} (a send, a management command, a
 * request a transport carries), and turning its failure into the JMSException it carries.
 */
public final class BrokerAnswers {

    private BrokerAnswers() {
    }

    /**
     * The answer, once it has come. An interrupt does not abandon the request halfway (the broker goes
     * on with it): the wait goes on and the flag is restored afterwards. {@code what} names the request
     * in the message of a failure that is no JMSException.
     */
    public static <T> T await(CompletableFuture<T> answer, String what) throws JMSException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw asJmsException(e.getCause(), what);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static JMSException asJmsException(Throwable failure, String what) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof JMSException jms) {
            return jms;
        }
        JMSException wrapped = new JMSException(what + " failed: " + cause);
        wrapped.initCause(cause);
        if (cause instanceof Exception e) {
            wrapped.setLinkedException(e);
        }
        return wrapped;
    }
}
