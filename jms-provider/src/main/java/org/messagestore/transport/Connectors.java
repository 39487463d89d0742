package org.messagestore.transport;

import org.messagestore.transport.vm.VmConnector;

/** Chooses the transport for a broker URL. */
public final class Connectors {

    private Connectors() {
    }

    public static Connector forAddress(BrokerAddress address) {
        return switch (address.scheme()) {
            case "vm" -> new VmConnector(address);
            case "tcp", "ssl" -> new org.messagestore.transport.tcp.TcpConnector(address);
            default -> throw new IllegalArgumentException(
                    "unsupported broker URL scheme '" + address.scheme() + "'; supported: vm, tcp, ssl");
        };
    }
}
