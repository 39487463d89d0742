package org.messagestore.store.xodus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.ExodusException;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Environments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the Xodus environment of a data directory and turns what can go wrong into an
 * {@link IOException} that names the directory and says what to do: a directory another store
 * holds (Xodus's lock file {@code xd.lck}), one this process may not read or write, a file where
 * a directory should be, or a directory of an incompatible layout.
 *
 * <p>Threads: runs on the thread opening the store, before the store's threads exist.
 */
final class EnvironmentOpener {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentOpener.class);

    private EnvironmentOpener() {
    }

    static Environment open(Path directory, XodusStoreSettings settings) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory + " (the Xodus store needs a data directory there, and it is a file)");
        }
        Files.createDirectories(directory);
        if (!Files.isReadable(directory) || !Files.isWritable(directory) || !Files.isExecutable(directory)) {
            throw new AccessDeniedException(directory.toString(), null,
                    "the Xodus store needs to read and write data directory " + directory + "; grant this process access or set another dataDir");
        }
        warnWhenChannelsAreInterruptible();
        XodusStoreSettings effective = settings.withLogFileSizeKb(LogFileSizeRecord.resolve(directory, settings.logFileSizeKb()));
        try {
            return Environments.newInstance(directory.toFile(), effective.environmentConfig());
        } catch (ExodusException e) {
            if (isLockFailure(e)) {
                throw new IOException("data directory " + directory + " is in use by another store (Xodus lock file "
                        + directory.resolve("xd.lck") + " is held); stop the other broker or give this one another dataDir. Xodus said: "
                        + firstLine(e.getMessage()), e);
            }
            String hint = String.valueOf(e.getMessage()).contains("Unexpected file length")
                    ? " (its log files are not " + effective.logFileSizeKb() + " KiB: was it created by another program or with another "
                    + LogFileSizeRecord.FILE_NAME + "?)"
                    : "";
            throw new IOException("cannot open the Xodus store in data directory " + directory + ": " + firstLine(e.getMessage()) + hint, e);
        }
    }

    /** Records this directory's layout version, or rejects a directory written with another layout. */
    static void checkLayout(Environment env, XodusStores stores, Path directory) throws IOException {
        ByteIterable key = Keys.bytes(XodusStores.LAYOUT_VERSION.getBytes(StandardCharsets.UTF_8));
        Integer found = env.computeInExclusiveTransaction(txn -> {
            ByteIterable stored = stores.meta().get(txn, key);
            if (stored == null) {
                stores.meta().put(txn, key, Keys.intValue(XodusStores.LAYOUT));
                return XodusStores.LAYOUT;
            }
            return Keys.readInt(stored, 0);
        });
        if (found != XodusStores.LAYOUT) {
            throw new IOException("data directory " + directory + " holds store layout " + found
                    + ", this version reads layout " + XodusStores.LAYOUT + ": " + XodusStores.layoutMismatch(found));
        }
    }

    private static boolean isLockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase().contains("lock")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    /** Whether Xodus can make its file channels uninterruptible: then any thread may write to it (notes section 5). */
    static boolean channelsAreUninterruptible() {
        return Object.class.getModule().isOpen("sun.nio.ch", EnvironmentOpener.class.getModule());
    }

    /** Notes section 5: without this opening, an interrupt inside Xodus I/O makes the environment inoperative. */
    private static void warnWhenChannelsAreInterruptible() {
        if (!channelsAreUninterruptible()) {
            LOG.warn("the JVM runs without --add-opens java.base/sun.nio.ch=ALL-UNNAMED: Xodus file channels stay interruptible. "
                    + "The store reads and writes only on its own threads, which are never interrupted, but add the flag to be safe");
        }
    }
}
