package org.messagestore.client;

import org.messagestore.transport.BrokerAddress;
import org.messagestore.transport.Connector;
import org.messagestore.transport.tcp.TcpConnector;
import org.messagestore.transport.vm.VmConnector;

/**
 * Chooses the transport for a broker URL. It lives with the client, above the transports, so the
 * transport package itself never names its implementations.
 */
public final class Connectors {

    private Connectors() {
    }

    public static Connector forAddress(BrokerAddress address) {
        return switch (address.scheme()) {
            case "vm" -> new VmConnector(address);
            case "tcp", "ssl" -> new TcpConnector(address);
            default -> throw new IllegalArgumentException(
                    "unsupported broker URL scheme '" + address.scheme() + "'; supported: vm, tcp, ssl");
        };
    }
}
