package org.messagestore.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

/** Read-only and write-only bodies: Jakarta Messaging 3.1, 3.10, 3.11.1 and 3.11.2. */
class BodyStateTest {

    @Test
    void receivedTextMessageBodyIsReadOnlyUntilClearBody() throws JMSException {
        TextMessage received = Messages.received(new ClientTextMessage("x"));
        assertThatThrownBy(() -> received.setText("y")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThat(received.getText()).isNull();
        received.setText("y");
        assertThat(received.getText()).isEqualTo("y");
    }

    @Test
    void receivedObjectMessageBodyIsReadOnlyUntilClearBody() throws JMSException {
        ObjectMessage received = Messages.received(new ClientObjectMessage("x"));
        assertThatThrownBy(() -> received.setObject("y")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThat(received.getObject()).isNull();
        received.setObject("y");
        assertThat(received.getObject()).isEqualTo("y");
    }

    @Test
    void receivedMapMessageBodyIsReadOnlyUntilClearBody() throws JMSException {
        var map = new ClientMapMessage();
        map.setInt("a", 1);
        MapMessage received = Messages.received(map);
        assertThatThrownBy(() -> received.setInt("b", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> received.setObject("b", 2)).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThat(received.itemExists("a")).isFalse();
        received.setInt("b", 2);
        assertThat(received.getInt("b")).isEqualTo(2);
    }

    @Test
    void newBytesMessageIsWriteOnlyUntilReset() throws JMSException {
        BytesMessage message = new ClientBytesMessage();
        message.writeInt(1);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(message::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(() -> message.readBytes(new byte[1])).isInstanceOf(MessageNotReadableException.class);
        message.reset();
        assertThatThrownBy(() -> message.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> message.writeObject(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(message.readInt()).isEqualTo(1);
    }

    @Test
    void clearBodyMakesABytesMessageEmptyAndWriteOnly() throws JMSException {
        BytesMessage received = Messages.received(bytes(1, 2));
        assertThatThrownBy(() -> received.writeByte((byte) 3)).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThatThrownBy(received::readByte).isInstanceOf(MessageNotReadableException.class);
        received.writeByte((byte) 3);
        received.reset();
        assertThat(received.getBodyLength()).isEqualTo(1);
        assertThat(received.readByte()).isEqualTo((byte) 3);
    }

    @Test
    void newStreamMessageIsWriteOnlyUntilReset() throws JMSException {
        StreamMessage message = new ClientStreamMessage();
        message.writeInt(1);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(message::readObject).isInstanceOf(MessageNotReadableException.class);
        message.reset();
        assertThatThrownBy(() -> message.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> message.writeObject("x")).isInstanceOf(MessageNotWriteableException.class);
        assertThat(message.readInt()).isEqualTo(1);
    }

    @Test
    void clearBodyMakesAStreamMessageEmptyAndWriteOnly() throws JMSException {
        var stream = new ClientStreamMessage();
        stream.writeString("x");
        StreamMessage received = Messages.received(stream);
        assertThatThrownBy(() -> received.writeString("y")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThatThrownBy(received::readString).isInstanceOf(MessageNotReadableException.class);
        received.writeString("y");
        received.reset();
        assertThat(received.readString()).isEqualTo("y");
    }

    @Test
    void clearBodyLeavesPropertiesAndClearPropertiesLeavesBody() throws JMSException {
        var text = new ClientTextMessage("body");
        text.setIntProperty("p", 1);
        TextMessage received = Messages.received(text);
        received.clearBody();
        assertThat(received.getIntProperty("p")).isEqualTo(1);
        assertThatThrownBy(() -> received.setIntProperty("q", 2)).isInstanceOf(MessageNotWriteableException.class);

        TextMessage again = Messages.received(text);
        again.clearProperties();
        assertThat(again.getText()).isEqualTo("body");
        assertThatThrownBy(() -> again.setText("new")).isInstanceOf(MessageNotWriteableException.class);
    }

    private static ClientBytesMessage bytes(int... values) throws JMSException {
        var message = new ClientBytesMessage();
        for (int value : values) {
            message.writeByte((byte) value);
        }
        return message;
    }
}
