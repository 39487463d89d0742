package org.messagestore.store.xodus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoredReference;

/** Helpers shared by the store tests: open, apply-and-wait, read a whole queue. */
final class StoreTesting {

    private StoreTesting() {
    }

    static XodusMessageStore open(Path dir) {
        try {
            return XodusMessageStore.open(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void applyAndWait(MessageStore store, List<StoreOperation> batch) {
        try {
            store.apply(batch).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("batch failed: " + batch, e);
        }
    }

    static List<StoredReference> readAll(MessageStore store, QueueId queue, int page) {
        List<StoredReference> all = new ArrayList<>();
        try (ReferenceCursor cursor = store.openCursor(queue, MessageStore.FROM_START)) {
            for (List<StoredReference> p = cursor.next(page); !p.isEmpty(); p = cursor.next(page)) {
                all.addAll(p);
            }
        }
        return all;
    }

    static long countChunks(XodusMessageStore store) {
        return store.storedChunkCount();
    }

    static List<Long> ids(List<StoredReference> refs) {
        return refs.stream().map(StoredReference::messageId).toList();
    }
}
