package org.messagestore.benchmarks;

import com.arjuna.ats.arjuna.common.CoordinatorEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.XADataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.messagestore.benchmarks.WorkloadReport.Better;

/**
 * W8: XA two-phase commit with one thread. Narayana (standalone, its object store in the data directory)
 * coordinates the broker's XAResource, from an XASession of the peer's XA connection factory, and an H2
 * XADataSource in file mode in the data directory. Each transaction sends one persistent message and
 * inserts one row, then commits: two resources, so prepare on both, Narayana's log record, commit on both.
 * Nothing consumes. Transactions/s over the measured window.
 */
record XaWorkload(String id) implements Workload {

    @Override
    public Optional<SessionMode> consumerMode() {
        return Optional.empty();
    }

    String row() {
        return id + " XA 2PC (Narayana): 1 persistent send + 1 H2 insert per transaction, 1 thread";
    }

    @Override
    public void run(BrokerPeer peer, Path dataDir, BenchmarkOptions options, WorkloadReport report) throws Exception {
        TransactionManager tm = narayana(dataDir.resolve("narayana"));
        XADataSource database = h2(dataDir.resolve("h2"));
        var committed = new AtomicLong();
        var stopping = new AtomicBoolean();
        var failures = new Failures();
        javax.sql.XAConnection sql = database.getXAConnection();
        try (XAConnection jms = peer.xaConnectionFactory().createXAConnection();
             Connection rows = sql.getConnection();
             PreparedStatement insert = rows.prepareStatement("INSERT INTO ledger(id, note) VALUES (?, ?)")) {
            XASession session = jms.createXASession();
            MessageProducer producer = session.createProducer(session.createQueue("benchmark." + id.toLowerCase()));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            byte[] body = new byte[options.bodyBytes()];
            Thread worker = new Thread(() -> {
                try {
                    while (!stopping.get()) {
                        tm.begin();
                        Transaction transaction = tm.getTransaction();
                        transaction.enlistResource(session.getXAResource());
                        transaction.enlistResource(sql.getXAResource());
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(body);
                        producer.send(message);
                        insert.setLong(1, committed.get());
                        insert.setString(2, "benchmark");
                        insert.executeUpdate();
                        tm.commit();
                        committed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "benchmark-xa");
            worker.start();
            MeasuredWindow window;
            try {
                window = MeasuredWindow.measure(peer, options, committed::get);
            } finally {
                stopping.set(true);
                worker.join();
            }
            failures.throwIfAny();
            report.result(row(), "tx/s", Better.HIGHER, window.perSecond());
            window.reportCounters(row(), report);
        } finally {
            sql.close();
        }
    }

    /**
     * Narayana's transaction manager with its object store in {@code objectStore}; configured before its
     * first use, as its beans are read once per JVM (this child runs one workload).
     */
    private static TransactionManager narayana(Path objectStore) throws CoreEnvironmentBeanException {
        for (String store : new String[] {null, "communicationStore", "stateStore"}) {
            ObjectStoreEnvironmentBean bean = store == null
                    ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, store);
            bean.setObjectStoreDir(objectStore.toString());
        }
        BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier("benchmark");
        // The status manager answers recovery managers of other processes on a socket of its own, and removes its
        // record from the object store in a shutdown hook, after this child has deleted the directory.
        BeanPopulator.getDefaultInstance(CoordinatorEnvironmentBean.class).setTransactionStatusManagerEnable(false);
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    /** H2 in file mode, as it comes, with the one table the transactions insert into. */
    private static XADataSource h2(Path dir) throws Exception {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath());
        dataSource.setUser("sa");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ledger(id BIGINT PRIMARY KEY, note VARCHAR(64))");
        }
        return dataSource;
    }
}
