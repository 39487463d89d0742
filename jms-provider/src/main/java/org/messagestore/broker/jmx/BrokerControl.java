package org.messagestore.broker.jmx;

import jakarta.jms.JMSException;
import java.time.Clock;
import java.util.List;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerStatistics;
import org.messagestore.broker.PreparedBranch;
import org.messagestore.model.BranchXid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BrokerControlMXBean} over the broker's public API: {@link Broker#statistics()} for the attributes,
 * {@link Broker#preparedBranches()} for the branches.
 *
 * <p>Errors leave as {@link IllegalArgumentException} or {@link IllegalStateException} carrying the broker's
 * message and no cause: a remote JMX client without jakarta.jms on its class path could not read a
 * JMSException. The full failure is logged here.
 *
 * <p>Threads: the MBean server's callers (RMI threads for remote clients); holds no state of its own.
 */
final class BrokerControl implements BrokerControlMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerControl.class);

    private final Broker broker;
    private final Clock clock;

    BrokerControl(Broker broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return broker.name();
    }

    private BrokerStatistics statistics() {
        return broker.statistics();
    }

    @Override
    public int getConnections() {
        return statistics().connections();
    }

    @Override
    public int getSessions() {
        return statistics().sessions();
    }

    @Override
    public long getMemoryUsedBytes() {
        return statistics().memoryUsedBytes();
    }

    @Override
    public long getMemoryLimitBytes() {
        return statistics().memoryLimitBytes();
    }

    @Override
    public int getSendsBlocked() {
        return statistics().sendsWaitingForMemory();
    }

    @Override
    public long getAuthenticationFailures() {
        return statistics().authenticationFailures();
    }

    @Override
    public int getActiveTransactions() {
        return statistics().activeTransactions();
    }

    @Override
    public int getPreparedTransactions() {
        return statistics().preparedTransactions();
    }

    @Override
    public int getHeuristicTransactions() {
        return statistics().heuristicTransactions();
    }

    @Override
    public List<PreparedBranchInfo> listPreparedBranches() {
        var now = clock.instant();
        return broker.preparedBranches().list().stream().map(branch -> PreparedBranchInfo.of(branch, now)).toList();
    }

    @Override
    public PreparedBranchInfo commitPreparedBranch(String xid) {
        return decide(xid, true);
    }

    @Override
    public PreparedBranchInfo rollbackPreparedBranch(String xid) {
        return decide(xid, false);
    }

    @Override
    public List<ConnectionSummary> listConnections() {
        return broker.connections().stream().map(ConnectionSummary::of).toList();
    }

    @Override
    public boolean closeConnection(String id) {
        if (id == null) {
            throw new IllegalArgumentException("no connection id given");
        }
        boolean closed = broker.closeConnection(id);
        LOG.info("JMX: {} connection {} of broker '{}'", closed ? "closed" : "found no", id, broker.name());
        return closed;
    }

    private PreparedBranchInfo decide(String xidText, boolean commit) {
        if (xidText == null) {
            throw new IllegalArgumentException("no XA branch id given; expected formatId:globalTransactionIdHex:branchQualifierHex");
        }
        BranchXid xid;
        try {
            xid = BranchXid.parse(xidText);
        } catch (IllegalArgumentException e) {
            // the message names the text; the cause is ours to log, not the client's to load
            throw new IllegalArgumentException(e.getMessage());
        }
        String verb = commit ? "commit" : "roll back";
        try {
            PreparedBranch decided = commit ? broker.preparedBranches().commit(xid) : broker.preparedBranches().rollback(xid);
            return PreparedBranchInfo.of(decided, clock.instant());
        } catch (JMSException e) {
            if (e instanceof jakarta.jms.IllegalStateException) {
                // the operator named a branch that is not prepared: their mistake, told to them below
                LOG.info("JMX: refused to {} {} of broker '{}' by hand: {}", verb, xid, broker.name(), e.getMessage());
            } else {
                LOG.warn("JMX: could not {} {} of broker '{}' by hand", verb, xid, broker.name(), e);
            }
            throw new IllegalStateException("cannot " + verb + " " + xid + " of broker '" + broker.name() + "': "
                    + e.getMessage());
        }
    }
}
