package org.messagestore.store.xodus;

import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;

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
        Store destinations,
        Store subscriptions,
        Store prepared,
        Store meta) {

    /** meta key: the largest message id ever handed to the store (RecoveredState.highestMessageId). */
    static final String HIGHEST_MESSAGE_ID = "highestMessageId";
    /** meta key: the layout version of this data directory. */
    static final String LAYOUT_VERSION = "layoutVersion";
    static final int LAYOUT = 1;

    static XodusStores open(Environment env) {
        return env.computeInExclusiveTransaction(txn -> new XodusStores(
                open(env, "messages", txn),
                open(env, "messageChunks", txn),
                open(env, "referenceCounts", txn),
                open(env, "queues", txn),
                open(env, "references", txn),
                open(env, "referenceIndex", txn),
                open(env, "destinations", txn),
                open(env, "subscriptions", txn),
                open(env, "prepared", txn),
                open(env, "meta", txn)));
    }

    private static Store open(Environment env, String name, Transaction txn) {
        // WITHOUT_DUPLICATES is a B+tree: ordered keys, cheap range scans from a prefix.
        return env.openStore(name, StoreConfig.WITHOUT_DUPLICATES, txn);
    }
}
