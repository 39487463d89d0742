package org.messagestore.context;

import jakarta.jms.JMSContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.messagestore.broker.Broker;
import org.messagestore.broker.RunningBrokers;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * The contexts one test opened on its class's own in-VM broker, closed together after the test.
 * Each instance has its own broker, stopped by {@link #closeAll()}, so tests never see each
 * other's messages.
 */
final class OpenContexts {

    final MessageStoreConnectionFactory factory;
    private final String brokerName;
    private final List<JMSContext> open = new ArrayList<>();

    OpenContexts(String brokerName) {
        this.brokerName = brokerName + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.factory = new MessageStoreConnectionFactory("vm://" + this.brokerName);
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
        Broker broker = RunningBrokers.find(brokerName);
        if (broker != null) {
            broker.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
