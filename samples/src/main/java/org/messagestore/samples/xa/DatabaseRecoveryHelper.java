package org.messagestore.samples.xa;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import java.sql.SQLException;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Narayana's recovery reach a JDBC database: the XAResource of an XA connection of its
 * XADataSource, opened when recovery first asks and kept. A database that cannot be reached gives no
 * resource this scan and is asked again at the next. (For MessageStore, Narayana's own
 * {@code JmsXAResourceRecoveryHelper} does the same with an XAConnectionFactory.)
 */
public final class DatabaseRecoveryHelper implements XAResourceRecoveryHelper {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRecoveryHelper.class);

    private final XADataSource dataSource;
    private XAConnection connection;

    public DatabaseRecoveryHelper(XADataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean initialise(String properties) {
        return true;
    }

    @Override
    public synchronized XAResource[] getXAResources() {
        try {
            if (connection == null) {
                connection = dataSource.getXAConnection();
            }
            return new XAResource[] {connection.getXAResource()};
        } catch (SQLException e) {
            LOG.warn("recovery cannot reach the database this scan: {}", e.getMessage());
            close();
            return new XAResource[0];
        }
    }

    /** Closes the recovery connection (when the application stops). */
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the recovery connection failed: {}", e.getMessage());
            }
            connection = null;
        }
    }
}
