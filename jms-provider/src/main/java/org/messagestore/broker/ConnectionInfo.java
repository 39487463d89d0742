package org.messagestore.broker;

import java.time.Instant;

/**
 * One client connection as an operator sees it ({@link Broker#connections()}).
 *
 * @param id          the broker's connection id, which {@link Broker#closeConnection} takes
 * @param user        the user it logged in as; null for an anonymous connection
 * @param clientId    its client id, or null
 * @param sessions    open sessions
 * @param connectedAt when it was opened
 */
public record ConnectionInfo(String id, String user, String clientId, int sessions, Instant connectedAt) {
}
