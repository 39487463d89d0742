package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notes section 5: an interrupt inside Xodus I/O can make the environment inoperative. The store
 * never runs Xodus on the caller's thread, so an interrupted caller still gets its result, keeps its
 * interrupt status, and leaves the store working for everyone else.
 */
class InterruptedCallerTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedCallerGetsItsResultsAndTheStoreKeepsWorking() {
        try (XodusMessageStore store = open(dir)) {
            Thread.currentThread().interrupt();
            store.apply(TestMessages.send(ORDERS_QUEUE, 1)).join();
            assertThat(store.recover().highestMessageId()).isEqualTo(1);
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(1L);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();

            Thread.interrupted();
            StoreTesting.applyAndWait(store, TestMessages.send(ORDERS_QUEUE, 2));
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(1L, 2L);
        }
    }
}
