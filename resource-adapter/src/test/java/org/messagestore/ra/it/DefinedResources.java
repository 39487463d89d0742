package org.messagestore.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Queue;

/** A connection factory and a queue the application defines itself, on MessageStore's resource adapter. */
@JMSConnectionFactoryDefinition(name = "java:app/jms/DefinedFactory", resourceAdapter = "messagestore-ra",
        interfaceName = "jakarta.jms.ConnectionFactory")
@JMSDestinationDefinition(name = "java:app/jms/definedQueue", resourceAdapter = "messagestore-ra",
        interfaceName = "jakarta.jms.Queue", className = "org.messagestore.ra.admin.MessageStoreQueue",
        destinationName = "defined", properties = {"name=defined"})
@Stateless
public class DefinedResources {

    @Resource(lookup = "java:app/jms/DefinedFactory")
    private ConnectionFactory factory;

    @Resource(lookup = "java:app/jms/definedQueue")
    private Queue queue;

    /** Sends in a transaction, then reads back outside it. */
    public void send(String text) {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(queue, text);
        }
    }

    public String queueName() throws jakarta.jms.JMSException {
        return queue.getQueueName();
    }

    public String factoryClass() {
        return factory.getClass().getName();
    }
}
