package org.messagestore.store.xodus;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.XADataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The database side of the XA tests: an H2 database in file mode (so a prepared transaction survives a
 * killed JVM: H2 writes its store at prepare and at the commit of a prepared transaction) with one table,
 * {@code ledger}, one row per handled request. The request id has no unique constraint on purpose: a
 * request handled twice shows as two rows instead of failing the second transaction.
 *
 * <p>H2 lets one process open a file database at a time, so the tests read it only while no coordinator
 * JVM runs; it closes when its last connection closes.
 */
final class Ledger {

    static final String INSERT = "INSERT INTO ledger(request_id, note) VALUES (?, ?)";

    private final JdbcDataSource dataSource = new JdbcDataSource();

    Ledger(Path file) {
        dataSource.setURL("jdbc:h2:file:" + file.toAbsolutePath());
        dataSource.setUser("sa");
    }

    XADataSource xaDataSource() {
        return dataSource;
    }

    void createTable() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ledger(request_id VARCHAR(64) NOT NULL, note VARCHAR(64))");
        }
    }

    /** The request id of every committed row, duplicates included, in id order. */
    List<String> requestIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT request_id FROM ledger ORDER BY request_id");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** How many prepared transactions wait for their outcome (H2's in-doubt list, which its XAResource recovers). */
    int inDoubt() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
