package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * One place that pins the exception types the API names: invalid destinations and selectors, invalid session
 * modes, and the message read-only / write-only / conversion rules (Message class javadoc, §3.5 and §3.11)
 * observed end to end on messages that went through the broker.
 */
class ExceptionsTest extends JmsTestSupport {

    // ---- destinations and selectors ------------------------------------------------------------------------

    @Test
    void nullDestinationForConsumersThrowsInvalidDestinationException() throws Exception {
        connection.setClientID(uniqueName("client"));
        Session session = autoSession();

        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(null));
        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(null, "a = 1"));
        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(null, null, false));
        assertThrows(InvalidDestinationException.class, () -> session.createDurableConsumer(null, "d"));
        assertThrows(InvalidDestinationException.class, () -> session.createDurableSubscriber(null, "d"));
        assertThrows(InvalidDestinationException.class, () -> session.createSharedConsumer(null, "s"));
        assertThrows(InvalidDestinationException.class, () -> session.createSharedDurableConsumer(null, "s"));
    }

    @Test
    void nullQueueForABrowserThrowsInvalidDestinationException() throws Exception {
        Session session = autoSession();
        assertThrows(InvalidDestinationException.class, () -> session.createBrowser(null));
        assertThrows(InvalidDestinationException.class, () -> session.createBrowser(null, "a = 1"));
    }

    @Test
    void invalidSelectorForABrowserThrowsInvalidSelectorException() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        assertThrows(InvalidSelectorException.class, () -> session.createBrowser(queue, "((a = 1)"));
    }

    @Test
    void validSelectorsAreAccepted() throws Exception {
        // the counterpart of the InvalidSelectorException tests: a provider that refuses every selector fails here
        Session session = autoSession();
        Queue queue = newQueue(session);
        Topic topic = newTopic(session);
        session.createConsumer(queue, "color = 'red' AND weight > 2.5").close();
        session.createConsumer(topic, "JMSPriority > 4 OR name LIKE 'a%'", false).close();
        session.createConsumer(queue, "kind IN ('a', 'b') AND NOT (n BETWEEN 1 AND 3)").close();
        session.createConsumer(queue, "opt IS NULL").close();
    }

    @Test
    void nullTopicForADurableConsumerIsReportedBeforeTheMissingClientId() throws Exception {
        Session session = autoSession();

        assertThrows(InvalidDestinationException.class, () -> session.createDurableConsumer(null, "d"));
        assertThrows(InvalidDestinationException.class, () -> session.createDurableSubscriber(null, "d", null, false));
    }

    @Test
    void nullDestinationForAProducerCreatesAnAnonymousProducer() throws Exception {
        MessageProducer producer = autoSession().createProducer(null);
        assertThat(producer.getDestination()).isNull();
    }

    @Test
    void invalidSelectorThrowsInvalidSelectorException() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        Topic topic = newTopic(session);

        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, "color = = 'red'"));
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(topic, "a >", false));
        assertThrows(InvalidSelectorException.class, () -> session.createSharedConsumer(topic, "s", "a LIKE"));
    }

    @Test
    void emptyOrNullSelectorMeansNoSelector() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        // MessageConsumer.getMessageSelector javadoc: null if the selector was null or the empty string
        assertThat(session.createConsumer(queue, "").getMessageSelector()).isNull();
        assertThat(session.createConsumer(queue, null).getMessageSelector()).isNull();
    }

    // ---- sessions -------------------------------------------------------------------------------------------

    @Test
    void invalidAcknowledgeModeThrowsJMSException() {
        // Connection.createSession javadoc: JMSException for lack of support for the given mode
        assertThrows(JMSException.class, () -> connection.createSession(false, 99));
        assertThrows(JMSException.class, () -> connection.createSession(99));
        assertThrows(JMSException.class, () -> connection.createSession(false, -1));
    }

    // ---- message properties ---------------------------------------------------------------------------------

    @Test
    void propertiesOfAReceivedMessageAreReadOnlyUntilClearProperties() throws Exception {
        Message received = roundTrip(session -> {
            TextMessage m = session.createTextMessage("body");
            m.setStringProperty("color", "red");
            return m;
        });

        // Message javadoc: properties of a received message are read-only
        assertThrows(MessageNotWriteableException.class, () -> received.setStringProperty("color", "blue"));
        assertThrows(MessageNotWriteableException.class, () -> received.setIntProperty("n", 1));
        assertThrows(MessageNotWriteableException.class, () -> received.setObjectProperty("o", 1L));
        assertThat(received.getStringProperty("color")).isEqualTo("red");

        received.clearProperties();
        assertThat(received.getStringProperty("color")).isNull();
        received.setStringProperty("color", "blue");
        assertThat(received.getStringProperty("color")).isEqualTo("blue");
        // header fields are never read-only
        received.setJMSCorrelationID("corr");
        assertThat(received.getJMSCorrelationID()).isEqualTo("corr");
        // the body stays read-only: clearProperties does not touch it
        assertThrows(MessageNotWriteableException.class, () -> ((TextMessage) received).setText("x"));
    }

    @Test
    void bodyOfAReceivedMessageIsReadOnlyUntilClearBody() throws Exception {
        TextMessage received = (TextMessage) roundTrip(session -> session.createTextMessage("body"));

        assertThrows(MessageNotWriteableException.class, () -> received.setText("changed"));
        assertThat(received.getText()).isEqualTo("body");

        received.clearBody();
        assertThat(received.getText()).isNull();
        received.setText("changed");
        assertThat(received.getText()).isEqualTo("changed");
    }

    @Test
    void receivedBytesMessageIsReadableAndNotWriteable() throws Exception {
        BytesMessage received = (BytesMessage) roundTrip(session -> {
            BytesMessage m = session.createBytesMessage();
            m.writeInt(42);
            return m;
        });

        assertThat(received.getBodyLength()).isEqualTo(4);
        assertThat(received.readInt()).isEqualTo(42);
        assertThrows(MessageEOFException.class, received::readByte);
        assertThrows(MessageNotWriteableException.class, () -> received.writeInt(1));
    }

    @Test
    void newBytesAndStreamMessagesAreWriteOnlyUntilReset() throws Exception {
        Session session = autoSession();
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeInt(7);
        assertThrows(MessageNotReadableException.class, bytes::readInt);
        bytes.reset();
        assertThat(bytes.readInt()).isEqualTo(7);

        StreamMessage stream = session.createStreamMessage();
        stream.writeString("s");
        assertThrows(MessageNotReadableException.class, stream::readString);
        stream.reset();
        assertThat(stream.readString()).isEqualTo("s");
    }

    @Test
    void receivedStreamMapAndObjectMessagesAreReadOnly() throws Exception {
        StreamMessage stream = (StreamMessage) roundTrip(session -> {
            StreamMessage m = session.createStreamMessage();
            m.writeBoolean(true);
            return m;
        });
        assertThat(stream.readBoolean()).isTrue();
        assertThrows(MessageNotWriteableException.class, () -> stream.writeInt(1));

        MapMessage map = (MapMessage) roundTrip(session -> {
            MapMessage m = session.createMapMessage();
            m.setInt("n", 1);
            return m;
        });
        assertThat(map.getInt("n")).isEqualTo(1);
        assertThrows(MessageNotWriteableException.class, () -> map.setInt("n", 2));

        ObjectMessage object = (ObjectMessage) roundTrip(session -> session.createObjectMessage("payload"));
        assertThat(object.getObject()).isEqualTo("payload");
        assertThrows(MessageNotWriteableException.class, () -> object.setObject("other"));
    }

    @Test
    void invalidPropertyConversionsThrowMessageFormatException() throws Exception {
        Message received = roundTrip(session -> {
            Message m = session.createMessage();
            m.setIntProperty("int", 5);
            m.setBooleanProperty("bool", true);
            m.setDoubleProperty("double", 1.5);
            m.setStringProperty("text", "abc");
            return m;
        });

        // Message class javadoc conversion table: unmarked cases throw MessageFormatException
        assertThrows(MessageFormatException.class, () -> received.getBooleanProperty("int"));
        assertThrows(MessageFormatException.class, () -> received.getByteProperty("int"));
        assertThrows(MessageFormatException.class, () -> received.getIntProperty("bool"));
        assertThrows(MessageFormatException.class, () -> received.getLongProperty("double"));
        assertThrows(MessageFormatException.class, () -> received.getFloatProperty("int"));
        // marked cases work
        assertThat(received.getLongProperty("int")).isEqualTo(5L);
        assertThat(received.getStringProperty("int")).isEqualTo("5");
        assertThat(received.getStringProperty("bool")).isEqualTo("true");
        assertThat(received.getDoubleProperty("double")).isEqualTo(1.5);
        // String to primitive goes through valueOf, which may throw NumberFormatException
        assertThrows(NumberFormatException.class, () -> received.getIntProperty("text"));
        // a missing property reads as null: valueOf(null)
        assertThat(received.getBooleanProperty("missing")).isFalse();
        assertThrows(NumberFormatException.class, () -> received.getIntProperty("missing"));
        assertThat(received.getStringProperty("missing")).isNull();
        assertThat(received.getObjectProperty("missing")).isNull();
        assertThat(received.propertyExists("int")).isTrue();
        assertThat(received.propertyExists("missing")).isFalse();
    }

    @Test
    void propertiesOfAnyTypeSurviveTheRoundTrip() throws Exception {
        Message received = roundTrip(session -> {
            Message m = session.createMessage();
            m.setBooleanProperty("z", true);
            m.setByteProperty("b", (byte) 1);
            m.setShortProperty("s", (short) 2);
            m.setIntProperty("i", 3);
            m.setLongProperty("l", 4L);
            m.setFloatProperty("f", 5.5f);
            m.setDoubleProperty("d", 6.5);
            m.setStringProperty("t", "seven");
            m.setObjectProperty("o", 8);
            return m;
        });

        assertThat(received.getObjectProperty("z")).isEqualTo(true);
        assertThat(received.getObjectProperty("b")).isEqualTo((byte) 1);
        assertThat(received.getObjectProperty("s")).isEqualTo((short) 2);
        assertThat(received.getObjectProperty("i")).isEqualTo(3);
        assertThat(received.getObjectProperty("l")).isEqualTo(4L);
        assertThat(received.getObjectProperty("f")).isEqualTo(5.5f);
        assertThat(received.getObjectProperty("d")).isEqualTo(6.5);
        assertThat(received.getObjectProperty("t")).isEqualTo("seven");
        assertThat(received.getObjectProperty("o")).isEqualTo(8);
        @SuppressWarnings("unchecked")
        ArrayList<String> names = Collections.list((java.util.Enumeration<String>) received.getPropertyNames());
        assertThat(names).contains("z", "b", "s", "i", "l", "f", "d", "t", "o");
    }

    @Test
    void setObjectPropertyWithANonPrimitiveTypeThrowsMessageFormatException() throws Exception {
        Message message = autoSession().createMessage();
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("list", new ArrayList<>()));
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("chars", new char[] {'a'}));
    }

    @Test
    void nullOrEmptyPropertyNameThrowsIllegalArgumentException() throws Exception {
        Message message = autoSession().createMessage();
        // Message class javadoc: "an IllegalArgumentException must be thrown"
        assertThrows(IllegalArgumentException.class, () -> message.setStringProperty(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> message.setStringProperty("", "x"));
        assertThrows(IllegalArgumentException.class, () -> message.setIntProperty("", 1));
        assertThrows(IllegalArgumentException.class, () -> message.setObjectProperty(null, 1));
    }

    @Test
    void sendingANullMessageThrowsMessageFormatException() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        // MessageProducer.send javadoc: MessageFormatException if an invalid message is specified
        assertThrows(MessageFormatException.class, () -> producer.send(null));
    }

    // ---------------------------------------------------------------------------------------------------------

    private interface MessageFactory {
        Message create(Session session) throws JMSException;
    }

    /** Sends the message through the broker and returns what a consumer receives. */
    private Message roundTrip(MessageFactory factory) throws JMSException {
        Session session = autoSession();
        Queue queue = newQueue(session);
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.send(factory.create(session));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        return receiveMessage(consumer);
    }
}
