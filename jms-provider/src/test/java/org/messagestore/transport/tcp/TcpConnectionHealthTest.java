package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DestinationName;
import org.messagestore.protocol.HandshakeFrame.Welcome;
import org.messagestore.protocol.PushFrame.DeliveryPush;
import org.messagestore.protocol.RequestFrame;
import org.messagestore.protocol.ResponseFrame.Ok;

/** Heartbeats and dead peers, on both sides of the connection. */
class TcpConnectionHealthTest {

    private static final int HEARTBEAT_MS = 100;
    private static final Duration DETECTION = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    @Test
    void brokerClosesAClientThatGoesSilentAfterTheHandshake() throws Exception {
        try (TcpBroker server = new TcpBroker(dataDir, TcpOptions.defaults().withHeartbeatMillis(HEARTBEAT_MS), c -> c);
             RawClient silent = new RawClient(server.acceptor.port())) {
            silent.hello(HEARTBEAT_MS);
            assertThat(silent.read()).isInstanceOf(Welcome.class);
            // From now on the raw client writes nothing, not even heartbeats.
            assertThat(silent.closedByPeer()).isTrue();
        }
    }

    @Test
    void aClientThatSendsNothingAtAllIsClosedToo() throws Exception {
        try (TcpBroker server = new TcpBroker(dataDir, TcpOptions.defaults().withHeartbeatMillis(HEARTBEAT_MS), c -> c);
             RawClient mute = new RawClient(server.acceptor.port())) {
            assertThat(mute.closedByPeer()).isTrue();
        }
    }

    @Test
    void aQuietButHealthyClientIsKeptAliveByHeartbeats() throws Exception {
        try (TcpBroker server = new TcpBroker(dataDir, TcpOptions.defaults().withHeartbeatMillis(HEARTBEAT_MS), c -> c)) {
            Connection connection = server.factory("heartbeatMillis=" + HEARTBEAT_MS).createConnection();
            AtomicReference<JMSException> failure = new AtomicReference<>();
            connection.setExceptionListener(failure::set);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("quiet");
            // Idle for several heartbeat timeouts: heartbeats alone keep both sides content.
            await().during(Duration.ofMillis(HEARTBEAT_MS * 10L)).atMost(DETECTION).until(() -> failure.get() == null);
            session.createProducer(queue).send(session.createTextMessage("still here"));
            connection.start();
            assertThat(((TextMessage) session.createConsumer(queue).receive(5_000)).getText()).isEqualTo("still here");
            assertThat(failure.get()).isNull();
            connection.close();
        }
    }

    @Test
    void exceptionListenerFiresWhenTheServerStops() throws Exception {
        TcpBroker server = new TcpBroker(dataDir);
        Connection connection = server.factory().createConnection();
        CompletableFuture<JMSException> failure = new CompletableFuture<>();
        connection.setExceptionListener(failure::complete);
        server.acceptor.close();
        JMSException cause = failure.get(DETECTION.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(cause).hasMessageContaining("lost");
        server.close();
        connection.close();
    }

    @Test
    void exceptionListenerHearsTheBrokerShuttingDown() throws Exception {
        TcpBroker server = new TcpBroker(dataDir);
        Connection connection = server.factory().createConnection();
        CompletableFuture<JMSException> failure = new CompletableFuture<>();
        connection.setExceptionListener(failure::complete);
        server.broker.close();
        JMSException cause = failure.get(DETECTION.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(cause).hasMessageContaining("shut down");
        server.close();
        connection.close();
    }

    @Test
    void clientDetectsABrokerThatStopsSendingHeartbeats() throws Exception {
        try (ServerSocket fakeBroker = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket socket = fakeBroker.accept();
                    socket.getInputStream().readNBytes(4 + 9); // length, type, correlation id of the Hello
                    socket.getOutputStream().write(RawClient.encode(new Welcome("fake-1", HEARTBEAT_MS, 1 << 20)));
                    return socket; // then silence
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            var factory = new MessageStoreConnectionFactory("tcp://127.0.0.1:" + fakeBroker.getLocalPort()
                    + "?heartbeatMillis=" + HEARTBEAT_MS);
            Connection connection = factory.createConnection();
            CompletableFuture<JMSException> failure = new CompletableFuture<>();
            connection.setExceptionListener(failure::complete);
            JMSException cause = failure.get(DETECTION.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(cause).hasMessageContaining("heartbeats missed");
            connection.close();
            accepted.join().close();
        }
    }

    @Test
    void aVanishedClientsUncommittedDeliveryIsRedelivered() throws Exception {
        try (TcpBroker server = new TcpBroker(dataDir)) {
            MessageStoreConnectionFactory factory = server.factory();
            Connection connection = factory.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("orphans");
            session.createProducer(queue).send(session.createTextMessage("orphan"));

            // A raw client takes the message in a transacted session, then its socket dies.
            try (RawClient raw = new RawClient(server.acceptor.port())) {
                raw.hello(10_000);
                raw.read();
                raw.write(new RequestFrame.SetStarted(3, true));
                assertThat(raw.read()).isEqualTo(new Ok(3));
                raw.write(new RequestFrame.CreateSession(1, 1, true));
                assertThat(raw.read()).isEqualTo(new Ok(1));
                raw.write(new RequestFrame.CreateConsumer(2, new ConsumerSpec(1, 1, DestinationName.queue("orphans"),
                        null, false, null, false, false, 10)));
                var frame = raw.read();
                if (frame instanceof Ok) {
                    frame = raw.read();
                }
                DeliveryPush push = (DeliveryPush) frame;
                raw.write(new RequestFrame.Consumed(0, 1, push.delivery().deliveryId()));
            }

            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            Message again = consumer.receive(DETECTION.toMillis());
            assertThat(((TextMessage) again).getText()).isEqualTo("orphan");
            assertThat(again.getJMSRedelivered()).isTrue();
            connection.close();
        }
    }
}
