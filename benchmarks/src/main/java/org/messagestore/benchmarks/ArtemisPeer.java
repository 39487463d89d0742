package org.messagestore.benchmarks;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.XAConnectionFactory;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;

/**
 * Apache ActiveMQ Artemis embedded, its journal configured as {@code artemis create} configures a broker
 * instance on this disk, and reached over a core-protocol acceptor on 127.0.0.1 with an ephemeral port or
 * in-VM ({@code vm://0}). What differs from the embedded defaults, as the broker.xml that create writes has it:
 * <ul>
 *   <li>journal type ASYNCIO when libaio works on the data directory, else NIO (create's supportsLibaio);</li>
 *   <li>{@code journal-buffer-timeout} (and {@code page-sync-timeout}) measured on the data directory by
 *       create's disk test ({@link ArtemisSyncCalculation}), where embedded uses a fixed 3,333,333 ns (NIO)
 *       or 500,000 ns (AIO): the time Artemis waits to gather writes into one sync;</li>
 *   <li>{@code journal-pool-files} 10 (embedded: unbounded); min files 2, file size 10 MiB, datasync on and
 *       journal-max-io (4096 AIO, 1 NIO) are written out but equal the defaults;</li>
 *   <li>dead-letter and expiry addresses DLQ and ExpiryQueue.</li>
 * </ul>
 * Security is off, as for the other peers. global-max-size (half the heap), max-disk-usage (90), the acceptor's
 * 1 MiB socket buffers and epoll already match. Clients are the JMS client's defaults.
 *
 * <p>The variant held to the spec differs only in the client's {@code blockOnAcknowledge}. By default an
 * acknowledgement is sent one-way. With it the client waits for the broker's answer, and the broker answers
 * once the acknowledgement is synced: it journals a non-transacted acknowledgement in a transaction of its
 * own (ServerConsumerImpl.acknowledge), whose commit record is appended with journal-sync-transactional
 * (AbstractJournalStorageManager.commit), and sends the answer from
 * {@code storageManager.afterCompleteOperations} (ServerSessionPacketHandler.sendResponse).
 */
final class ArtemisPeer implements BrokerPeer {

    private static final String ACCEPTOR = "benchmark";
    private static final int JOURNAL_FILE_SIZE = 10 * 1024 * 1024;

    private final PeerVariant variant;
    private final EmbeddedActiveMQ server;
    private final Configuration config;
    private final String url;

    private ArtemisPeer(PeerVariant variant, EmbeddedActiveMQ server, Configuration config, String url) {
        this.variant = variant;
        this.server = server;
        this.config = config;
        this.url = url;
    }

    static ArtemisPeer start(PeerVariant variant, Transport transport, Path dataDir) throws Exception {
        boolean aio = AIOSequentialFileFactory.isSupported(dataDir.toFile());
        JournalType journalType = aio ? JournalType.ASYNCIO : JournalType.NIO;
        int bufferTimeout = (int) ArtemisSyncCalculation.bufferTimeoutNanos(dataDir.toFile(), journalType);
        int pageSyncTimeout = aio
                ? (int) ArtemisSyncCalculation.bufferTimeoutNanos(dataDir.toFile(), JournalType.NIO)
                : bufferTimeout;
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(journalType)
                .setJournalDatasync(true)
                .setJournalMinFiles(2)
                .setJournalPoolFiles(10)
                .setJournalFileSize(JOURNAL_FILE_SIZE)
                .setJournalBufferTimeout_AIO(bufferTimeout)
                .setJournalBufferTimeout_NIO(bufferTimeout)
                .setJournalMaxIO_AIO(ActiveMQDefaultConfiguration.getDefaultJournalMaxIoAio())
                .setJournalMaxIO_NIO(1)
                .setPageSyncTimeout(pageSyncTimeout)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .addAddressSetting("#", new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of("DLQ"))
                        .setExpiryAddress(SimpleString.of("ExpiryQueue")))
                .addAcceptorConfiguration(ACCEPTOR, transport == Transport.TCP ? "tcp://127.0.0.1:0" : "vm://0");
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        try {
            var acceptor = server.getActiveMQServer().getRemotingService().getAcceptor(ACCEPTOR);
            String url = transport == Transport.TCP ? "tcp://127.0.0.1:" + ((NettyAcceptor) acceptor).getActualPort() : "vm://0";
            return new ArtemisPeer(variant, server, config, url);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    @Override
    public PeerVariant variant() {
        return variant;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return configure(new ActiveMQConnectionFactory(url));
    }

    @Override
    public XAConnectionFactory xaConnectionFactory() {
        return configure(new ActiveMQXAConnectionFactory(url));
    }

    private <F extends ActiveMQConnectionFactory> F configure(F factory) {
        factory.setBlockOnAcknowledge(variant.heldToSpec());
        return factory;
    }

    /** Read back from the running configuration and a client factory, so the report shows what was measured. */
    @Override
    public String durability() {
        boolean aio = config.getJournalType() == JournalType.ASYNCIO;
        long bufferTimeoutNanos = aio ? config.getJournalBufferTimeout_AIO() : config.getJournalBufferTimeout_NIO();
        try (ActiveMQConnectionFactory client = configure(new ActiveMQConnectionFactory(url))) {
            String acknowledgements = client.isBlockOnAcknowledge()
                    ? "an acknowledgement returns once the broker has synced it"
                    : "acknowledgements are sent one-way; the broker syncs them without the client waiting";
            return String.format("client URL %s; %s journal, journal-buffer-timeout %,d ns (artemis create's sync test on "
                            + "this disk), page-sync-timeout %,d ns, journal-pool-files %d, journal-datasync %s, "
                            + "journal-sync-transactional %s, journal-sync-non-transactional %s; block-on-durable-send %s "
                            + "(a persistent send returns after its sync); block-on-acknowledge %s (%s); consumer-window-size %d bytes",
                    BrokerPeer.withoutPort(url), config.getJournalType(), bufferTimeoutNanos, config.getPageSyncTimeout(),
                    config.getJournalPoolFiles(),
                    config.isJournalDatasync(), config.isJournalSyncTransactional(), config.isJournalSyncNonTransactional(),
                    client.isBlockOnDurableSend(), client.isBlockOnAcknowledge(), acknowledgements, client.getConsumerWindowSize());
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
