package org.messagestore.client;

import jakarta.jms.JMSException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting for the broker's answer to a send, and turning its failure into the JMSException it carries. */
final class Sends {

    private Sends() {
    }

    static void await(CompletableFuture<Void> result) throws JMSException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    result.get();
                    return;
                } catch (InterruptedException e) {
                    // A send must not be abandoned halfway: wait on, restore the flag afterwards.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw asJmsException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static JMSException asJmsException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof JMSException jms) {
            return jms;
        }
        JMSException wrapped = new JMSException("send failed: " + cause);
        wrapped.initCause(cause);
        if (cause instanceof Exception e) {
            wrapped.setLinkedException(e);
        }
        return wrapped;
    }
}
