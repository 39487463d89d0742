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
 * The child JVM's main: starts one peer on a fresh temporary data directory, runs one workload against it
 * over one transport, reports on standard output ({@link WorkloadReport}), then stops the peer and deletes
 * the directory. Exits with status 1 when the workload fails.
 *
 * <p>Arguments: {@code <peer> <workload id> <transport> [options as for PeerBenchmark]}.
 */
public final class PeerRun {

    private static final Logger LOG = LoggerFactory.getLogger(PeerRun.class);

    private PeerRun() {
    }

    public static void main(String[] args) throws Exception {
        PeerVariant variant = PeerVariant.named(args[0]);
        Workload workload = Workload.byId(args[1]);
        Transport transport = Transport.byId(args[2]);
        BenchmarkOptions options = BenchmarkOptions.parse(Arrays.asList(args).subList(3, args.length));
        var report = new WorkloadReport(System.out);
        Path dataDir = Files.createTempDirectory("benchmark-" + variant.name().toLowerCase().replace('_', '-') + "-");
        int status = 0;
        try (BrokerPeer peer = BrokerPeer.start(variant, transport, dataDir)) {
            report.setting(variant.displayName() + " (" + transport.id() + "): " + peer.durability() + nettyVersion(variant, transport));
            workload.run(peer, dataDir, options, report);
        } catch (Exception e) {
            LOG.error("{} failed on {} over {}", workload.id(), variant.displayName(), transport.id(), e);
            status = 1;
        } finally {
            deleteRecursively(dataDir);
        }
        reportLeftoverThreads(report);
        // The JVM is the unit of isolation: end it with the workload's status even if a thread lingers.
        System.exit(status);
    }

    /** Threads still running after the peer and every client closed would be a leak worth knowing about. */
    private static void reportLeftoverThreads(WorkloadReport report) {
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon() && thread != Thread.currentThread()
                        && !thread.getName().equals("DestroyJavaVM")
                        // Netty's global executor thread ends by itself a second after its last task.
                        && !thread.getName().startsWith("globalEventExecutor")
                        // Artemis's in-VM connector runs on a JVM-wide pool (InVMConnector.getInVMExecutor) whose
                        // threads end after 60 s without work; the server's stop leaves them be.
                        && !thread.getName().contains("in-v-m-connector"))
                .forEach(thread -> report.detail("thread still running after close: " + thread.getName()));
    }

    /** The netty-common version this JVM loaded, as Netty itself reports it, where the peer's TCP transport uses Netty. */
    private static String nettyVersion(PeerVariant variant, Transport transport) {
        if (transport != Transport.TCP || variant.family() == PeerVariant.Family.CLASSIC) {
            return "";
        }
        var version = io.netty.util.Version.identify(PeerRun.class.getClassLoader()).get("netty-common");
        return "; Netty " + (version == null ? "unknown" : version.artifactVersion());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
