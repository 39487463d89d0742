package org.messagestore.broker;

import jakarta.jms.InvalidClientIDException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client ids in use on one broker. Jakarta Messaging 3.1, 6.1.2 "Client identifier": a provider
 * must prevent concurrently executing clients from using the same client id.
 *
 * <p>Threads: a concurrent map, safe from any thread.
 */
final class ClientIdRegistry {

    private final String brokerName;
    private final Map<String, String> holders = new ConcurrentHashMap<>();

    ClientIdRegistry(String brokerName) {
        this.brokerName = brokerName;
    }

    void claim(String clientId, String connectionId) throws InvalidClientIDException {
        if (clientId == null || clientId.isEmpty()) {
            throw new InvalidClientIDException("a client id must not be null or empty");
        }
        String holder = holders.putIfAbsent(clientId, connectionId);
        if (holder != null && !holder.equals(connectionId)) {
            throw new InvalidClientIDException("client id '" + clientId + "' is already in use by another connection to broker '"
                    + brokerName + "'");
        }
    }

    void release(String clientId, String connectionId) {
        if (clientId != null) {
            holders.remove(clientId, connectionId);
        }
    }
}
