package org.messagestore.client;

import jakarta.jms.JMSException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Waiting for the broker's answer to a request (a send, a management command), and turning its
 * failure into the JMSException it carries.
 */
final class BrokerAnswers {

    private BrokerAnswers() {
    }

    /**
     * The answer, once it has come. An interrupt does not abandon the request halfway (the broker goes
     * on with it): the wait goes on and the flag is restored afterwards. {@code what} names the request
     * in the message of a failure that is no JMSException.
     */
    static <T> T await(CompletableFuture<T> answer, String what) throws JMSException {
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

    static JMSException asJmsException(Throwable failure, String what) {
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
