package org.messagestore.ra.it;

import jakarta.annotation.Resource;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import javax.sql.DataSource;
import javax.transaction.xa.XAResource;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * The crash test's application: {@code /tx/ready}, {@code /tx/commit?id=...} (a transaction over
 * the database, MessageStore and a {@link HaltingXAResource} that halts the server in its commit) and
 * {@code /tx/state?id=...} (is the row there, is the message there, how many MessageStore branches
 * are still prepared).
 */
@WebServlet("/tx/*")
public class CrashServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:/jms/messagestore/ConnectionFactory")
    private ConnectionFactory factory;

    @Resource(lookup = "java:jboss/datasources/OrdersXA")
    private DataSource database;

    @Resource(lookup = "java:jboss/TransactionManager")
    private TransactionManager transactions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        try {
            String answer = switch (request.getPathInfo()) {
                case "/ready" -> ready();
                case "/commit" -> commitAndHalt(id);
                case "/state" -> state(id);
                default -> throw new IllegalArgumentException("unknown path " + request.getPathInfo());
            };
            response.getWriter().print(answer);
        } catch (Exception e) {
            response.sendError(500, e.toString());
        }
    }

    private String ready() throws SQLException {
        try (java.sql.Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS CRASHED (ID VARCHAR(64) PRIMARY KEY)");
        }
        return "ready";
    }

    private String commitAndHalt(String id) throws Exception {
        transactions.begin();
        transactions.getTransaction().enlistResource(new HaltingXAResource());
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue("crash-orders")).send(session.createTextMessage(id));
        }
        try (java.sql.Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO CRASHED (ID) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
        transactions.commit(); // halts the JVM
        return "not halted";
    }

    private String state(String id) throws SQLException, JMSException {
        return "row=" + hasRow(id) + " messages=" + messages(id) + " prepared=" + preparedBranches();
    }

    private boolean hasRow(String id) throws SQLException {
        try (java.sql.Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM CRASHED WHERE ID = ?")) {
            query.setString(1, id);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1) == 1;
            }
        }
    }

    private long messages(String id) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            QueueBrowser browser = session.createBrowser(session.createQueue("crash-orders"));
            return Collections.list(browser.getEnumeration()).stream()
                    .filter(message -> id.equals(text(message)))
                    .count();
        }
    }

    private static String text(Object message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asked of the embedded broker directly, as a recovery manager would ask it. */
    private int preparedBranches() throws JMSException {
        try (XAConnection connection = new MessageStoreConnectionFactory("vm://messagestore?create=false").createXAConnection()) {
            try {
                return connection.createXASession().getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length;
            } catch (javax.transaction.xa.XAException e) {
                throw new JMSException("recover failed: " + e);
            }
        }
    }
}
