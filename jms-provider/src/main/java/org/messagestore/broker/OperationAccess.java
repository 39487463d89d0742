package org.messagestore.broker;

import jakarta.jms.JMSSecurityException;
import org.messagestore.broker.security.AccessControl;
import org.messagestore.broker.security.Identity;
import org.messagestore.broker.security.Permission;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DestinationName;

/**
 * Which permissions each client operation needs (see {@link org.messagestore.broker.security.AccessRules}),
 * checked before the operation changes anything. A destination that does not exist yet and would be
 * auto-created also needs {@code create}; so does a new durable subscription. Temporary destinations
 * are outside the rules; their ownership is checked by {@link DestinationRegistry}.
 *
 * <p>Threads: stateless apart from the connection's {@link AccessControl}; safe from any thread. The
 * existence checks race with other connections creating the same destination; the worst outcome is
 * asking for {@code create} for a destination created a moment earlier.
 */
final class OperationAccess {

    private final AccessControl access;
    private final BrokerServices services;

    OperationAccess(AccessControl access, BrokerServices services) {
        this.access = access;
        this.services = services;
    }

    Identity identity() {
        return access.identity();
    }

    void send(DestinationName destination) throws JMSSecurityException {
        access.check(Permission.SEND, destination);
        requireCreateIfNew(destination);
    }

    void consume(ConsumerSpec spec, String clientId) throws JMSSecurityException {
        DestinationName destination = spec.destination();
        access.check(Permission.CONSUME, destination);
        requireCreateIfNew(destination);
        if (spec.durable() && destination.isTopic()) {
            DestinationName existing = services.subscriptions().durableTopic(clientId, spec.subscriptionName());
            if (existing == null) {
                access.check(Permission.CREATE, destination);
            } else if (!existing.equals(destination)) {
                // Moving a durable subscription to another topic deletes it and creates a new one (Session.createDurableConsumer).
                access.check(Permission.DELETE, existing);
                access.check(Permission.CREATE, destination);
            }
        }
    }

    void browse(DestinationName queue) throws JMSSecurityException {
        access.check(Permission.BROWSE, queue);
        requireCreateIfNew(queue);
    }

    /** Deleting a durable subscription needs {@code delete} on its topic; an unknown one is left to the registry to report. */
    void unsubscribe(String clientId, String subscriptionName) throws JMSSecurityException {
        DestinationName topic = services.subscriptions().durableTopic(clientId, subscriptionName);
        if (topic != null) {
            access.check(Permission.DELETE, topic);
        }
    }

    private void requireCreateIfNew(DestinationName destination) throws JMSSecurityException {
        if (!services.destinations().exists(destination)) {
            access.check(Permission.CREATE, destination);
        }
    }
}
