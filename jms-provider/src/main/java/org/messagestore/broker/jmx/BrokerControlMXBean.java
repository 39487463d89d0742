package org.messagestore.broker.jmx;

import java.util.List;

/**
 * A running broker for JMX tools ({@code org.messagestore:type=Broker,name=<broker>}): its statistics, read
 * when asked, and its in-doubt XA branches. An MXBean, so that a client without MessageStore's classes
 * (jconsole, VisualVM, a script) sees plain types; the errors it throws are the JDK's own.
 */
public interface BrokerControlMXBean {

    /** The broker's name. */
    String getName();

    /** Open client connections. */
    int getConnections();

    /** Open sessions of those connections. */
    int getSessions();

    /** Memory the queued messages take, counted against the limit. */
    long getMemoryUsedBytes();

    /** The broker-wide memory limit for messages ({@code memory.limitMb}). */
    long getMemoryLimitBytes();

    /** Sends waiting now for memory under flow control. */
    int getSendsBlocked();

    /** Connection attempts refused for their credentials since start. */
    long getAuthenticationFailures();

    /** XA branches started and not yet prepared. */
    int getActiveTransactions();

    /** XA branches prepared and in doubt. */
    int getPreparedTransactions();

    /** XA branches completed by an operator and not yet forgotten by their transaction manager. */
    int getHeuristicTransactions();

    /** The in-doubt branches (prepared, or settled by an operator and not yet forgotten), oldest first. */
    List<PreparedBranchInfo> listPreparedBranches();

    /**
     * Commits a prepared branch by hand: a heuristic decision (XA specification 2.3.3), which the transaction
     * manager hears as XA_HEURCOM if it comes back.
     *
     * @param xid the branch as {@code formatId:globalTransactionIdHex:branchQualifierHex}, as listed
     * @return the branch after the decision
     * @throws IllegalArgumentException when {@code xid} is not a branch id
     * @throws IllegalStateException    when no such branch is prepared, or the decision could not be stored
     */
    PreparedBranchInfo commitPreparedBranch(String xid);

    /**
     * Rolls back a prepared branch by hand: a heuristic decision (XA specification 2.3.3), which the
     * transaction manager hears as XA_HEURRB if it comes back.
     *
     * @param xid the branch as {@code formatId:globalTransactionIdHex:branchQualifierHex}, as listed
     * @return the branch after the decision
     * @throws IllegalArgumentException when {@code xid} is not a branch id
     * @throws IllegalStateException    when no such branch is prepared, or the decision could not be stored
     */
    PreparedBranchInfo rollbackPreparedBranch(String xid);

    /** The open client connections, oldest first. */
    List<ConnectionSummary> listConnections();

    /**
     * Closes a client connection as a broker shutdown would: its unacknowledged messages return to their
     * queues and its ExceptionListener hears of it.
     *
     * @param id the connection's id, as listed
     * @return false when there is no such connection
     */
    boolean closeConnection(String id);
}
