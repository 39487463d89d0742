package org.messagestore.server;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops the server on SIGTERM and SIGINT and then exits with status 0 (1 when stopping failed).
 *
 * <p>A shutdown hook alone would also stop it, but the JVM then exits with 128 + the signal number
 * (143 for SIGTERM), which service managers report as a failure. {@code sun.misc.Signal} lives in the
 * {@code jdk.unsupported} module, which JEP 260 keeps available for exactly this; javac warns about it
 * regardless. Where a signal cannot be handled (for example under {@code -Xrs}) the shutdown hook, also
 * installed here, still stops the server on its way out.
 *
 * <p>Threads: the JVM runs signal handlers on its own threads ({@code SIGTERM handler}); the hook runs
 * on {@code messagestore-shutdown}. Both call the same idempotent, synchronized stop.
 */
final class TerminationSignals {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {
    }

    static void install(BooleanSupplier stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop::getAsBoolean, "messagestore-shutdown"));
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("SIG{} received", name);
                    System.exit(stop.getAsBoolean() ? 0 : MessageStoreServer.EXIT_FAILED);
                });
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot handle SIG{} ({}); the shutdown hook will stop the broker, and the exit status "
                        + "will be 128 + the signal's number", name, e.getMessage());
            }
        }
    }
}
