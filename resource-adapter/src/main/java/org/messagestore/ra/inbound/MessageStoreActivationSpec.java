package org.messagestore.ra.inbound;

import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How an MDB consumes: the standard activation-config properties of Jakarta Messaging 3.1 (13.1,
 * "Message-driven beans") and Jakarta Enterprise Beans, plus MessageStore's extras.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><td>destinationLookup / destination</td><td>JNDI name of the queue or topic / its name in the broker</td></tr>
 *   <tr><td>destinationType</td><td>jakarta.jms.Queue (default) or jakarta.jms.Topic</td></tr>
 *   <tr><td>connectionFactoryLookup</td><td>JNDI name of a MessageStore connection factory whose user to consume as</td></tr>
 *   <tr><td>subscriptionDurability</td><td>NonDurable (default) or Durable, for topics</td></tr>
 *   <tr><td>subscriptionName, clientId</td><td>the subscription; a non-shared durable one needs a client id</td></tr>
 *   <tr><td>messageSelector</td><td>a selector</td></tr>
 *   <tr><td>acknowledgeMode</td><td>Auto-acknowledge (default) or Dups-ok-acknowledge, for MDBs without a
 *       transaction; both acknowledge each message when onMessage returns (Dups-ok allows no less)</td></tr>
 *   <tr><td>maxSession</td><td>concurrent consumers (default 15); a non-shared topic subscription has one</td></tr>
 *   <tr><td>prefetch</td><td>messages sent ahead to each consumer (default: the client's)</td></tr>
 *   <tr><td>shareSubscriptions</td><td>consume a topic subscription through a shared subscription, so maxSession applies</td></tr>
 *   <tr><td>user, password</td><td>who consumes (default: the adapter's userName)</td></tr>
 * </table>
 */
public class MessageStoreActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    static final String QUEUE = "jakarta.jms.Queue";
    static final String TOPIC = "jakarta.jms.Topic";

    private String destinationLookup;
    private String destination;
    private String destinationType = QUEUE;
    private String connectionFactoryLookup;
    private String subscriptionDurability = "NonDurable";
    private String subscriptionName;
    private String clientId;
    private String messageSelector;
    private String acknowledgeMode = "Auto-acknowledge";
    private Integer maxSession = 15;
    private Integer prefetch;
    private Boolean shareSubscriptions = false;
    private String user;
    private String password;
    private transient ResourceAdapter adapter;

    /** Checks the properties together; the exception names every one that is wrong. */
    @Override
    public void validate() throws InvalidPropertyException {
        List<String> problems = new ArrayList<>();
        if (blank(destinationLookup) && blank(destination)) {
            problems.add("destinationLookup or destination is required");
        }
        if (!isQueue() && !isTopic()) {
            problems.add("destinationType must be jakarta.jms.Queue or jakarta.jms.Topic, not " + destinationType);
        }
        if (!"Durable".equalsIgnoreCase(subscriptionDurability) && !"NonDurable".equalsIgnoreCase(subscriptionDurability)) {
            problems.add("subscriptionDurability must be Durable or NonDurable, not " + subscriptionDurability);
        }
        if (isTopic() && (durable() || shared()) && blank(subscriptionName)) {
            problems.add("a durable or shared topic subscription needs subscriptionName");
        }
        if (isTopic() && durable() && !shared() && blank(clientId)) {
            problems.add("a non-shared durable subscription needs clientId (or set shareSubscriptions=true)");
        }
        if (!"Auto-acknowledge".equalsIgnoreCase(normalizedAck()) && !"Dups-ok-acknowledge".equalsIgnoreCase(normalizedAck())) {
            problems.add("acknowledgeMode must be Auto-acknowledge or Dups-ok-acknowledge, not " + acknowledgeMode);
        }
        if (maxSession == null || maxSession < 1) {
            problems.add("maxSession must be 1 or more, not " + maxSession);
        }
        if (prefetch != null && prefetch < 0) {
            problems.add("prefetch must be 0 or more, not " + prefetch);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPropertyException("MessageStore activation: " + String.join("; ", problems));
        }
    }

    boolean isQueue() {
        return QUEUE.equals(destinationType) || "javax.jms.Queue".equals(destinationType);
    }

    boolean isTopic() {
        return TOPIC.equals(destinationType) || "javax.jms.Topic".equals(destinationType);
    }

    boolean durable() {
        return "Durable".equalsIgnoreCase(subscriptionDurability);
    }

    boolean shared() {
        return Boolean.TRUE.equals(shareSubscriptions);
    }

    /** Concurrent consumers: a non-shared topic subscription cannot have more than one. */
    int sessions() {
        return isTopic() && !shared() ? 1 : maxSession;
    }

    private String normalizedAck() {
        return acknowledgeMode == null ? "" : acknowledgeMode.trim().replace('_', '-');
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) {
        this.adapter = adapter;
    }

    public String getDestinationLookup() {
        return destinationLookup;
    }

    public void setDestinationLookup(String destinationLookup) {
        this.destinationLookup = destinationLookup;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getDestinationType() {
        return destinationType;
    }

    public void setDestinationType(String destinationType) {
        this.destinationType = destinationType;
    }

    public String getConnectionFactoryLookup() {
        return connectionFactoryLookup;
    }

    public void setConnectionFactoryLookup(String connectionFactoryLookup) {
        this.connectionFactoryLookup = connectionFactoryLookup;
    }

    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    public void setSubscriptionDurability(String subscriptionDurability) {
        this.subscriptionDurability = subscriptionDurability;
    }

    public String getSubscriptionName() {
        return subscriptionName;
    }

    public void setSubscriptionName(String subscriptionName) {
        this.subscriptionName = subscriptionName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getMessageSelector() {
        return messageSelector;
    }

    public void setMessageSelector(String messageSelector) {
        this.messageSelector = messageSelector;
    }

    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    public void setAcknowledgeMode(String acknowledgeMode) {
        this.acknowledgeMode = acknowledgeMode;
    }

    public Integer getMaxSession() {
        return maxSession;
    }

    public void setMaxSession(Integer maxSession) {
        this.maxSession = maxSession;
    }

    public Integer getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(Integer prefetch) {
        this.prefetch = prefetch;
    }

    public Boolean getShareSubscriptions() {
        return shareSubscriptions;
    }

    public void setShareSubscriptions(Boolean shareSubscriptions) {
        this.shareSubscriptions = shareSubscriptions;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public String toString() {
        return "MessageStoreActivationSpec[" + (blank(destinationLookup) ? destination : destinationLookup)
                + ", " + destinationType + (isTopic() ? ", " + subscriptionDurability
                + (blank(subscriptionName) ? "" : " '" + subscriptionName + "'") : "")
                + (blank(messageSelector) ? "" : ", selector " + messageSelector) + ", maxSession " + maxSession + "]";
    }
}
