package org.messagestore.store.xodus;

import java.util.List;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/**
 * The writes of one flush transaction: each is made in Xodus and recorded, so that the writer can put
 * the whole change in the {@link ChangeJournal} before it commits. A recorded change is physical (this
 * key now has this value, this key is gone), not an operation: applying it again over a store that
 * already has it, or over one that lost it together with later changes, leaves the same keys.
 *
 * <p>Encoding, per change: kind (1: put, 2: delete), store number ({@link XodusStores#all}), key
 * (length-prefixed), and for a put the value (length-prefixed).
 *
 * <p>A commit too large to be worth journaling twice stops being recorded at {@code journalLimit}
 * ({@link ChangeJournal#DIRECT_BYTES}); Xodus syncs it itself.
 *
 * <p>Threads: the flushing thread's, like the transaction it writes to.
 */
final class RecordedWrites {

    private static final int PUT = 1;
    private static final int DELETE = 2;

    private final Transaction txn;
    private final List<Store> stores;
    private final int journalLimit;
    /** The encoded changes; null once they reached {@code journalLimit}: such a commit is not journaled. */
    private BinaryWriter changes = new BinaryWriter(4096);
    private int count;

    /** {@code journalLimit}: from this many encoded bytes on, the changes are no longer recorded. */
    RecordedWrites(Transaction txn, XodusStores stores, int journalLimit) {
        this.txn = txn;
        this.stores = stores.all();
        this.journalLimit = journalLimit;
    }

    /** The transaction written to, for the reads a write depends on. */
    Transaction txn() {
        return txn;
    }

    void put(Store store, ByteIterable key, ByteIterable value) {
        store.put(txn, key, value);
        record(PUT, store, key, value);
    }

    /** Deletes {@code key}; true if it was there. */
    boolean delete(Store store, ByteIterable key) {
        if (!store.delete(txn, key)) {
            return false;
        }
        record(DELETE, store, key, null);
        return true;
    }

    /** Deletes the entry under {@code cursor}, which is open on {@code store}. */
    void deleteCurrent(Store store, Cursor cursor) {
        record(DELETE, store, cursor.getKey(), null);
        cursor.deleteCurrent();
    }

    private void record(int kind, Store store, ByteIterable key, ByteIterable value) {
        count++;
        if (changes == null) {
            return;
        }
        changes.writeByte(kind).writeByte(number(store)).writeBytes(key.getBytesUnsafe(), key.getLength());
        if (value != null) {
            changes.writeBytes(value.getBytesUnsafe(), value.getLength());
        }
        if (changes.size() >= journalLimit) {
            changes = null;
        }
    }

    private int number(Store store) {
        for (int i = 0; i < stores.size(); i++) {
            if (stores.get(i) == store) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a store of this environment: " + store.getName());
    }

    /** Whether anything was written. */
    boolean isEmpty() {
        return count == 0;
    }

    /** Whether the changes reached the journal limit, and so were not all recorded. */
    boolean tooLargeToJournal() {
        return changes == null;
    }

    /** The recorded changes, for {@link #replay}. */
    byte[] encoded() {
        if (changes == null) {
            throw new IllegalStateException("too large to journal: not recorded");
        }
        return changes.toByteArray();
    }

    /** Makes the changes {@code encoded} records in {@code txn}, in their order. */
    static void replay(byte[] encoded, Transaction txn, XodusStores stores) {
        List<Store> all = stores.all();
        BinaryReader in = new BinaryReader(encoded, encoded.length, "journaled change");
        while (in.hasRemaining()) {
            int kind = in.readByte();
            int number = in.readByte();
            if (number >= all.size()) {
                throw in.malformed("store number " + number);
            }
            Store store = all.get(number);
            ByteIterable key = Keys.bytes(in.readBytes());
            if (kind == PUT) {
                store.put(txn, key, Keys.bytes(in.readBytes()));
            } else if (kind == DELETE) {
                store.delete(txn, key);
            } else {
                throw in.malformed("change kind " + kind);
            }
        }
    }
}
