package org.messagestore.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import java.util.ArrayList;
import java.util.List;

/** Sends in a container-managed transaction, the way an application's EJB would. */
@Stateless
public class Sender {

    @Resource(lookup = "java:/jms/messagestore/ConnectionFactory")
    private ConnectionFactory factory;

    @Resource
    private SessionContext context;

    /**
     * Sends {@code text} to {@code queue}, then rolls the transaction back if asked. Returns what the
     * session said about itself inside the transaction.
     */
    public List<String> send(String queue, String text, boolean rollBack) throws JMSException {
        List<String> seen = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            // the arguments are ignored in a transaction (Jakarta Messaging 3.1, 12.3)
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            seen.add("transacted=" + session.getTransacted());
            seen.add("mode=" + session.getAcknowledgeMode());
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
            try {
                session.commit();
                seen.add("commit allowed");
            } catch (TransactionInProgressException e) {
                seen.add("commit refused");
            }
            try {
                session.recover();
                seen.add("recover allowed");
            } catch (jakarta.jms.IllegalStateException e) {
                seen.add("recover refused");
            }
        }
        if (rollBack) {
            context.setRollbackOnly();
        }
        return seen;
    }
}
