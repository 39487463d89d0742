package org.messagestore.context;

import jakarta.jms.JMSContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * The contexts one test opened on its class's own in-VM broker, closed together after the test.
 * Each test class names its broker, so classes never see each other's messages.
 */
final class OpenContexts {

    final MessageStoreConnectionFactory factory;
    private final List<JMSContext> open = new ArrayList<>();

    OpenContexts(String brokerName) {
        this.factory = new MessageStoreConnectionFactory(
                "vm://" + brokerName + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    JMSContext open() {
        return open(JMSContext.AUTO_ACKNOWLEDGE);
    }

    JMSContext open(int sessionMode) {
        return track(factory.createContext(sessionMode));
    }

    /** Registers a context made elsewhere (e.g. by {@code createContext}) for closing. */
    JMSContext track(JMSContext context) {
        open.add(context);
        return context;
    }

    void closeAll() {
        RuntimeException failure = null;
        for (JMSContext context : open) {
            try {
                context.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
