package org.messagestore.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.JMSContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.transport.tcp.TcpAcceptor;
import org.messagestore.transport.tcp.TcpOptions;

/**
 * The adapter in remote mode: a standalone broker runs in the test's JVM on an ephemeral loopback
 * port, and a second copy of the RAR, configured by its own ironjacamar.xml, connects WildFly to it.
 * An MDB consumes and replies in one XA transaction; the broker is then restarted and the MDB
 * reconnects by itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RemoteBrokerIT {

    static final String REMOTE_ADAPTER = "messagestore-remote.rar";
    private static final long WAIT_MILLIS = 30_000;

    private static Path dataDir;
    private static Broker broker;
    private static TcpAcceptor acceptor;
    private static int port;

    /** The embedded-mode adapter too: the server's default JMS connection factory, which every deployment gets, is its. */
    @Deployment(name = "adapter", order = 1, testable = false)
    static ResourceAdapterArchive embeddedAdapter() {
        return Deployments.adapter();
    }

    @Deployment(name = "remote-adapter", order = 2, testable = false)
    static ResourceAdapterArchive adapter() throws Exception {
        dataDir = Files.createTempDirectory("remote-broker");
        startBroker(0);
        port = acceptor.port();
        ResourceAdapterArchive adapter = Deployments.adapter();
        return org.jboss.shrinkwrap.api.ShrinkWrap.create(ResourceAdapterArchive.class, REMOTE_ADAPTER)
                .merge(adapter)
                .addAsManifestResource(new StringAsset(ironJacamarXml("tcp://127.0.0.1:" + port)), "ironjacamar.xml");
    }

    @Deployment(name = "remote-app", order = 3, testable = false)
    static WebArchive application() {
        return Deployments.application("remote-app", RemoteOrderMdb.class, RemoteBrokerIT.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment." + REMOTE_ADAPTER + "\n"));
    }

    @Test
    void anMdbConsumesAndRepliesThroughARemoteBrokerAndSurvivesItsRestart() throws Exception {
        assertEquals("re: first", sendAndAwaitReply("first"));

        acceptor.close();
        broker.close();
        startBroker(port);

        assertEquals("re: after restart", sendAndAwaitReply("after restart"));
    }

    @AfterAll
    static void stopBroker() throws IOException {
        if (acceptor != null) {
            acceptor.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void startBroker(int onPort) throws Exception {
        broker = Broker.start(BrokerConfig.defaults("remote-test").withDataDir(dataDir));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", onPort, TcpOptions.defaults());
    }

    private static String sendAndAwaitReply(String text) {
        try (JMSContext context = new MessageStoreConnectionFactory("tcp://127.0.0.1:" + port).createContext()) {
            context.createProducer().send(context.createQueue("remote-orders"), text);
            return context.createConsumer(context.createQueue("remote-replies")).receiveBody(String.class, WAIT_MILLIS);
        }
    }

    private static String ironJacamarXml(String url) {
        return """
                <ironjacamar xmlns="http://www.ironjacamar.org/doc/schema">
                  <config-property name="mode">remote</config-property>
                  <config-property name="url">%s</config-property>
                  <config-property name="reconnectDelayMillis">100</config-property>
                  <config-property name="reconnectMaxDelayMillis">1000</config-property>
                  <transaction-support>XATransaction</transaction-support>
                  <connection-definitions>
                    <connection-definition class-name="org.messagestore.ra.outbound.MessageStoreManagedConnectionFactory"
                                           jndi-name="java:/jms/remote/ConnectionFactory" pool-name="RemoteConnectionFactory">
                      <xa-pool><min-pool-size>0</min-pool-size><max-pool-size>5</max-pool-size></xa-pool>
                    </connection-definition>
                  </connection-definitions>
                </ironjacamar>
                """.formatted(url);
    }
}
