package org.messagestore.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * How a load thread's session works: non-transacted with an acknowledgement mode, or transacted with a
 * commit after every {@code commitEvery} messages (and after the last partial batch).
 */
record SessionMode(int acknowledgeMode, int commitEvery) {

    static final SessionMode AUTO_ACKNOWLEDGE = new SessionMode(Session.AUTO_ACKNOWLEDGE, 1);
    static final SessionMode DUPS_OK_ACKNOWLEDGE = new SessionMode(Session.DUPS_OK_ACKNOWLEDGE, 1);

    static SessionMode transactedEvery(int messages) {
        return new SessionMode(Session.SESSION_TRANSACTED, messages);
    }

    boolean transacted() {
        return acknowledgeMode == Session.SESSION_TRANSACTED;
    }

    boolean autoAcknowledge() {
        return acknowledgeMode == Session.AUTO_ACKNOWLEDGE;
    }

    Session open(Connection connection) throws JMSException {
        return transacted() ? connection.createSession(true, Session.SESSION_TRANSACTED) : connection.createSession(false, acknowledgeMode);
    }

    /** For row names: "AUTO_ACKNOWLEDGE", "DUPS_OK_ACKNOWLEDGE", "transacted, commit per 1,000". */
    String describe() {
        return switch (acknowledgeMode) {
            case Session.AUTO_ACKNOWLEDGE -> "AUTO_ACKNOWLEDGE";
            case Session.DUPS_OK_ACKNOWLEDGE -> "DUPS_OK_ACKNOWLEDGE";
            case Session.SESSION_TRANSACTED -> String.format("transacted, commit per %,d", commitEvery);
            default -> "acknowledge mode " + acknowledgeMode;
        };
    }
}
