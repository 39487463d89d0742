package org.messagestore.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.List;

/** Closing a load's connections: every one of them, then the first failure if any. */
final class Connections {

    private Connections() {
    }

    static void closeAll(List<? extends Connection> connections) throws JMSException {
        JMSException first = null;
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
