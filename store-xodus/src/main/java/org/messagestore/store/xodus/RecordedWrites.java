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
 * <p>Threads: the writer thread's, like the transaction it writes to.
 */
final class RecordedWrites {

    private static final int PUT = 1;
    private static final int DELETE = 2;

    private final Transaction txn;
    private final List<Store> stores;
    private final BinaryWriter changes = new BinaryWriter(4096);
    private int count;

    RecordedWrites(Transaction txn, XodusStores stores) {
        this.txn = txn;
        this.stores = stores.all();
    }

    /** The transaction written to, for the reads a write depends on. */
    Transaction txn() {
        return txn;
    }

    void put(Store store, ByteIterable key, ByteIterable value) {
        store.put(txn, key, value);
        record(PUT, store, key).writeBytes(value.getBytesUnsafe(), value.getLength());
    }

    /** Deletes {@code key}; true if it was there. */
    boolean delete(Store store, ByteIterable key) {
        if (!store.delete(txn, key)) {
            return false;
        }
        record(DELETE, store, key);
        return true;
    }

    /** Deletes the entry under {@code cursor}, which is open on {@code store}. */
    void deleteCurrent(Store store, Cursor cursor) {
        ByteIterable key = cursor.getKey();
        record(DELETE, store, key);
        cursor.deleteCurrent();
    }

    private BinaryWriter record(int kind, Store store, ByteIterable key) {
        count++;
        return changes.writeByte(kind).writeByte(number(store)).writeBytes(key.getBytesUnsafe(), key.getLength());
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

    /** How many bytes the encoded changes take. */
    int encodedBytes() {
        return changes.size();
    }

    /** The recorded changes, for {@link #replay}. */
    byte[] encoded() {
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
