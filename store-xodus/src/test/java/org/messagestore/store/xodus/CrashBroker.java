package org.messagestore.store.xodus;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.transport.tcp.TcpAcceptor;
import org.messagestore.transport.tcp.TcpOptions;

/**
 * The child JVM of {@link BrokerCrashTest}: a broker on a {@link XodusMessageStore} in the directory
 * given as the first argument, behind a TCP acceptor on an ephemeral port of 127.0.0.1. Prints
 * {@code PORT <port>} once it accepts connections, then serves until it is killed. Not a test.
 */
public final class CrashBroker {

    private CrashBroker() {
    }

    /** Args: data directory, broker name. */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String name = args[1];
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        XodusMessageStore store = XodusMessageStore.open(data);
        Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store));
        TcpAcceptor acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults());
        out.println("PORT " + acceptor.port());
        Thread.currentThread().join(); // until SIGKILL
    }
}
