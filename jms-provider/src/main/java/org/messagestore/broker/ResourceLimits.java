package org.messagestore.broker;

import java.time.Duration;

/**
 * How much one connection may hold of the broker (see {@link BrokerConfig#limits()}), so that a client,
 * buggy or hostile, cannot exhaust it: a call over a limit fails with ResourceAllocationException and
 * changes nothing. Limits on connections themselves are the acceptor's.
 *
 * @param maxSessionsPerConnection open sessions of one connection; default {@value #DEFAULT_MAX_SESSIONS_PER_CONNECTION}
 * @param maxConsumersPerSession   open consumers of one session; default {@value #DEFAULT_MAX_CONSUMERS_PER_SESSION}
 * @param unpreparedBranchTimeout  how long an XA branch may stay unprepared, holding the messages it
 *                                 consumed, before the broker rolls it back (XA_RBTIMEOUT); default
 *                                 {@link #DEFAULT_UNPREPARED_BRANCH_TIMEOUT}. A prepared branch never
 *                                 times out: only its transaction manager or an operator completes it
 */
public record ResourceLimits(int maxSessionsPerConnection, int maxConsumersPerSession, Duration unpreparedBranchTimeout) {

    public static final int DEFAULT_MAX_SESSIONS_PER_CONNECTION = 1_000;
    public static final int DEFAULT_MAX_CONSUMERS_PER_SESSION = 1_000;
    /** Five minutes, as Artemis's transaction timeout and Narayana's default transaction timeout (60 s) allow for. */
    public static final Duration DEFAULT_UNPREPARED_BRANCH_TIMEOUT = Duration.ofMinutes(5);

    public static final ResourceLimits DEFAULT = new ResourceLimits(DEFAULT_MAX_SESSIONS_PER_CONNECTION,
            DEFAULT_MAX_CONSUMERS_PER_SESSION, DEFAULT_UNPREPARED_BRANCH_TIMEOUT);

    public ResourceLimits {
        if (maxSessionsPerConnection < 1 || maxConsumersPerSession < 1) {
            throw new IllegalArgumentException("limits must be at least 1: sessions per connection "
                    + maxSessionsPerConnection + ", consumers per session " + maxConsumersPerSession);
        }
        if (unpreparedBranchTimeout == null || unpreparedBranchTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the unprepared XA branch timeout must be at least 1 ms, not "
                    + unpreparedBranchTimeout);
        }
    }

    /** These session and consumer limits with the default branch timeout. */
    public ResourceLimits(int maxSessionsPerConnection, int maxConsumersPerSession) {
        this(maxSessionsPerConnection, maxConsumersPerSession, DEFAULT_UNPREPARED_BRANCH_TIMEOUT);
    }

    public ResourceLimits withUnpreparedBranchTimeout(Duration timeout) {
        return new ResourceLimits(maxSessionsPerConnection, maxConsumersPerSession, timeout);
    }
}
