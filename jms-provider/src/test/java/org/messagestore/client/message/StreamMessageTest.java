package org.messagestore.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;
import org.junit.jupiter.api.Test;

/** StreamMessage: the 3.11.3 conversion table, read position on failure, readBytes. */
class StreamMessageTest {

    private final ClientStreamMessage message = new ClientStreamMessage();

    private StreamMessage readable(Object... fields) throws JMSException {
        for (Object field : fields) {
            message.writeObject(field);
        }
        message.reset();
        return message;
    }

    @Test
    void everyTypeReadsBackAsWritten() throws JMSException {
        message.writeBoolean(true);
        message.writeByte((byte) 1);
        message.writeShort((short) 2);
        message.writeChar('c');
        message.writeInt(3);
        message.writeLong(4L);
        message.writeFloat(5.5f);
        message.writeDouble(6.5);
        message.writeString("s");
        message.writeBytes(new byte[] {7});
        message.writeBytes(new byte[] {0, 8, 9}, 1, 2);
        message.writeString(null);
        StreamMessage received = Messages.received(message);

        assertThat(received.readBoolean()).isTrue();
        assertThat(received.readByte()).isEqualTo((byte) 1);
        assertThat(received.readShort()).isEqualTo((short) 2);
        assertThat(received.readChar()).isEqualTo('c');
        assertThat(received.readInt()).isEqualTo(3);
        assertThat(received.readLong()).isEqualTo(4L);
        assertThat(received.readFloat()).isEqualTo(5.5f);
        assertThat(received.readDouble()).isEqualTo(6.5);
        assertThat(received.readString()).isEqualTo("s");
        assertThat((byte[]) received.readObject()).containsExactly(7);
        assertThat((byte[]) received.readObject()).containsExactly(8, 9);
        assertThat(received.readObject()).isNull();
        assertThatThrownBy(received::readObject).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void byteFieldWidensToShortIntLongAndString() throws JMSException {
        readable((byte) 5, (byte) 5, (byte) 5, (byte) 5);
        assertThat(message.readShort()).isEqualTo((short) 5);
        assertThat(message.readInt()).isEqualTo(5);
        assertThat(message.readLong()).isEqualTo(5L);
        assertThat(message.readString()).isEqualTo("5");
    }

    @Test
    void charFieldReadsOnlyAsCharAndString() throws JMSException {
        readable('x', 'x');
        assertThatThrownBy(message::readInt).isInstanceOf(MessageFormatException.class);
        assertThat(message.readString()).isEqualTo("x");
        assertThat(message.readChar()).isEqualTo('x');
    }

    @Test
    void stringFieldConvertsToPrimitivesButNotChar() throws JMSException {
        readable("12", "true", "2.5");
        assertThatThrownBy(message::readChar).isInstanceOf(MessageFormatException.class);
        assertThat(message.readLong()).isEqualTo(12L);
        assertThat(message.readBoolean()).isTrue();
        assertThat(message.readDouble()).isEqualTo(2.5);
    }

    @Test
    void byteArrayFieldDoesNotReadAsString() throws JMSException {
        readable((Object) new byte[] {1});
        assertThatThrownBy(message::readString).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void floatFieldDoesNotReadAsLongAndDoubleDoesNotReadAsFloat() throws JMSException {
        readable(1.5f, 2.5);
        assertThatThrownBy(message::readLong).isInstanceOf(MessageFormatException.class);
        assertThat(message.readDouble()).isEqualTo(1.5);
        assertThatThrownBy(message::readFloat).isInstanceOf(MessageFormatException.class);
        assertThat(message.readString()).isEqualTo("2.5");
    }

    @Test
    void failedConversionLeavesThePositionSoTheFieldCanBeReadAsAnotherType() throws JMSException {
        readable("abc", 7);
        assertThatThrownBy(message::readInt).isInstanceOf(NumberFormatException.class);
        assertThat(message.readBoolean()).isFalse(); // Boolean.valueOf("abc"), and moves on
        assertThatThrownBy(message::readBoolean).isInstanceOf(MessageFormatException.class);
        assertThat(message.readInt()).isEqualTo(7);
    }

    @Test
    void nullFieldReadsAsValueOfNull() throws JMSException {
        readable(null, null, null, null, null);
        assertThatThrownBy(message::readInt).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(message::readChar).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(message::readDouble).isInstanceOf(NullPointerException.class);
        assertThat(message.readBoolean()).isFalse();
        assertThat(message.readString()).isNull();
        assertThat(message.readObject()).isNull();
        assertThat(message.readBytes(new byte[1])).isEqualTo(-1);
        assertThat(message.readObject()).isNull();
        assertThatThrownBy(message::readObject).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void readBytesReadsAFieldInPiecesThenReturnsMinusOne() throws JMSException {
        readable(new byte[] {1, 2, 3, 4, 5}, "next");
        byte[] buffer = new byte[2];
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(1, 2);
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(3, 4);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 5);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readString()).isEqualTo("next");
    }

    @Test
    void readBytesWithExactBufferNeedsAnotherCallThatReturnsMinusOne() throws JMSException {
        readable(new byte[] {1, 2}, new byte[] {3});
        byte[] buffer = new byte[2];
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 3);
    }

    @Test
    void fullyReadByteFieldLetsTheNextFieldBeRead() throws JMSException {
        readable(new byte[] {1}, 9);
        assertThat(message.readBytes(new byte[4])).isEqualTo(1);
        assertThat(message.readInt()).isEqualTo(9);
    }

    @Test
    void emptyByteFieldReturnsZeroThenMinusOne() throws JMSException {
        readable(new byte[0], 1);
        assertThat(message.readBytes(new byte[3])).isZero();
        assertThat(message.readBytes(new byte[3])).isEqualTo(-1);
        assertThat(message.readInt()).isEqualTo(1);
    }

    @Test
    void readingAnotherFieldBeforeAByteFieldIsFullyReadThrowsMessageFormatException() throws JMSException {
        readable(new byte[] {1, 2, 3}, 4);
        assertThat(message.readBytes(new byte[1])).isEqualTo(1);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(message::readObject).isInstanceOf(MessageFormatException.class);
        assertThat(message.readBytes(new byte[5])).isEqualTo(2);
        assertThat(message.readInt()).isEqualTo(4);
    }

    @Test
    void readBytesOnAnotherTypeThrowsMessageFormatExceptionAndKeepsThePosition() throws JMSException {
        readable(5);
        assertThatThrownBy(() -> message.readBytes(new byte[4])).isInstanceOf(MessageFormatException.class);
        assertThat(message.readInt()).isEqualTo(5);
    }

    @Test
    void readObjectReturnsACopyOfByteArrays() throws JMSException {
        byte[] written = {1, 2};
        message.writeBytes(written);
        written[0] = 9;
        message.reset();
        byte[] read = (byte[]) message.readObject();
        assertThat(read).containsExactly(1, 2);
        read[1] = 9;
        message.reset();
        assertThat((byte[]) message.readObject()).containsExactly(1, 2);
    }

    @Test
    void writeObjectOfUnsupportedTypeThrowsMessageFormatException() {
        assertThatThrownBy(() -> message.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.writeObject(new StringBuilder("x")))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void readingPastTheEndThrowsMessageEOFException() throws JMSException {
        readable();
        assertThatThrownBy(message::readInt).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(() -> message.readBytes(new byte[1])).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void getBodyAlwaysThrowsMessageFormatException() throws JMSException {
        readable(1);
        assertThatThrownBy(() -> message.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
        assertThat(message.isBodyAssignableTo(Object.class)).isFalse();
    }
}
