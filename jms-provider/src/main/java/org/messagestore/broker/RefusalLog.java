package org.messagestore.broker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Reports refusals (a limit reached, a connection turned away) at most once per interval: the first at
 * once, the ones after it counted into the next report. A flood of refused attempts then costs one log
 * line per interval instead of one per attempt, and still shows in the log.
 *
 * <p>Thread-safe: any thread may report.
 */
public final class RefusalLog {

    /** One report a minute at most. */
    public static final long DEFAULT_INTERVAL_MILLIS = 60_000;

    private final Logger log;
    private final long intervalMillis;
    private final AtomicLong nextReportAt = new AtomicLong();
    private final AtomicInteger unreported = new AtomicInteger();

    public RefusalLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalMillis = intervalMillis;
    }

    /** Reports {@code refusal} now, or counts it into the next report when one was made in this interval. */
    public void refused(String refusal) {
        long now = System.currentTimeMillis();
        long next = nextReportAt.get();
        if (now < next || !nextReportAt.compareAndSet(next, now + intervalMillis)) {
            unreported.incrementAndGet();
            return;
        }
        int earlier = unreported.getAndSet(0);
        if (earlier == 0) {
            log.warn("{}", refusal);
        } else {
            log.warn("{} ({} more refused since the last report; reported at most once per {} s)",
                    refusal, earlier, intervalMillis / 1000);
        }
    }
}
