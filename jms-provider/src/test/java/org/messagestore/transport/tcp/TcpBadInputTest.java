package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.protocol.HandshakeFrame.Welcome;
import org.messagestore.protocol.RequestFrame;
import org.messagestore.protocol.ResponseFrame.Failure;
import org.messagestore.protocol.ResponseFrame.Ok;

/** A peer that breaks the protocol loses its own connection; the broker and its other clients carry on. */
class TcpBadInputTest {

    private static final int MAX_FRAME = 64 * 1024;

    @TempDir
    Path dataDir;

    private TcpBroker server;
    private Connection healthy;
    private Session session;
    private Queue queue;

    @BeforeEach
    void start() throws JMSException {
        server = new TcpBroker(dataDir, TcpOptions.defaults().withMaxFrameBytes(MAX_FRAME), c -> c);
        healthy = server.factory().createConnection();
        healthy.start();
        session = healthy.createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("survivors");
    }

    @AfterEach
    void stop() throws JMSException {
        healthy.close();
        server.close();
    }

    private void healthyClientStillWorks() throws JMSException {
        session.createProducer(queue).send(session.createTextMessage("alive"));
        assertThat(((TextMessage) session.createConsumer(queue).receive(5_000)).getText()).isEqualTo("alive");
        // and new clients are still accepted
        try (Connection fresh = server.factory().createConnection()) {
            assertThat(fresh.createSession(false, Session.AUTO_ACKNOWLEDGE)).isNotNull();
        }
    }

    private RawClient raw() throws Exception {
        return new RawClient(server.acceptor.port());
    }

    @Test
    void garbageClosesThatSocketOnly() throws Exception {
        try (RawClient garbage = raw()) {
            byte[] noise = new byte[256];
            new Random(7).nextBytes(noise);
            noise[0] = 0; // a plausible length, so the frame decoder (not the length check) rejects it
            noise[1] = 0;
            noise[2] = 0;
            noise[3] = 100;
            garbage.writeRaw(noise);
            assertThat(garbage.closedByPeer()).isTrue();
        }
        healthyClientStillWorks();
    }

    @Test
    void oversizedFrameClosesThatSocketOnly() throws Exception {
        try (RawClient big = raw()) {
            big.writeRaw(Unpooled.buffer().writeInt(MAX_FRAME + 1).array());
            assertThat(big.closedByPeer()).isTrue();
        }
        healthyClientStillWorks();
    }

    @Test
    void truncatedFrameAfterTheHandshakeClosesThatSocketOnly() throws Exception {
        try (RawClient truncated = raw()) {
            truncated.hello(10_000);
            assertThat(truncated.read()).isInstanceOf(Welcome.class);
            byte[] whole = RawClient.encode(new RequestFrame.CreateSession(1, 1, false));
            byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
            // The length prefix claims exactly what follows, but the payload stops inside a field.
            Unpooled.wrappedBuffer(cut).setInt(0, cut.length - 4);
            truncated.writeRaw(cut);
            assertThat(truncated.closedByPeer()).isTrue();
        }
        healthyClientStillWorks();
    }

    @Test
    void unknownFrameTypeClosesThatSocketOnly() throws Exception {
        try (RawClient unknown = raw()) {
            unknown.hello(10_000);
            assertThat(unknown.read()).isInstanceOf(Welcome.class);
            unknown.writeRaw(Unpooled.buffer().writeInt(9).writeByte(0x7E).writeLong(1).array());
            assertThat(unknown.closedByPeer()).isTrue();
        }
        healthyClientStillWorks();
    }

    @Test
    void requestBeforeTheHandshakeClosesThatSocketOnly() throws Exception {
        try (RawClient eager = raw()) {
            eager.write(new RequestFrame.CreateSession(1, 1, false));
            assertThat(eager.closedByPeer()).isTrue();
        }
        healthyClientStillWorks();
    }

    @Test
    void aBrokerErrorIsAnsweredAndTheConnectionStaysUsable() throws Exception {
        try (RawClient polite = raw()) {
            polite.hello(10_000);
            polite.read();
            polite.write(new RequestFrame.Commit(5, 42)); // no such session
            var answer = polite.read();
            assertThat(answer).isInstanceOf(Failure.class);
            assertThat(((Failure) answer).exceptionClass()).isEqualTo("jakarta.jms.IllegalStateException");
            polite.write(new RequestFrame.CreateSession(6, 1, false));
            assertThat(polite.read()).isEqualTo(new Ok(6));
        }
        healthyClientStillWorks();
    }

    @Test
    void mutatedFramesNeverHurtTheBroker() throws Exception {
        Random random = new Random(11);
        byte[] valid = RawClient.encode(new RequestFrame.CreateConsumer(3, new org.messagestore.model.ConsumerSpec(
                1, 1, org.messagestore.model.DestinationName.queue("survivors"), "a > 1", false, null, false, false, 5)));
        for (int round = 0; round < 30; round++) {
            try (RawClient fuzz = raw()) {
                fuzz.hello(10_000);
                fuzz.read();
                fuzz.write(new RequestFrame.CreateSession(1, 1, false));
                fuzz.read();
                byte[] mutated = valid.clone();
                for (int flips = 0; flips < 3; flips++) {
                    mutated[4 + random.nextInt(mutated.length - 4)] = (byte) random.nextInt(256);
                }
                fuzz.writeRaw(mutated);
                fuzz.write(new RequestFrame.CloseConnection(99));
            }
        }
        healthyClientStillWorks();
    }
}
