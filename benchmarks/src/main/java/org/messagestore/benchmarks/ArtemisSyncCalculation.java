package org.messagestore.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.core.io.IOCallback;
import org.apache.activemq.artemis.core.io.SequentialFile;
import org.apache.activemq.artemis.core.io.SequentialFileFactory;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.io.nio.NIOSequentialFileFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.utils.ReusableLatch;

/**
 * The disk test {@code artemis create} runs to choose journal-buffer-timeout, redone here because Artemis
 * ships it only in artemis-cli, which is not released for the Artemis version measured. It follows
 * {@code SyncCalculation.syncTest} as {@code Create.performAutoTune} calls it: on the journal's own file
 * factory (datasync on, buffer reuse off), 5 tries of 250 writes of one 4 KiB block each synced
 * ({@code writeDirect(block, sync=true)}), the writes not waiting for each other (syncWrites=false); the
 * fastest try's milliseconds become nanoseconds per write, which {@code create} writes as
 * {@code journal-buffer-timeout} (and, measured on NIO, as {@code page-sync-timeout}).
 */
final class ArtemisSyncCalculation {

    private static final int BLOCK_SIZE = 4096;
    private static final int WRITES = 250;
    private static final int TRIES = 5;
    private static final long MAX_FLUSH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private ArtemisSyncCalculation() {
    }

    /** Nanoseconds per synced write with {@code journalType} in {@code folder}: create's journal-buffer-timeout. */
    static long bufferTimeoutNanos(File folder, JournalType journalType) throws Exception {
        long millis = fastestTryMillis(folder, journalType);
        double writesPerMillisecond = (double) WRITES / millis;
        // As SyncCalculation.toNanos: 0 when every write of a try fit in one millisecond.
        return (long) (TimeUnit.MILLISECONDS.toNanos(1) / writesPerMillisecond);
    }

    private static long fastestTryMillis(File folder, JournalType journalType) throws Exception {
        SequentialFileFactory factory = newFactory(folder, journalType);
        if (factory instanceof AIOSequentialFileFactory) {
            factory.setAlignment(BLOCK_SIZE);
        }
        SequentialFile file = factory.createSequentialFile("journal-test.tmp");
        try {
            ByteBuffer block = factory.newBuffer(BLOCK_SIZE);
            byte[] filler = new byte[block.remaining()];
            Arrays.fill(filler, (byte) 't');
            block.put(filler).position(0);
            int blockSize = block.remaining();
            file.delete();
            file.open();
            file.fill(blockSize * WRITES);
            file.close();

            var pending = new ReusableLatch(0);
            var error = new AtomicReference<String>();
            IOCallback callback = new IOCallback() {
                @Override
                public void done() {
                    pending.countDown();
                }

                @Override
                public void onError(int errorCode, String errorMessage) {
                    error.set(errorCode + " " + errorMessage);
                    pending.countDown();
                }
            };
            long fastest = Long.MAX_VALUE;
            for (int attempt = 0; attempt < TRIES; attempt++) {
                file.open();
                file.position(0);
                long start = System.currentTimeMillis();
                for (int i = 0; i < WRITES; i++) {
                    block.position(0);
                    pending.countUp();
                    file.writeDirect(block, true, callback);
                }
                if (!pending.await(MAX_FLUSH_NANOS, TimeUnit.NANOSECONDS) || error.get() != null) {
                    throw new IOException("the journal sync test in " + folder + " failed: "
                            + (error.get() == null ? "timed out" : error.get()));
                }
                fastest = Math.min(fastest, System.currentTimeMillis() - start);
                file.close();
            }
            factory.releaseDirectBuffer(block);
            return fastest;
        } finally {
            file.close();
            file.delete();
            factory.stop();
        }
    }

    private static SequentialFileFactory newFactory(File folder, JournalType journalType) {
        return switch (journalType) {
            case NIO -> {
                var nio = new NIOSequentialFileFactory(folder, 1);
                nio.setDatasync(true);
                nio.disableBufferReuse();
                nio.start();
                yield nio;
            }
            case ASYNCIO -> {
                var aio = new AIOSequentialFileFactory(folder, ActiveMQDefaultConfiguration.getDefaultJournalMaxIoAio());
                aio.setDatasync(true);
                aio.start();
                aio.disableBufferReuse();
                yield aio;
            }
            default -> throw new IllegalArgumentException("artemis create measures NIO or ASYNCIO journals, not " + journalType);
        };
    }
}
