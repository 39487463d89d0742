package org.messagestore.store.xodus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.messagestore.store.QueueId;

/**
 * The child JVM of {@link CrashRecoveryTest}: several producers send to one queue as fast as the
 * store allows, and every second message is acknowledged once its send completed. It prints
 * {@code A <id>} when a send's future completed, {@code S <id>} before it submits an acknowledgement,
 * and {@code R <id>} when the acknowledgement's future completed,
 * until it is killed. Not a test.
 */
public final class CrashWriter {

    static final QueueId QUEUE = QueueId.ofQueue("crash");
    private static final int PRODUCERS = 4;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long firstId = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        XodusMessageStore store = XodusMessageStore.open(dir);
        out.println("OPEN");
        for (int p = 0; p < PRODUCERS; p++) {
            long start = firstId + p;
            Thread producer = new Thread(() -> produce(store, out, start), "crash-producer-" + p);
            producer.start();
        }
        Thread.currentThread().join(); // until SIGKILL
    }

    private static void produce(XodusMessageStore store, PrintStream out, long start) {
        Semaphore inFlight = new Semaphore(32);
        for (long id = start; ; id += PRODUCERS) {
            inFlight.acquireUninterruptibly();
            long sent = id;
            store.apply(TestMessages.send(QUEUE, sent)).whenComplete((ok, failure) -> {
                if (failure == null) {
                    print(out, "A " + sent);
                    if (sent % 2 == 0) {
                        print(out, "S " + sent);
                        store.apply(List.of(new org.messagestore.store.StoreOperation.RemoveReference(QUEUE, sent)))
                                .whenComplete((ok2, failure2) -> {
                                    if (failure2 == null) {
                                        print(out, "R " + sent);
                                    }
                                });
                    }
                }
                inFlight.release();
            });
        }
    }

    private static void print(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
        }
    }
}
