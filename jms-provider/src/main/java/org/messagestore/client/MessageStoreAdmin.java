package org.messagestore.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import java.util.Map;
import java.util.Objects;
import org.messagestore.model.AdminProgress;
import org.messagestore.model.AdminResult;
import org.messagestore.model.BrokerAnswers;
import org.messagestore.model.BrokerConnection;
import org.messagestore.transport.BrokerAddress;

/**
 * A management connection to a broker: runs the commands of the {@code messagestore} tool (queue
 * statistics, purge, move, dead-letter retry, XA settlement) over the broker's own protocol, so no JMX
 * port is needed. The user needs the broker-wide {@code admin} permission ({@code broker = admin:role}
 * in the access rules).
 *
 * <pre>{@code
 * try (MessageStoreAdmin admin = MessageStoreAdmin.open("tcp://127.0.0.1:61616", "ops", password)) {
 *     AdminResult queues = admin.execute("queue.list", Map.of());
 *     admin.execute("dlq.retry", Map.of("name", "DLQ"));
 * }
 * }</pre>
 *
 * <p>Threads: one command at a time per instance is the intended use; calls from several threads are
 * safe and run one after another at the broker.
 */
public final class MessageStoreAdmin implements AutoCloseable {

    private final BrokerConnection connection;
    private volatile boolean closed;

    private MessageStoreAdmin(BrokerConnection connection) {
        this.connection = connection;
    }

    /**
     * Connects to the broker at {@code url} ({@code tcp://host:port}, {@code ssl://...} or {@code vm://name},
     * with the options a connection factory URL takes). IllegalArgumentException for a malformed URL, as
     * {@link MessageStoreConnectionFactory} throws; JMSSecurityException when the credentials are refused;
     * JMSException when no broker answers.
     */
    public static MessageStoreAdmin open(String url, String user, String password) throws JMSException {
        Objects.requireNonNull(url, "url");
        BrokerAddress address = BrokerAddress.parse(url);
        String login = user != null ? user : address.option("user", null);
        String secret = password != null ? password : address.option("password", null);
        return new MessageStoreAdmin(Connectors.forAddress(address).connect(login, secret, null));
    }

    /**
     * Runs one command at the broker (names and arguments: {@code org.messagestore.broker.AdminCommands});
     * JMSSecurityException without the admin permission, InvalidDestinationException for an unknown queue
     * or subscription, InvalidSelectorException for a bad selector, a JMSException with error code
     * {@code BAD_ARGUMENT} for an unknown command or argument.
     */
    public AdminResult execute(String command, Map<String, String> arguments) throws JMSException {
        return execute(command, arguments, AdminProgress.NONE);
    }

    /** As {@link #execute(String, Map)}, hearing how far a long command (purge, move, retry) has come. */
    public AdminResult execute(String command, Map<String, String> arguments, AdminProgress progress) throws JMSException {
        if (closed) {
            throw new IllegalStateException("this admin connection is closed");
        }
        return BrokerAnswers.await(connection.admin(command, Map.copyOf(arguments),
                progress == null ? AdminProgress.NONE : progress), "the command");
    }

    @Override
    public void close() {
        closed = true;
        connection.close();
    }
}
