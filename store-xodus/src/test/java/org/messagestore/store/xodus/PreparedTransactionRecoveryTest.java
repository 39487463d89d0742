package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.model.BranchXid;
import org.messagestore.store.HeuristicOutcome;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.RemoveReference;

class PreparedTransactionRecoveryTest {

    private static final BranchXid XID_1 = new BranchXid(1, new byte[] {1}, new byte[] {1});
    private static final BranchXid XID_2 = new BranchXid(1, new byte[] {2}, new byte[] {1});

    @TempDir
    Path dir;

    @Test
    void preparedWorkIsInDoubtAfterRestartAndAppliedOnlyByCommit() {
        List<StoreOperation> receiveAndSend = List.of(new RemoveReference(ORDERS_QUEUE, 1),
                new AddMessage(10, TestMessages.text("reply")), new AddReference(ORDERS_QUEUE, 10));
        List<StoreOperation> rolledBack = List.of(new AddMessage(11, TestMessages.text("never")), new AddReference(ORDERS_QUEUE, 11));
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, TestMessages.send(ORDERS_QUEUE, 1));
            applyAndWait(store, List.of(new StoreOperation.PrepareTransaction(XID_1, receiveAndSend)));
            applyAndWait(store, List.of(new StoreOperation.PrepareTransaction(XID_2, rolledBack)));
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(1L);
        }

        try (XodusMessageStore store = open(dir)) {
            var state = store.recover();
            assertThat(state.prepared()).extracting(PreparedTransaction::xid).containsExactlyInAnyOrder(XID_1, XID_2);
            PreparedTransaction first = state.prepared().stream().filter(p -> p.xid().equals(XID_1)).findFirst().orElseThrow();
            assertThat(first.work()).usingRecursiveComparison().isEqualTo(receiveAndSend);
            assertThat(state.highestMessageId()).isEqualTo(11);
            // prepared work is not reflected in the references a cursor returns
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(1L);

            applyAndWait(store, List.of(new StoreOperation.CommitPrepared(XID_1)));
            applyAndWait(store, List.of(new StoreOperation.RollbackPrepared(XID_2)));
        }

        try (XodusMessageStore store = open(dir)) {
            assertThat(store.recover().prepared()).isEmpty();
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(10L);
            assertThat(store.storedMessageCount()).isEqualTo(1);
        }
    }

    @Test
    void thePrepareTimeAndAHeuristicOutcomeSurviveARestartUntilForgotten() {
        long preparedAt = 1_800_000_000_000L;
        HeuristicOutcome outcome = new HeuristicOutcome(XID_1, true, preparedAt + 60_000);
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, List.of(new StoreOperation.PrepareTransaction(XID_1, TestMessages.send(ORDERS_QUEUE, 1), preparedAt)));
            applyAndWait(store, List.of(new StoreOperation.PrepareTransaction(XID_2, TestMessages.send(ORDERS_QUEUE, 2), preparedAt)));
        }
        try (XodusMessageStore store = open(dir)) {
            assertThat(store.recover().prepared()).extracting(PreparedTransaction::preparedAt).containsOnly(preparedAt);
            applyAndWait(store, List.of(new StoreOperation.CommitPrepared(XID_1), new StoreOperation.RecordHeuristic(outcome)));
        }
        try (XodusMessageStore store = open(dir)) {
            var state = store.recover();
            assertThat(state.prepared()).extracting(PreparedTransaction::xid).containsExactly(XID_2);
            assertThat(state.heuristics()).containsExactly(outcome);
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(1L);
            var commitAgain = store.apply(List.of(new StoreOperation.CommitPrepared(XID_1)));
            assertThatThrownBy(() -> commitAgain.get(10, TimeUnit.SECONDS)).hasMessageContaining("no prepared transaction");

            applyAndWait(store, List.of(new StoreOperation.ForgetHeuristic(XID_1)));
        }
        try (XodusMessageStore store = open(dir)) {
            assertThat(store.recover().heuristics()).isEmpty();
            assertThat(store.recover().prepared()).extracting(PreparedTransaction::xid).containsExactly(XID_2);
        }
    }

    @Test
    void commitOfAnUnknownXidFailsAndChangesNothing() {
        try (XodusMessageStore store = open(dir)) {
            var future = store.apply(List.of(new AddMessage(1, TestMessages.text("x")), new AddReference(ORDERS_QUEUE, 1),
                    new StoreOperation.CommitPrepared(XID_1)));

            assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasMessageContaining("no prepared transaction");
            assertThat(readAll(store, ORDERS_QUEUE, 10)).isEmpty();
        }
    }

    @Test
    void prepareAndCommitInOneFlushApplyTheWork() {
        try (XodusMessageStore store = open(dir)) {
            var prepare = store.apply(List.of(new StoreOperation.PrepareTransaction(XID_1, TestMessages.send(ORDERS_QUEUE, 5))));
            var commit = store.apply(List.of(new StoreOperation.CommitPrepared(XID_1)));

            commit.join();
            assertThat(prepare).isCompleted();
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(5L);
            assertThat(store.recover().prepared()).isEmpty();
        }
    }
}
