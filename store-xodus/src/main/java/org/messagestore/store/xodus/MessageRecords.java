package org.messagestore.store.xodus;

import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Transaction;
import org.messagestore.model.MessageData;

/**
 * Writes, reads and deletes one stored message. Xodus cannot write a single value larger than a log
 * file ({@code TooBigLoggableException}; our files are 2 MB, see {@link XodusStoreSettings}), so an
 * encoded message above {@link #CHUNK} bytes is split: {@code messages[id]} then holds a small
 * header (marker, chunk count, length) and the bytes live in {@code messageChunks[id | index]}.
 * A message of at most one chunk, the common case, is a single value.
 *
 * <p>Threads: stateless; writes run on the thread flushing, reads on the reader thread.
 */
final class MessageRecords {

    /** Well below the 2 MB log file, so a chunk always fits in one file with room for the tree pages. */
    static final int CHUNK = 512 * 1024;
    /** First byte of a chunked record; MessageCodec records start with their format number (1). */
    private static final int CHUNKED = 0x7F;

    private MessageRecords() {
    }

    static void write(RecordedWrites writes, XodusStores stores, StoreStatistics statistics, long messageId, byte[] encoded) {
        ByteIterable key = Keys.messageKey(messageId);
        if (encoded.length <= CHUNK) {
            writes.put(stores.messages(), key, Keys.bytes(encoded));
            statistics.keysPut.increment();
            return;
        }
        int chunks = (encoded.length + CHUNK - 1) / CHUNK;
        for (int i = 0; i < chunks; i++) {
            int from = i * CHUNK;
            byte[] chunk = java.util.Arrays.copyOfRange(encoded, from, Math.min(encoded.length, from + CHUNK));
            writes.put(stores.messageChunks(), Keys.chunkKey(messageId, i), Keys.bytes(chunk));
        }
        writes.put(stores.messages(), key, Keys.bytes(new BinaryWriter(9).writeByte(CHUNKED).writeInt(chunks).writeInt(encoded.length).toByteArray()));
        statistics.keysPut.add(chunks + 1L);
    }

    /** The message, or null when it is not stored. */
    static MessageData read(Transaction txn, XodusStores stores, long messageId) {
        ByteIterable stored = stores.messages().get(txn, Keys.messageKey(messageId));
        if (stored == null) {
            return null;
        }
        byte[] bytes = stored.getBytesUnsafe();
        if (stored.getLength() == 0 || bytes[0] != CHUNKED) {
            return MessageCodec.decode(bytes, stored.getLength());
        }
        BinaryReader header = Keys.reader(stored, "chunked message " + messageId);
        header.readByte();
        int chunks = header.readInt();
        byte[] encoded = new byte[header.readInt()];
        int offset = 0;
        for (int i = 0; i < chunks; i++) {
            ByteIterable chunk = stores.messageChunks().get(txn, Keys.chunkKey(messageId, i));
            if (chunk == null || offset + chunk.getLength() > encoded.length) {
                throw new CorruptRecordException("chunk " + i + " of message " + messageId + " is missing or too long");
            }
            System.arraycopy(chunk.getBytesUnsafe(), 0, encoded, offset, chunk.getLength());
            offset += chunk.getLength();
        }
        return MessageCodec.decode(encoded, offset);
    }

    static void delete(RecordedWrites writes, XodusStores stores, StoreStatistics statistics, long messageId) {
        ByteIterable key = Keys.messageKey(messageId);
        ByteIterable stored = stores.messages().get(writes.txn(), key);
        if (stored == null) {
            return;
        }
        if (stored.getLength() > 0 && stored.getBytesUnsafe()[0] == CHUNKED) {
            int chunks = Keys.readInt(stored, 1);
            for (int i = 0; i < chunks; i++) {
                writes.delete(stores.messageChunks(), Keys.chunkKey(messageId, i));
            }
            statistics.keysDeleted.add(chunks);
        }
        writes.delete(stores.messages(), key);
        statistics.keysDeleted.increment();
    }
}
