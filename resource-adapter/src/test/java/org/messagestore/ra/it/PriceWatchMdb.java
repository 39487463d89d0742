package org.messagestore.ra.it;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/** A durable subscription to the topic bound at java:/jms/topic/prices. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/prices"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "price-watch"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "price-watcher"),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "symbol = 'ACME'")
})
public class PriceWatchMdb implements MessageListener {

    @Override
    public void onMessage(Message message) {
        try {
            Journal.record("prices", ((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
