package org.messagestore.store.xodus;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers, in {@code messagestore-xodus.properties} beside the Xodus files, the log file size a
 * data directory was created with. Xodus fixes the size at creation and refuses to open the
 * directory with another one ("Unexpected file length"), so a later change of the default must
 * not make existing data unreadable: the recorded size wins.
 *
 * <p>Threads: runs on the thread opening the store.
 */
final class LogFileSizeRecord {

    static final String FILE_NAME = "messagestore-xodus.properties";
    private static final String KEY = "xodus.logFileSizeKb";
    private static final Logger LOG = LoggerFactory.getLogger(LogFileSizeRecord.class);

    private LogFileSizeRecord() {
    }

    /** The size to open {@code directory} with: the recorded one, else {@code configured} (recorded now for a new directory). */
    static int resolve(Path directory, int configured) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            String recorded = properties.getProperty(KEY);
            try {
                int kb = Integer.parseInt(recorded == null ? "" : recorded.strip());
                if (kb != configured) {
                    LOG.info("data directory {} was created with {} KiB Xodus log files; using that, not {}", directory, kb, configured);
                }
                return kb;
            } catch (NumberFormatException e) {
                throw new IOException(file + " has no valid " + KEY + " (found '" + recorded + "')", e);
            }
        }
        if (!hasLogFiles(directory)) {
            record(file, configured);
        }
        return configured;
    }

    private static boolean hasLogFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".xd"));
        }
    }

    private static void record(Path file, int kb) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(KEY, Integer.toString(kb));
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            properties.store(out, "Fixed when this data directory was created; Xodus cannot reopen it with another size");
        }
        // Synced before and after the rename: else a power cut soon after can leave the name with no content.
        sync(temp, StandardOpenOption.WRITE);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        sync(file.getParent(), StandardOpenOption.READ);
    }

    private static void sync(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }
}
