package org.messagestore.broker;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.messagestore.store.ForwardingMessageStore;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.StoredReference;

/** A store that counts the references its cursors return, over another store (which it does not close). */
final class CountingStore extends ForwardingMessageStore {

    private final AtomicLong referencesRead = new AtomicLong();
    private final AtomicLong pagesRead = new AtomicLong();

    CountingStore(MessageStore delegate) {
        super(delegate);
    }

    long referencesRead() {
        return referencesRead.get();
    }

    long pagesRead() {
        return pagesRead.get();
    }

    @Override
    public ReferenceCursor openCursor(QueueId queue, long afterPosition) {
        ReferenceCursor cursor = delegate.openCursor(queue, afterPosition);
        return new ReferenceCursor() {
            @Override
            public List<StoredReference> next(int max) {
                List<StoredReference> page = cursor.next(max);
                pagesRead.incrementAndGet();
                referencesRead.addAndGet(page.size());
                return page;
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    @Override
    public String description() {
        return "counting " + delegate.description();
    }

    @Override
    public void close() {
    }
}
