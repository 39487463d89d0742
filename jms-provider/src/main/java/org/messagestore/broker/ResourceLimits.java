package org.messagestore.broker;

/**
 * How much one connection may hold of the broker (see {@link BrokerConfig#limits()}), so that a client,
 * buggy or hostile, cannot exhaust it: a call over a limit fails with ResourceAllocationException and
 * changes nothing. Limits on connections themselves are the acceptor's.
 *
 * @param maxSessionsPerConnection open sessions of one connection; default {@value #DEFAULT_MAX_SESSIONS_PER_CONNECTION}
 * @param maxConsumersPerSession   open consumers of one session; default {@value #DEFAULT_MAX_CONSUMERS_PER_SESSION}
 */
public record ResourceLimits(int maxSessionsPerConnection, int maxConsumersPerSession) {

    public static final int DEFAULT_MAX_SESSIONS_PER_CONNECTION = 1_000;
    public static final int DEFAULT_MAX_CONSUMERS_PER_SESSION = 1_000;

    public static final ResourceLimits DEFAULT =
            new ResourceLimits(DEFAULT_MAX_SESSIONS_PER_CONNECTION, DEFAULT_MAX_CONSUMERS_PER_SESSION);

    public ResourceLimits {
        if (maxSessionsPerConnection < 1 || maxConsumersPerSession < 1) {
            throw new IllegalArgumentException("limits must be at least 1: sessions per connection "
                    + maxSessionsPerConnection + ", consumers per session " + maxConsumersPerSession);
        }
    }
}
