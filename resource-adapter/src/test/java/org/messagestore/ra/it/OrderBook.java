package org.messagestore.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One XA transaction over the database and the broker: a row in ORDERS and a message to the queue
 * "booked", both or neither. The JMSContext is the injected one, on the server's default JMS
 * connection factory, which the server configuration binds to MessageStore.
 */
@Stateless
public class OrderBook {

    @Resource(lookup = "java:jboss/datasources/OrdersXA")
    private DataSource database;

    @Inject
    private JMSContext jms;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void createTable() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS ORDERS (ID VARCHAR(64) PRIMARY KEY)");
        }
    }

    /** Inserts the row and sends the message; {@code fail} then throws, which rolls both back. */
    public void book(String id, boolean fail) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO ORDERS (ID) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
        jms.createProducer().send(jms.createQueue("booked"), id);
        if (fail) {
            throw new IllegalStateException("booking " + id + " fails after both writes");
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean hasRow(String id) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM ORDERS WHERE ID = ?")) {
            query.setString(1, id);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1) == 1;
            }
        }
    }
}
