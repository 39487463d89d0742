package org.messagestore.broker.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The ObjectNames of a broker's MBeans, all in the domain {@value #DOMAIN} and all carrying the broker's
 * name, so that two brokers in one JVM never clash:
 * <ul>
 *   <li>{@code org.messagestore:type=Broker,name=<broker>}</li>
 *   <li>{@code org.messagestore:type=Queue,broker=<broker>,name=<queue>}</li>
 *   <li>{@code org.messagestore:type=Subscription,broker=<broker>,topic=<topic>,name=<subscription>}</li>
 * </ul>
 * A value is quoted ({@link ObjectName#quote}) only when it holds a character an ObjectName value may not
 * hold bare, such as the {@code :} of a subscription named {@code clientId:name}.
 */
public final class JmxNames {

    public static final String DOMAIN = "org.messagestore";

    private JmxNames() {
    }

    public static ObjectName broker(String broker) {
        return name("type=Broker,name=" + value(broker));
    }

    public static ObjectName queue(String broker, String queue) {
        return name("type=Queue,broker=" + value(broker) + ",name=" + value(queue));
    }

    public static ObjectName subscription(String broker, String topic, String subscription) {
        return name("type=Subscription,broker=" + value(broker) + ",topic=" + value(topic) + ",name=" + value(subscription));
    }

    /** Every MBean of {@code broker}: the pattern to query them with. */
    public static ObjectName allOf(String broker) {
        return name("broker=" + value(broker) + ",*");
    }

    /** {@code text} as an ObjectName value: bare when it may stand so, else quoted. */
    static String value(String text) {
        boolean bare = !text.isEmpty() && text.chars().noneMatch(c -> ",=:\"*?\n".indexOf(c) >= 0);
        return bare ? text : ObjectName.quote(text);
    }

    private static ObjectName name(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (MalformedObjectNameException e) {
            // value() quotes whatever could make it malformed
            throw new IllegalArgumentException("not an ObjectName: " + DOMAIN + ":" + properties, e);
        }
    }
}
