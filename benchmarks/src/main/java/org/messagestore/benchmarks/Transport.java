package org.messagestore.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** How the clients reach the broker: 127.0.0.1 TCP on an ephemeral port, or in-VM (the broker in the clients' JVM). */
enum Transport {
    TCP, VM;

    /** As on the command line and in the table: "tcp", "vm". */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Transport byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transport '" + id + "', expected tcp or vm"));
    }
}
