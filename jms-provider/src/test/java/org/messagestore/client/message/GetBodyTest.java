package org.messagestore.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Message.getBody and isBodyAssignableTo, per their javadoc. */
class GetBodyTest {

    @Test
    void textMessageBodyIsAString() throws JMSException {
        Message message = new ClientTextMessage("hi");
        assertThat(message.getBody(String.class)).isEqualTo("hi");
        assertThat(message.getBody(CharSequence.class)).isEqualTo("hi");
        assertThat(message.getBody(Object.class)).isEqualTo("hi");
        assertThat(message.isBodyAssignableTo(String.class)).isTrue();
        assertThat(message.isBodyAssignableTo(Integer.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Integer.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void textMessageWithoutTextReturnsNullForAnyType() throws JMSException {
        Message message = new ClientTextMessage();
        assertThat(message.getBody(Integer.class)).isNull();
        assertThat(message.isBodyAssignableTo(Integer.class)).isTrue();
    }

    @Test
    void objectMessageBodyIsTheDeserializedObject() throws JMSException {
        var list = new ArrayList<>(List.of(1, 2));
        Message message = Messages.received(new ClientObjectMessage(list));
        assertThat((Object) message.getBody(ArrayList.class)).isEqualTo(list);
        assertThat(message.getBody(Serializable.class)).isEqualTo(list);
        assertThat(message.isBodyAssignableTo(List.class)).isTrue();
        assertThat(message.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
        assertThat(new ClientObjectMessage().getBody(String.class)).isNull();
    }

    @Test
    void objectMessageThatCannotBeDeserializedIsAssignableToNothing() throws JMSException {
        Message message = new ClientObjectMessage(new Unreadable());
        assertThat(message.isBodyAssignableTo(Serializable.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Serializable.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void mapMessageBodyIsAnUnmodifiableMapCopy() throws JMSException {
        var message = new ClientMapMessage();
        message.setInt("a", 1);
        message.setBytes("b", new byte[] {2});
        @SuppressWarnings("unchecked")
        Map<String, Object> body = message.getBody(Map.class);
        assertThat(body).containsEntry("a", 1).containsKey("b");
        assertThatThrownBy(() -> body.put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
        ((byte[]) body.get("b"))[0] = 9;
        assertThat(message.getBytes("b")).containsExactly(2);
        assertThat(message.getBody(Object.class)).isNotNull();
        assertThat(message.isBodyAssignableTo(Map.class)).isTrue();
        assertThat(message.isBodyAssignableTo(byte[].class)).isFalse();
        assertThatThrownBy(() -> message.getBody(byte[].class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void emptyMapMessageHasNoBody() throws JMSException {
        var message = new ClientMapMessage();
        assertThat(message.getBody(Connection.class)).isNull();
        assertThat(message.isBodyAssignableTo(Connection.class)).isTrue();
    }

    @Test
    void bytesMessageBodyIsTheWholeBodyRegardlessOfReadPosition() throws JMSException {
        var message = new ClientBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3});
        message.reset();
        message.readByte();
        byte[] body = message.getBody(byte[].class);
        assertThat(body).containsExactly(1, 2, 3);
        body[0] = 9;
        assertThat(message.readByte()).isEqualTo((byte) 2);
        assertThat(message.getBody(byte[].class)).containsExactly(1, 2, 3);
        assertThat(message.isBodyAssignableTo(Object.class)).isTrue();
        assertThat(message.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void bytesMessageInWriteModeReturnsWhatWasWritten() throws JMSException {
        var message = new ClientBytesMessage();
        message.writeInt(1);
        assertThat(message.getBody(byte[].class)).containsExactly(0, 0, 0, 1);
        message.writeByte((byte) 2);
        assertThat(message.getBody(byte[].class)).hasSize(5);
    }

    @Test
    void emptyBytesMessageHasNoBody() throws JMSException {
        BytesMessage message = Messages.received(new ClientBytesMessage());
        assertThat(message.getBody(String.class)).isNull();
        assertThat(message.isBodyAssignableTo(String.class)).isTrue();
    }

    @Test
    void streamMessageBodyCannotBeRetrieved() throws JMSException {
        var message = new ClientStreamMessage();
        assertThatThrownBy(() -> message.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
        assertThat(message.isBodyAssignableTo(Object.class)).isFalse();
    }

    @Test
    void plainMessageReturnsNullForAnyType() throws JMSException {
        Message message = new ClientPlainMessage();
        assertThat(message.getBody(String.class)).isNull();
        assertThat(message.getBody(Connection.class)).isNull();
        assertThat(message.isBodyAssignableTo(Connection.class)).isTrue();
    }

    static final class Unreadable implements Serializable {
        private void readObject(ObjectInputStream in) throws IOException {
            throw new IOException("cannot be read");
        }
    }
}
