package org.messagestore.transport.tcp;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.messagestore.broker.RefusalLog;
import org.slf4j.LoggerFactory;

/**
 * Where the acceptor's logins run, so that a flood of them cannot take the broker's CPU. A login costs
 * a password hash (PBKDF2, hundreds of thousands of iterations by default), so:
 * <ul>
 *   <li>logins run on a small pool of their own ({@code messagestore-tcp-login-*}, half the cores), never
 *       on the I/O threads or the pool that serves connected clients, and wait in a bounded queue; when
 *       it is full the login is refused at once;</li>
 *   <li>after a failed login from an address, the next one from there waits first: 100 ms, doubled with
 *       each further failure, at most {@value #MAX_DELAY_MILLIS} ms, until a login from there succeeds;</li>
 *   <li>failed logins are logged as one summary line a minute, not one line each.</li>
 * </ul>
 *
 * <p>Threads: owns the login pool, stopped by {@link #close()}; the failure counts are concurrent.
 */
final class LoginGate implements AutoCloseable {

    static final long FIRST_DELAY_MILLIS = 100;
    static final long MAX_DELAY_MILLIS = 5_000;
    private static final int QUEUED_LOGINS = 256;
    /** Addresses remembered with failures; beyond this the oldest knowledge is dropped (bounded memory). */
    private static final int REMEMBERED_ADDRESSES = 10_000;

    private final ThreadPoolExecutor logins;
    private final ConcurrentHashMap<InetAddress, Integer> failures = new ConcurrentHashMap<>();
    private final RefusalLog refusals =
            new RefusalLog(LoggerFactory.getLogger(TcpAcceptor.class), RefusalLog.DEFAULT_INTERVAL_MILLIS);

    LoginGate() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        logins = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_LOGINS),
                new DefaultThreadFactory("messagestore-tcp-login", true));
        logins.allowCoreThreadTimeOut(true);
    }

    /** How long a login from {@code address} waits before it is tried: 0 unless logins from there failed. */
    long delayMillis(InetAddress address) {
        Integer failed = failures.get(address);
        return failed == null ? 0 : Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(failed - 1, 16));
    }

    /** Runs {@code login} on the login pool; false when the pool's queue is full (the caller refuses). */
    boolean submit(Runnable login) {
        try {
            logins.execute(login);
            return true;
        } catch (RejectedExecutionException e) {
            refusals.refused("refused a TCP login: " + QUEUED_LOGINS + " logins are already waiting");
            return false;
        }
    }

    void succeeded(InetAddress address) {
        failures.remove(address);
    }

    void failed(InetAddress address, String user, String reason) {
        if (failures.size() >= REMEMBERED_ADDRESSES) {
            failures.clear();
        }
        failures.merge(address, 1, Integer::sum);
        refusals.refused("failed TCP login from " + address.getHostAddress() + " (user " + user + "): " + reason);
    }

    @Override
    public void close() {
        logins.shutdownNow();
    }
}
