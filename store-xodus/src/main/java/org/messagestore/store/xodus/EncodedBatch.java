package org.messagestore.store.xodus;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.PrepareTransaction;

/**
 * One {@code apply} call waiting for the writer: its operations, the stored bytes of its messages
 * and prepared work, and the future to complete. Encoding happens on the caller's thread so that
 * the single writer only copies bytes, and so that a message the codec rejects fails its own call
 * at once instead of a flush.
 *
 * <p>Threads: built by the caller, then flushed by it or handed to the writer thread through its queue
 * (a safe publication); the future is completed by whichever flushed it.
 */
final class EncodedBatch {

    private final List<StoreOperation> operations;
    private final Map<StoreOperation, byte[]> encodings = new IdentityHashMap<>();
    private final CompletableFuture<Void> future = new CompletableFuture<>();
    private final int encodedBytes;

    EncodedBatch(List<StoreOperation> operations) {
        this.operations = List.copyOf(operations);
        int bytes = 0;
        for (StoreOperation op : this.operations) {
            byte[] encoded = null;
            if (op instanceof AddMessage add) {
                encoded = MessageCodec.encode(add.message());
            } else if (op instanceof PrepareTransaction prepare) {
                encoded = OperationCodec.encodePrepared(prepare);
            }
            if (encoded != null) {
                encodings.put(op, encoded);
                bytes += encoded.length;
            }
        }
        this.encodedBytes = bytes;
    }

    List<StoreOperation> operations() {
        return operations;
    }

    /** The stored bytes of an AddMessage or PrepareTransaction of this batch. */
    byte[] encoded(StoreOperation op) {
        byte[] bytes = encodings.get(op);
        return bytes != null ? bytes : op instanceof AddMessage add ? MessageCodec.encode(add.message()) : null;
    }

    int encodedBytes() {
        return encodedBytes;
    }

    CompletableFuture<Void> future() {
        return future;
    }
}
