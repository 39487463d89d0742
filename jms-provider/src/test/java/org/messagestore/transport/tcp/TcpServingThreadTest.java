package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NettyRuntime;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.ForwardingMessageStore;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.memory.InMemoryStoreProvider;

/**
 * Which thread serves a commit: the event loop itself while it serves that connection alone (no hand-over
 * either way), the broker's pool once the loop serves other connections too (which must not wait for it).
 */
class TcpServingThreadTest {

    /** Records the thread that stores each batch holding a message. */
    private static final class ThreadRecordingStore extends ForwardingMessageStore {
        final Queue<String> storingThreads = new ConcurrentLinkedQueue<>();

        ThreadRecordingStore(MessageStore delegate) {
            super(delegate);
        }

        @Override
        public CompletableFuture<Void> apply(List<StoreOperation> operations) {
            if (operations.stream().anyMatch(StoreOperation.AddMessage.class::isInstance)) {
                storingThreads.add(Thread.currentThread().getName());
            }
            return super.apply(operations);
        }
    }

    @TempDir
    Path dir;

    @Test
    void aCommitIsServedOnTheEventLoopOnlyWhileItServesThatConnectionAlone() throws Exception {
        var store = new ThreadRecordingStore(new InMemoryStoreProvider().open(dir));
        List<Connection> others = new ArrayList<>();
        try (var broker = new TcpBroker(dir, TcpOptions.defaults(), config -> config.withStore(store));
             Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            var producer = session.createProducer(session.createQueue("serving-thread"));

            producer.send(session.createTextMessage("alone"));
            session.commit();
            assertThat(store.storingThreads.poll()).startsWith("messagestore-tcp-io");

            // Round robin over the loops: with as many more connections as loops, every loop serves two or more.
            for (int i = 0; i < 2 * NettyRuntime.availableProcessors(); i++) {
                others.add(connect(broker));
            }
            producer.send(session.createTextMessage("shared loop"));
            session.commit();
            assertThat(store.storingThreads.poll()).startsWith("messagestore-tcp-broker");
        } finally {
            for (Connection other : others) {
                other.close();
            }
        }
    }

    private static Connection connect(TcpBroker broker) throws JMSException {
        Connection connection = broker.factory().createConnection();
        connection.start(); // a round trip: the broker has registered the connection on its loop
        return connection;
    }
}
