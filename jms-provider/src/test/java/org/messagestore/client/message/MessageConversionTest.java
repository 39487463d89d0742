package org.messagestore.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.messagestore.client.destination.ClientQueue;
import org.messagestore.client.destination.ClientTemporaryQueue;
import org.messagestore.model.BodyType;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;

/** MessageConversion: round trips, other providers' messages, and isolation between message and data. */
class MessageConversionTest {

    private static final ClientQueue QUEUE = new ClientQueue("orders");

    private static <M extends ClientMessage> M addressed(M message) {
        message.setJMSDestination(QUEUE);
        return message;
    }

    // ---- round trips ----

    @Test
    void everyHeaderSurvivesTheRoundTrip() throws JMSException {
        var message = addressed(new ClientPlainMessage());
        message.setJMSMessageID("ID:1");
        message.setJMSTimestamp(10);
        message.setJMSCorrelationIDAsBytes(new byte[] {1, 2});
        message.setJMSReplyTo(new ClientTemporaryQueue("tmp"));
        message.setJMSType("t");
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(7);
        message.setJMSExpiration(30);
        message.setJMSDeliveryTime(20);

        MessageData data = MessageConversion.toData(message);
        assertThat(data.destination()).isEqualTo(DestinationName.queue("orders"));
        assertThat(data.replyTo()).isEqualTo(new DestinationName(DestinationName.Kind.TEMPORARY_QUEUE, "tmp"));
        assertThat(data.persistent()).isFalse();
        assertThat(data.bodyType()).isEqualTo(BodyType.MESSAGE);

        Message received = MessageConversion.fromData(data, 1);
        assertThat(received).isInstanceOf(ClientPlainMessage.class);
        assertThat(received.getJMSMessageID()).isEqualTo("ID:1");
        assertThat(received.getJMSTimestamp()).isEqualTo(10);
        assertThat(received.getJMSCorrelationIDAsBytes()).containsExactly(1, 2);
        assertThat(received.getJMSReplyTo()).isEqualTo(new ClientTemporaryQueue("tmp"));
        assertThat(received.getJMSDestination()).isEqualTo(QUEUE);
        assertThat(received.getJMSType()).isEqualTo("t");
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(7);
        assertThat(received.getJMSExpiration()).isEqualTo(30);
        assertThat(received.getJMSDeliveryTime()).isEqualTo(20);
        assertThat(received.getJMSRedelivered()).isFalse();
    }

    @Test
    void stringCorrelationIdSurvivesTheRoundTrip() throws JMSException {
        var message = addressed(new ClientPlainMessage());
        message.setJMSCorrelationID("corr");
        assertThat(Messages.received(message).getJMSCorrelationID()).isEqualTo("corr");
    }

    @Test
    void everyPropertyTypeSurvivesTheRoundTrip() throws JMSException {
        var message = addressed(new ClientPlainMessage());
        message.setBooleanProperty("bool", true);
        message.setByteProperty("byte", (byte) 1);
        message.setShortProperty("short", (short) 2);
        message.setIntProperty("int", 3);
        message.setLongProperty("long", 4L);
        message.setFloatProperty("float", 5.5f);
        message.setDoubleProperty("double", 6.5);
        message.setStringProperty("string", "s");
        message.setStringProperty("nullString", null);

        Message received = MessageConversion.fromData(MessageConversion.toData(message), 1);
        assertThat(received.getObjectProperty("bool")).isEqualTo(true);
        assertThat(received.getObjectProperty("byte")).isEqualTo((byte) 1);
        assertThat(received.getObjectProperty("short")).isEqualTo((short) 2);
        assertThat(received.getObjectProperty("int")).isEqualTo(3);
        assertThat(received.getObjectProperty("long")).isEqualTo(4L);
        assertThat(received.getObjectProperty("float")).isEqualTo(5.5f);
        assertThat(received.getObjectProperty("double")).isEqualTo(6.5);
        assertThat(received.getObjectProperty("string")).isEqualTo("s");
        assertThat(received.propertyExists("nullString")).isTrue();
        assertThat(received.getStringProperty("nullString")).isNull();
    }

