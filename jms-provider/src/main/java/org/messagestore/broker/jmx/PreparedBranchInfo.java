package org.messagestore.broker.jmx;

import java.time.Instant;
import java.util.TreeSet;
import javax.management.ConstructorParameters;
import org.messagestore.broker.PreparedBranch;

/**
 * An in-doubt XA branch as JMX shows it: the MXBean mapping turns its getters into one row of
 * CompositeData (a table in jconsole), and {@link ConstructorParameters} lets an MXBean proxy rebuild it.
 * Times are ISO-8601 text and the destinations one comma-separated string, so that every column is a
 * plain value a generic JMX console shows as it is.
 */
public final class PreparedBranchInfo {

    private final String xid;
    private final String state;
    private final String preparedAt;
    private final String decidedAt;
    private final Long ageSeconds;
    private final String destinations;
    private final int messagesSent;
    private final int messagesAcknowledged;

    @ConstructorParameters({"xid", "state", "preparedAt", "decidedAt", "ageSeconds", "destinations", "messagesSent",
            "messagesAcknowledged"})
    public PreparedBranchInfo(String xid, String state, String preparedAt, String decidedAt, Long ageSeconds,
                              String destinations, int messagesSent, int messagesAcknowledged) {
        this.xid = xid;
        this.state = state;
        this.preparedAt = preparedAt;
        this.decidedAt = decidedAt;
        this.ageSeconds = ageSeconds;
        this.destinations = destinations;
        this.messagesSent = messagesSent;
        this.messagesAcknowledged = messagesAcknowledged;
    }

    static PreparedBranchInfo of(PreparedBranch branch, Instant now) {
        var age = branch.age(now);
        return new PreparedBranchInfo(branch.xid().text(), branch.state().name(), text(branch.preparedAt()),
                text(branch.decidedAt()), age == null ? null : Math.max(0, age.toSeconds()),
                String.join(", ", new TreeSet<>(branch.destinations())), branch.messagesSent(),
                branch.messagesAcknowledged());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The branch id, {@code formatId:globalTransactionIdHex:branchQualifierHex}: what commit and rollback take. */
    public String getXid() {
        return xid;
    }

    /** PREPARED, HEURISTICALLY_COMMITTED or HEURISTICALLY_ROLLED_BACK. */
    public String getState() {
        return state;
    }

    /** When it was prepared (ISO-8601, UTC); null when not known. */
    public String getPreparedAt() {
        return preparedAt;
    }

    /** When an operator settled it (ISO-8601, UTC); null while prepared. */
    public String getDecidedAt() {
        return decidedAt;
    }

    /** Seconds since it was prepared; null when its prepare time is not known. */
    public Long getAgeSeconds() {
        return ageSeconds;
    }

    /** Where its messages go or come from ({@code queue://orders, topic://prices}); empty when not known. */
    public String getDestinations() {
        return destinations;
    }

    /** Messages it sends when committed. */
    public int getMessagesSent() {
        return messagesSent;
    }

    /** Messages it consumes when committed (locked until it is completed). */
    public int getMessagesAcknowledged() {
        return messagesAcknowledged;
    }

    @Override
    public String toString() {
        return xid + " " + state;
    }
}
