package org.messagestore.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child JVM's main: starts one peer on a fresh temporary data directory, runs one scenario against
 * it over TCP, reports on standard output ({@link ScenarioReport}), then stops the peer and deletes the
 * directory. Exits with status 1 when the scenario fails.
 *
 * <p>Arguments: {@code <peer> <scenario id> [options as for PeerBenchmark]}.
 */
public final class PeerRun {

    private static final Logger LOG = LoggerFactory.getLogger(PeerRun.class);

    private PeerRun() {
    }

    public static void main(String[] args) throws Exception {
        String peerName = args[0];
        BenchmarkOptions options = BenchmarkOptions.parse(Arrays.asList(args).subList(2, args.length));
        Scenario scenario = Scenario.byId(args[1], options);
        var report = new ScenarioReport(System.out);
        Path dataDir = Files.createTempDirectory("benchmark-" + peerName.toLowerCase().replace(' ', '-') + "-");
        int status = 0;
        try (BrokerPeer peer = BrokerPeer.start(peerName, dataDir)) {
            report.detail(peer.name() + ": " + peer.durability() + "; Netty " + nettyVersion());
            scenario.run(peer, options, report);
        } catch (Exception e) {
            LOG.error("{} failed on {}", scenario.id(), peerName, e);
            status = 1;
        } finally {
            deleteRecursively(dataDir);
        }
        reportLeftoverThreads(report);
        // The JVM is the unit of isolation: end it with the scenario's status even if a thread lingers.
        System.exit(status);
    }

    /** Threads still running after the peer and every client closed would be a leak worth knowing about. */
    private static void reportLeftoverThreads(ScenarioReport report) {
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon() && thread != Thread.currentThread()
                        && !thread.getName().equals("DestroyJavaVM")
                        // Netty's global executor thread ends by itself a second after its last task.
                        && !thread.getName().startsWith("globalEventExecutor"))
                .forEach(thread -> report.detail("thread still running after close: " + thread.getName()));
    }

    /** The netty-common version this JVM loaded, as Netty itself reports it. */
    private static String nettyVersion() {
        var version = io.netty.util.Version.identify(PeerRun.class.getClassLoader()).get("netty-common");
        return version == null ? "unknown" : version.artifactVersion();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
