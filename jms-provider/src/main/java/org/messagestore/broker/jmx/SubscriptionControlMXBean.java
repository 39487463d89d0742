package org.messagestore.broker.jmx;

/**
 * A durable topic subscription for JMX tools
 * ({@code org.messagestore:type=Subscription,broker=<broker>,topic=<topic>,name=<subscription>}): the queue
 * behind it, as {@link QueueControlMXBean}, and its topic.
 */
public interface SubscriptionControlMXBean extends QueueControlMXBean {

    /** The topic it subscribes to. */
    String getTopic();
}
