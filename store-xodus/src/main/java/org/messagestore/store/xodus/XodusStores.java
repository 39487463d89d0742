package org.messagestore.store.xodus;

import java.util.List;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;
import org.messagestore.store.ScheduleIndex;

/**
 * The named Xodus stores that make up a message store (layout in package-info), opened once when
 * the environment is opened. Xodus {@link Store} handles are thread-safe and may be shared; the
 * transactions used with them are not.
 */
record XodusStores(
        Store messages,
        Store messageChunks,
        Store referenceCounts,
        Store queues,
        Store references,
        Store referenceIndex,
        Store deliverySchedule,
        Store expirySchedule,
        Store destinations,
        Store subscriptions,
        Store prepared,
        Store meta) {

    /** meta key: the largest message id ever handed to the store (RecoveredState.highestMessageId). */
    static final String HIGHEST_MESSAGE_ID = "highestMessageId";
    /** meta key: the layout version of this data directory. */
    static final String LAYOUT_VERSION = "layoutVersion";
    /** 2: added deliverySchedule and expirySchedule, and the times in referenceIndex values. */
    static final int LAYOUT = 2;

    static XodusStores open(Environment env) {
        return env.computeInExclusiveTransaction(txn -> new XodusStores(
                open(env, "messages", txn),
                open(env, "messageChunks", txn),
                open(env, "referenceCounts", txn),
                open(env, "queues", txn),
                open(env, "references", txn),
                open(env, "referenceIndex", txn),
                open(env, "deliverySchedule", txn),
                open(env, "expirySchedule", txn),
                open(env, "destinations", txn),
                open(env, "subscriptions", txn),
                open(env, "prepared", txn),
                open(env, "meta", txn)));
    }

    /**
     * Every store, in the order that numbers them in the {@link ChangeJournal}: a store added later
     * goes at the end, so that a journal left by an older version still reads.
     */
    List<Store> all() {
        return List.of(messages, messageChunks, referenceCounts, queues, references, referenceIndex,
                deliverySchedule, expirySchedule, destinations, subscriptions, prepared, meta);
    }

    /** The store that holds {@code index}'s entries. */
    Store schedule(ScheduleIndex index) {
        return switch (index) {
            case DELIVERY_TIME -> deliverySchedule;
            case EXPIRATION -> expirySchedule;
        };
    }

    /** Why a data directory of layout {@code found} cannot be opened by this version, and what to do. */
    static String layoutMismatch(int found) {
        if (found > LAYOUT) {
            return "it was written by a newer version of MessageStore; run that version on it";
        }
        return "the layout changed: layout 2 indexes delayed and expiring messages (deliverySchedule, expirySchedule), and the "
                + "delayed and expiring messages of a layout-" + found + " directory are not indexed, so this version would "
                + "deliver them early or never expire them. Drain its queues with the previous version, or give this broker "
                + "an empty dataDir";
    }

    private static Store open(Environment env, String name, Transaction txn) {
        // WITHOUT_DUPLICATES is a B+tree: ordered keys, cheap range scans from a prefix.
        return env.openStore(name, StoreConfig.WITHOUT_DUPLICATES, txn);
    }
}
