package org.messagestore.samples.orders;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Takes each order from the queue, in the container's transaction. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/orders"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class OrderTaker implements MessageListener {

    private static final List<String> TAKEN = new CopyOnWriteArrayList<>();

    static List<String> taken() {
        return TAKEN;
    }

    @Override
    public void onMessage(Message message) {
        try {
            TAKEN.add("taken: " + message.getBody(String.class) + " (delivery " + message.getIntProperty("JMSXDeliveryCount") + ")");
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
