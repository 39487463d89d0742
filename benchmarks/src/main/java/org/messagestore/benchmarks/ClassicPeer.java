package org.messagestore.benchmarks;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.XAConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQXAConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.broker.region.policy.ConstantPendingMessageLimitStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * Apache ActiveMQ Classic embedded as the conf/activemq.xml of its distribution configures it: KahaDB in
 * the data directory with its defaults (journalDiskSyncStrategy ALWAYS: a write that asks for a sync waits
 * for it), memory usage 70% of the heap, store usage 100 GB, the topic policy's pending-message limit of
 * 1000, an OpenWire connector with the distribution's URL options (on 127.0.0.1 with an ephemeral port) or
 * the in-VM transport ({@code vm://<broker name>?create=false}), advisory support on. JMX and the shutdown
 * hook are off: the benchmark owns the process. Clients are the {@link ActiveMQConnectionFactory} defaults,
 * under which a persistent send outside a transaction is synchronous (alwaysSyncSend and useAsyncSend off).
 *
 * <p>The variant held to the spec differs only in the client's {@code sendAcksAsync}, on by default:
 * ActiveMQSession.sendAck sends an acknowledgement one-way when it is set (or the session is transacted).
 * Off, a non-transacted acknowledgement waits for the broker's answer, and KahaDB syncs a queue
 * acknowledgement whose answer is required before the broker answers (KahaDBStore.removeMessage: sync =
 * journal disk syncs && ack.isResponseRequired()). A durable subscriber's acknowledgement is journalled
 * without a sync in either variant (KahaDBTopicMessageStore.doAcknowledge: {@code store(command, false)}).
 */
final class ClassicPeer implements BrokerPeer {

    private static final String BROKER_NAME = "benchmark";
    private static final long STORE_LIMIT = 100L << 30;
    private static final long STORE_MARGIN = 1L << 30;
    /** The OpenWire connector's options in the distribution's activemq.xml. */
    private static final String CONNECTOR_OPTIONS = "?maximumConnections=1000&wireFormat.maxFrameSize=10485760";

    private final PeerVariant variant;
    private final BrokerService broker;
    private final KahaDBPersistenceAdapter kahaDB;
    private final String url;

    private ClassicPeer(PeerVariant variant, BrokerService broker, KahaDBPersistenceAdapter kahaDB, String url) {
        this.variant = variant;
        this.broker = broker;
        this.kahaDB = kahaDB;
        this.url = url;
    }

    static ClassicPeer start(PeerVariant variant, Transport transport, Path dataDir) throws Exception {
        var broker = new BrokerService();
        broker.setBrokerName(BROKER_NAME);
        broker.setDataDirectoryFile(dataDir.toFile());
        broker.setTmpDataDirectory(dataDir.resolve("tmp").toFile());
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        var kahaDB = new KahaDBPersistenceAdapter();
        kahaDB.setDirectory(dataDir.resolve("kahadb").toFile());
        broker.setPersistenceAdapter(kahaDB);
        broker.getSystemUsage().getMemoryUsage().setPercentOfJvmHeap(70);
        // The distribution's 100 GB, capped at the usable space as the broker caps it itself, less a margin so that
        // its own check, moments later, does not find a little less space and warn in the middle of the report.
        long usable = Files.getFileStore(dataDir).getUsableSpace() - STORE_MARGIN;
        broker.getSystemUsage().getStoreUsage().setLimit(Math.min(STORE_LIMIT, usable));
        var topics = new PolicyEntry();
        topics.setTopic(">");
        var pendingLimit = new ConstantPendingMessageLimitStrategy();
        pendingLimit.setLimit(1000);
        topics.setPendingMessageLimitStrategy(pendingLimit);
        var policies = new PolicyMap();
        policies.setPolicyEntries(List.of(topics));
        broker.setDestinationPolicy(policies);
        TransportConnector connector = transport == Transport.TCP ? broker.addConnector("tcp://127.0.0.1:0" + CONNECTOR_OPTIONS) : null;
        broker.start();
        try {
            broker.waitUntilStarted();
            String url = connector == null
                    ? "vm://" + BROKER_NAME + "?create=false"
                    : "tcp://127.0.0.1:" + connector.getConnectUri().getPort();
            return new ClassicPeer(variant, broker, kahaDB, url);
        } catch (Exception | Error e) {
            broker.stop();
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
        factory.setSendAcksAsync(!variant.heldToSpec());
        return factory;
    }

    /** Read back from the running broker and a client factory, so the report shows what was measured. */
    @Override
    public String durability() {
        ActiveMQConnectionFactory client = configure(new ActiveMQConnectionFactory(url));
        String acknowledgements = client.isSendAcksAsync()
                ? "acknowledgements are sent one-way and journalled without a sync"
                : "a queue acknowledgement returns once KahaDB has synced it; a durable subscriber's is journalled without a sync";
        return String.format("client URL %s; KahaDB journalDiskSyncStrategy %s, concurrentStoreAndDispatchQueues %s, "
                        + "memory limit %,d MiB; alwaysSyncSend %s, useAsyncSend %s (a persistent send outside a "
                        + "transaction returns after its sync); sendAcksAsync %s (%s); queue prefetch %d, durable topic prefetch %d; "
                        + "advisory support %s",
                BrokerPeer.withoutPort(url), kahaDB.getJournalDiskSyncStrategy(), kahaDB.isConcurrentStoreAndDispatchQueues(),
                broker.getSystemUsage().getMemoryUsage().getLimit() >> 20, client.isAlwaysSyncSend(), client.isUseAsyncSend(),
                client.isSendAcksAsync(), acknowledgements, client.getPrefetchPolicy().getQueuePrefetch(),
                client.getPrefetchPolicy().getDurableTopicPrefetch(), broker.isAdvisorySupport());
    }

    @Override
    public void close() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
