package org.messagestore.benchmarks;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Apache ActiveMQ Artemis embedded with its default configuration, except what a fair comparison needs:
 * persistence on a fresh directory, security off (MessageStore runs without users too), dead-letter and
 * expiry addresses as a created broker instance has them, one core-protocol
 * acceptor on 127.0.0.1 with an ephemeral port, and the journal type said out loud (AIO when libaio is
 * present, else NIO, as Artemis itself would choose).
 *
 * <p>Two variants differ only in the client's {@code blockOnAcknowledge}. By default an acknowledgement is
 * sent one-way. With it, the client waits for the broker's answer, and the broker answers once the
 * acknowledgement is synced: it journals a non-transacted acknowledgement in a transaction of its own
 * (ServerConsumerImpl.acknowledge), whose commit record is appended with journal-sync-transactional
 * (AbstractJournalStorageManager.commit), and sends the answer from
 * {@code storageManager.afterCompleteOperations} (ServerSessionPacketHandler.sendResponse). That is
 * MessageStore's guarantee: an acknowledged message does not come back after a crash.
 */
final class ArtemisPeer implements BrokerPeer {

    static final String DEFAULT = "Artemis default";
    static final String BLOCKING_ACKS = "Artemis blocking acks";
    private static final String ACCEPTOR = "benchmark";

    private final String name;
    private final boolean blockOnAcknowledge;
    private final EmbeddedActiveMQ server;
    private final Configuration config;
    private final int port;

    private ArtemisPeer(String name, boolean blockOnAcknowledge, EmbeddedActiveMQ server, Configuration config, int port) {
        this.name = name;
        this.blockOnAcknowledge = blockOnAcknowledge;
        this.server = server;
        this.config = config;
        this.port = port;
    }

    static boolean isVariant(String name) {
        return name.equals(DEFAULT) || name.equals(BLOCKING_ACKS);
    }

    /** Starts the variant called {@code name}: {@link #DEFAULT} or {@link #BLOCKING_ACKS}. */
    static ArtemisPeer start(String name, Path dataDir) throws Exception {
        JournalType journalType = AIOSequentialFileFactory.isSupported(dataDir.toFile()) ? JournalType.ASYNCIO : JournalType.NIO;
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(journalType)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                // As in the broker.xml that `artemis create` writes; MessageStore has a DLQ by default too.
                .addAddressSetting("#", new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of("DLQ"))
                        .setExpiryAddress(SimpleString.of("ExpiryQueue")))
                .addAcceptorConfiguration(ACCEPTOR, "tcp://127.0.0.1:0");
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        try {
            var acceptor = (NettyAcceptor) server.getActiveMQServer().getRemotingService().getAcceptor(ACCEPTOR);
            return new ArtemisPeer(name, name.equals(BLOCKING_ACKS), server, config, acceptor.getActualPort());
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return clientFactory();
    }

    private ActiveMQConnectionFactory clientFactory() {
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        factory.setBlockOnAcknowledge(blockOnAcknowledge);
        return factory;
    }

    /** Read back from the running configuration and a client factory, so the report shows what was measured. */
    @Override
    public String durability() {
        boolean aio = config.getJournalType() == JournalType.ASYNCIO;
        long bufferTimeoutNanos = aio ? config.getJournalBufferTimeout_AIO() : config.getJournalBufferTimeout_NIO();
        try (ActiveMQConnectionFactory client = clientFactory()) {
            String acknowledgements = client.isBlockOnAcknowledge()
                    ? "an acknowledgement (AUTO_ACKNOWLEDGE: inside receive; CLIENT_ACKNOWLEDGE: acknowledge()) "
                    + "returns once the broker has synced it"
                    : "acknowledgements are sent one-way; the broker syncs them without the client waiting";
            return String.format("%s journal, journal-sync-transactional=%s, journal-sync-non-transactional=%s, "
                            + "journal-buffer-timeout %d us; block-on-durable-send=%s (a persistent send returns after its sync); "
                            + "block-on-acknowledge=%s (%s); consumer-window-size %d bytes",
                    config.getJournalType(), config.isJournalSyncTransactional(), config.isJournalSyncNonTransactional(),
                    bufferTimeoutNanos / 1000, client.isBlockOnDurableSend(), client.isBlockOnAcknowledge(),
                    acknowledgements, client.getConsumerWindowSize());
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
