package org.messagestore.store.xodus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;
import org.messagestore.model.BranchXid;
import org.messagestore.model.DestinationName;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.HeuristicOutcome;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.StoreOperation;

/**
 * Reads the {@link RecoveredState}: destinations, durable subscriptions, prepared transactions and
 * the highest message id. Reads no references and no message bodies (except those inside prepared
 * work), so its cost does not grow with the backlog.
 *
 * <p>Threads: runs on the store's reader thread inside one read-only transaction.
 */
final class RecoveryReader {

    private RecoveryReader() {
    }

    static RecoveredState read(XodusStores stores, Transaction txn) {
        List<DestinationName> destinations = new ArrayList<>();
        try (Cursor cursor = stores.destinations().openCursor(txn)) {
            while (cursor.getNext()) {
                destinations.add(Keys.destination(cursor.getKey()));
            }
        }
        List<DurableSubscriptionRecord> subscriptions = new ArrayList<>();
        try (Cursor cursor = stores.subscriptions().openCursor(txn)) {
            while (cursor.getNext()) {
                ByteIterable value = cursor.getValue();
                subscriptions.add(OperationCodec.decodeSubscription(value.getBytesUnsafe(), value.getLength()));
            }
        }
        long highest = highestMessageId(stores, txn);
        List<PreparedTransaction> prepared = new ArrayList<>();
        List<HeuristicOutcome> heuristics = new ArrayList<>();
        try (Cursor cursor = stores.prepared().openCursor(txn)) {
            while (cursor.getNext()) {
                ByteIterable key = cursor.getKey();
                ByteIterable value = cursor.getValue();
                BranchXid xid = OperationCodec.decodeXid(key.getBytesUnsafe(), key.getLength());
                if (OperationCodec.isHeuristic(value.getBytesUnsafe(), value.getLength())) {
                    heuristics.add(OperationCodec.decodeHeuristic(xid, value.getBytesUnsafe(), value.getLength()));
                    continue;
                }
                PreparedTransaction transaction = OperationCodec.decodePrepared(xid, value.getBytesUnsafe(), value.getLength());
                for (StoreOperation op : transaction.work()) {
                    if (op instanceof StoreOperation.AddMessage add) {
                        highest = Math.max(highest, add.messageId());
                    }
                }
                prepared.add(transaction);
            }
        }
        return new RecoveredState(destinations, subscriptions, prepared, heuristics, highest);
    }

    static long highestMessageId(XodusStores stores, Transaction txn) {
        ByteIterable stored = stores.meta().get(txn, Keys.bytes(XodusStores.HIGHEST_MESSAGE_ID.getBytes(StandardCharsets.UTF_8)));
        return stored == null ? 0 : Keys.readLong(stored, 0);
    }
}