    @Test
    void everyBodyTypeComesBackAsItsMessageType() throws JMSException {
        assertThat(Messages.received(new ClientTextMessage("t"))).isInstanceOf(ClientTextMessage.class);
        assertThat(Messages.received(new ClientBytesMessage())).isInstanceOf(ClientBytesMessage.class);
        assertThat(Messages.received(new ClientMapMessage())).isInstanceOf(ClientMapMessage.class);
        assertThat(Messages.received(new ClientStreamMessage())).isInstanceOf(ClientStreamMessage.class);
        assertThat(Messages.received(new ClientObjectMessage())).isInstanceOf(ClientObjectMessage.class);
        assertThat(Messages.received(new ClientPlainMessage())).isInstanceOf(ClientPlainMessage.class);
    }

    @Test
    void mapWithEveryValueTypeSurvivesTheRoundTrip() throws JMSException {
        var map = addressed(new ClientMapMessage());
        Map<String, Object> values = everyBodyValue();
        for (var entry : values.entrySet()) {
            map.setObject(entry.getKey(), entry.getValue());
        }
        MapMessage received = Messages.received(map);
        for (var entry : values.entrySet()) {
            assertThat(received.getObject(entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(Messages.names(received.getMapNames())).containsExactlyElementsOf(values.keySet());
    }

    @Test
    void streamWithEveryValueTypeSurvivesTheRoundTrip() throws JMSException {
        var stream = addressed(new ClientStreamMessage());
        Map<String, Object> values = everyBodyValue();
        for (Object value : values.values()) {
            stream.writeObject(value);
        }
        StreamMessage received = Messages.received(stream);
        for (var entry : values.entrySet()) {
            assertThat(received.readObject()).as(entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    @Test
    void bytesBodySurvivesTheRoundTripAsRawBytes() throws JMSException {
        var bytes = addressed(new ClientBytesMessage());
        bytes.writeBytes(new byte[] {5, 6, 7});
        MessageData data = MessageConversion.toData(bytes);
        assertThat(data.body()).containsExactly(5, 6, 7);
        BytesMessage received = (BytesMessage) MessageConversion.fromData(data, 1);
        assertThat(received.getBody(byte[].class)).containsExactly(5, 6, 7);
    }

    @Test
    void nullTextIsANullBody() throws JMSException {
        assertThat(MessageConversion.toData(addressed(new ClientTextMessage())).body()).isNull();
        assertThat(MessageConversion.toData(addressed(new ClientObjectMessage())).body()).isNull();
    }

    @Test
    void receivedMessageCarriesDeliveryCountAndRedeliveredFlag() throws JMSException {
        MessageData data = MessageConversion.toData(addressed(new ClientTextMessage("x")));
        ClientMessage third = MessageConversion.fromData(data, 3);
        assertThat(third.getJMSRedelivered()).isTrue();
        assertThat(third.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(data.properties()).doesNotContainKey("JMSXDeliveryCount");
    }

    @Test
    void resendingAReceivedMessageDoesNotCarryItsDeliveryCount() throws JMSException {
        ClientMessage received = Messages.received(addressed(new ClientTextMessage("x")), 2);
        MessageData resent = MessageConversion.toData(received);
        assertThat(resent.properties()).doesNotContainKey("JMSXDeliveryCount");
        assertThat(MessageConversion.fromData(resent, 1).getBody(String.class)).isEqualTo("x");
    }

    @Test
    void receivedMapAndStreamBodiesAreSentOnUnchanged() throws JMSException {
        var map = addressed(new ClientMapMessage());
        map.setString("k", "v");
        var stream = addressed(new ClientStreamMessage());
        stream.writeInt(1);
        for (ClientMessage message : List.<ClientMessage>of(map, stream)) {
            MessageData first = MessageConversion.toData(message);
            MessageData forwarded = MessageConversion.toData(MessageConversion.fromData(first, 1));
            assertThat(forwarded.body()).isEqualTo(first.body());
        }
    }

    @Test
    void messageWithoutDestinationCannotBeConverted() {
        assertThatThrownBy(() -> MessageConversion.toData(new ClientTextMessage("x")))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void corruptMapBodyThrowsMessageFormatExceptionOnRead() throws JMSException {
        MessageData good = MessageConversion.toData(addressed(new ClientMapMessage()));
        MessageData corrupt = withBody(good, BodyType.MAP, new byte[] {0, 0, 0, 1, 0});
        MapMessage received = (MapMessage) MessageConversion.fromData(corrupt, 1);
        assertThatThrownBy(() -> received.getString("x")).isInstanceOf(MessageFormatException.class);
    }

    // ---- isolation ----

    @Test
    void changingTheMessageAfterToDataChangesNothingInTheData() throws JMSException {
        var bytes = addressed(new ClientBytesMessage());
        bytes.writeInt(1);
        var map = addressed(new ClientMapMessage());
        byte[] mapValue = {1};
        map.setBytes("b", mapValue);
        var stream = addressed(new ClientStreamMessage());
        stream.writeString("a");
        var text = addressed(new ClientTextMessage("a"));
        byte[] correlation = {1};
        text.setJMSCorrelationIDAsBytes(correlation);
        text.setIntProperty("p", 1);

        List<ClientMessage> messages = List.of(bytes, map, stream, text);
        List<MessageData> data = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (ClientMessage message : messages) {
            MessageData d = MessageConversion.toData(message);
            data.add(d);
            bodies.add(d.body().clone());
        }

        bytes.writeInt(2);
        mapValue[0] = 9;
        map.setBytes("c", mapValue);
        stream.writeString("b");
        text.setText("b");
        text.setIntProperty("p", 2);
        text.getJMSCorrelationIDAsBytes()[0] = 9;
        text.setJMSPriority(9);

        for (int i = 0; i < messages.size(); i++) {
            assertThat(data.get(i).body()).isEqualTo(bodies.get(i));
        }
        assertThat(data.get(3).properties()).containsEntry("p", 1);
        assertThat(data.get(3).correlationIdBytes()).containsExactly(1);
        assertThat(data.get(3).priority()).isEqualTo(4);
        assertThat(((TextMessage) MessageConversion.fromData(data.get(3), 1)).getText()).isEqualTo("a");
    }

    @Test
    void dataSentTwiceFromOneMessageDoesNotShareWritableArrays() throws JMSException {
        var bytes = addressed(new ClientBytesMessage());
        bytes.writeByte((byte) 1);
        MessageData first = MessageConversion.toData(bytes);
        MessageData second = MessageConversion.toData(bytes);
        assertThat(first.body()).isNotSameAs(second.body());
    }

    @Test
    void applicationCannotChangeTheDataThroughAReceivedMessage() throws JMSException {
        var bytes = addressed(new ClientBytesMessage());
        bytes.writeBytes(new byte[] {1, 2});
        bytes.setJMSCorrelationIDAsBytes(new byte[] {3});
        MessageData data = MessageConversion.toData(bytes);
        byte[] body = data.body().clone();

        BytesMessage received = (BytesMessage) MessageConversion.fromData(data, 1);
        received.getBody(byte[].class)[0] = 9;
        received.getJMSCorrelationIDAsBytes()[0] = 9;
        byte[] buffer = new byte[2];
        received.readBytes(buffer);
        buffer[0] = 9;
        received.clearBody();
        received.writeBytes(new byte[] {9, 9});

        assertThat(data.body()).isEqualTo(body);
        assertThat(data.correlationIdBytes()).containsExactly(3);
    }

    // ---- other providers' messages ----

    @Test
    void foreignTextMessageIsReadThroughThePublicApi() throws JMSException {
        var inner = new ClientTextMessage("hello");
        inner.setJMSDestination(foreignQueue("orders"));
        inner.setJMSReplyTo(foreignTopic("replies"));
        inner.setJMSMessageID("ID:foreign");
        inner.setJMSCorrelationID("c");
        inner.setStringProperty("s", "v");
        inner.setIntProperty("i", 1);
        TextMessage foreign = foreign(inner, TextMessage.class);

        MessageData data = MessageConversion.toData(foreign);
        assertThat(data.destination()).isEqualTo(DestinationName.queue("orders"));
        assertThat(data.replyTo()).isEqualTo(DestinationName.topic("replies"));
        assertThat(data.messageId()).isEqualTo("ID:foreign");
        assertThat(data.correlationId()).isEqualTo("c");
        assertThat(data.properties()).containsEntry("s", "v").containsEntry("i", 1);
        assertThat(MessageConversion.fromData(data, 1).getBody(String.class)).isEqualTo("hello");
    }

    @Test
    void foreignBytesMessageIsReadWholeAndLeftReset() throws JMSException {
        var inner = new ClientBytesMessage();
        inner.writeBytes(new byte[] {1, 2, 3});
        inner.setJMSDestination(foreignQueue("q"));
        BytesMessage foreign = foreign(inner, BytesMessage.class);
        inner.reset();
        inner.readByte();

        MessageData data = MessageConversion.toData(foreign);
        assertThat(data.bodyType()).isEqualTo(BodyType.BYTES);
        assertThat(data.body()).containsExactly(1, 2, 3);
        assertThat(foreign.readByte()).isEqualTo((byte) 1);
    }

    @Test
    void foreignMapMessageIsReadEntryByEntry() throws JMSException {
        var inner = new ClientMapMessage();
        for (var entry : everyBodyValue().entrySet()) {
            inner.setObject(entry.getKey(), entry.getValue());
        }
        inner.setJMSDestination(foreignQueue("q"));
        MapMessage received = (MapMessage) MessageConversion.fromData(
                MessageConversion.toData(foreign(inner, MapMessage.class)), 1);
        for (var entry : everyBodyValue().entrySet()) {
            assertThat(received.getObject(entry.getKey())).isEqualTo(entry.getValue());
        }
    }

    @Test
    void foreignStreamMessageIsReadToItsEndAndLeftReset() throws JMSException {
        var inner = new ClientStreamMessage();
        for (Object value : everyBodyValue().values()) {
            inner.writeObject(value);
        }
        inner.setJMSDestination(foreignQueue("q"));
        StreamMessage foreign = foreign(inner, StreamMessage.class);
        StreamMessage received = (StreamMessage) MessageConversion.fromData(MessageConversion.toData(foreign), 1);
        for (Object value : everyBodyValue().values()) {
            assertThat(received.readObject()).isEqualTo(value);
        }
        assertThat(foreign.readObject()).isEqualTo(true);
    }

    @Test
    void foreignObjectAndPlainMessagesKeepTheirType() throws JMSException {
        var object = new ClientObjectMessage(new ArrayList<>(List.of("x")));
        object.setJMSDestination(foreignQueue("q"));
        MessageData objectData = MessageConversion.toData(foreign(object, ObjectMessage.class));
        assertThat((Object) MessageConversion.fromData(objectData, 1).getBody(List.class)).isEqualTo(List.of("x"));

        var plain = new ClientPlainMessage();
        plain.setJMSDestination(foreignQueue("q"));
        assertThat(MessageConversion.toData(foreign(plain, Message.class)).bodyType()).isEqualTo(BodyType.MESSAGE);
    }

    @Test
    void foreignMessageWithoutDestinationCannotBeConverted() {
        assertThatThrownBy(() -> MessageConversion.toData(foreign(new ClientTextMessage("x"), TextMessage.class)))
                .isInstanceOf(InvalidDestinationException.class);
    }

    // ---- helpers ----

    /** Every value type of Map and StreamMessage bodies, keyed by a descriptive name. */
    private static Map<String, Object> everyBodyValue() {
        var values = new java.util.LinkedHashMap<String, Object>();
        values.put("boolean", true);
        values.put("byte", (byte) -1);
        values.put("short", Short.MIN_VALUE);
        values.put("char", '\uD800');
        values.put("int", Integer.MAX_VALUE);
        values.put("long", Long.MIN_VALUE);
        values.put("float", Float.NaN);
        values.put("double", -0.0);
        values.put("string", "é\u0000\uD83D\uDE00");
        values.put("emptyString", "");
        values.put("nullValue", null);
        values.put("bytes", new byte[] {1, 2, 3});
        values.put("emptyBytes", new byte[0]);
        return values;
    }

    /**
     * A message of "another provider": a proxy that only offers the public jakarta.jms interface,
     * so MessageConversion cannot take its own fast path.
     */
    private static <T extends Message> T foreign(ClientMessage inner, Class<T> type) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                return "foreign " + inner;
            }
            try {
                return method.invoke(inner, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }

    private static Queue foreignQueue(String name) {
        return () -> name;
    }

    private static Topic foreignTopic(String name) {
        return () -> name;
    }

    private static MessageData withBody(MessageData data, BodyType type, byte[] body) {
        return new MessageData(data.messageId(), data.timestamp(), data.correlationId(), data.correlationIdBytes(),
                data.destination(), data.replyTo(), data.type(), data.persistent(), data.priority(),
                data.expiration(), data.deliveryTime(), data.properties(), type, body);
    }
}
