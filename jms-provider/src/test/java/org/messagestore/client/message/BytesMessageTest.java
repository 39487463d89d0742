package org.messagestore.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** BytesMessage: DataOutputStream encoding, partial reads, end of stream. */
class BytesMessageTest {

    private final ClientBytesMessage message = new ClientBytesMessage();

    @Test
    void everyTypeReadsBackInWriteOrder() throws JMSException {
        message.writeBoolean(true);
        message.writeByte((byte) -2);
        message.writeShort((short) -3);
        message.writeChar('z');
        message.writeInt(4);
        message.writeLong(5L);
        message.writeFloat(6.5f);
        message.writeDouble(7.25);
        message.writeUTF("ü\u0000x");
        message.writeBytes(new byte[] {1, 2});
        message.writeBytes(new byte[] {0, 3, 4, 0}, 1, 2);
        message.reset();

        assertThat(message.readBoolean()).isTrue();
        assertThat(message.readByte()).isEqualTo((byte) -2);
        assertThat(message.readShort()).isEqualTo((short) -3);
        assertThat(message.readChar()).isEqualTo('z');
        assertThat(message.readInt()).isEqualTo(4);
        assertThat(message.readLong()).isEqualTo(5L);
        assertThat(message.readFloat()).isEqualTo(6.5f);
        assertThat(message.readDouble()).isEqualTo(7.25);
        assertThat(message.readUTF()).isEqualTo("ü\u0000x");
        byte[] rest = new byte[10];
        assertThat(message.readBytes(rest)).isEqualTo(4);
        assertThat(rest).startsWith(1, 2, 3, 4);
    }

    @Test
    void encodingIsThatOfDataOutputStream() throws Exception {
        message.writeInt(258);
        message.writeUTF("hé");
        message.reset();
        byte[] body = new byte[(int) message.getBodyLength()];
        message.readBytes(body);
        var in = new DataInputStream(new ByteArrayInputStream(body));
        assertThat(in.readInt()).isEqualTo(258);
        assertThat(in.readUTF()).isEqualTo("hé");
    }

    @Test
    void unsignedReadsDoNotSignExtend() throws JMSException {
        message.writeByte((byte) 0xFF);
        message.writeShort((short) 0xFFFF);
        message.reset();
        assertThat(message.readUnsignedByte()).isEqualTo(255);
        assertThat(message.readUnsignedShort()).isEqualTo(65535);
    }

    @Test
    void writeObjectWritesObjectifiedPrimitivesStringsAndBytes() throws JMSException {
        message.writeObject(1);
        message.writeObject("s");
        message.writeObject(new byte[] {9});
        message.writeObject('c');
        message.reset();
        assertThat(message.readInt()).isEqualTo(1);
        assertThat(message.readUTF()).isEqualTo("s");
        assertThat(message.readByte()).isEqualTo((byte) 9);
        assertThat(message.readChar()).isEqualTo('c');
    }

    @Test
    void writeObjectOfNullThrowsNullPointerException() {
        assertThatThrownBy(() -> message.writeObject(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void writeObjectOfOtherTypeThrowsMessageFormatException() {
        assertThatThrownBy(() -> message.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void readingPastTheEndThrowsMessageEOFException() throws JMSException {
        message.writeShort((short) 1);
        message.reset();
        assertThatThrownBy(message::readInt).isInstanceOf(MessageEOFException.class);
        assertThat(message.readShort()).isEqualTo((short) 1);
        assertThatThrownBy(message::readByte).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(message::readUTF).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void readBytesFillsTheBufferThenReturnsTheRestThenMinusOne() throws JMSException {
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.reset();
        byte[] buffer = new byte[3];
        assertThat(message.readBytes(buffer)).isEqualTo(3);
        assertThat(buffer).containsExactly(1, 2, 3);
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).startsWith(4, 5);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
    }

    @Test
    void readBytesWithLengthReadsAtMostLength() throws JMSException {
        message.writeBytes(new byte[] {1, 2, 3});
        message.reset();
        byte[] buffer = new byte[3];
        assertThat(message.readBytes(buffer, 2)).isEqualTo(2);
        assertThat(message.readBytes(buffer, 2)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 3);
        assertThat(message.readBytes(buffer, 2)).isEqualTo(-1);
    }

    @Test
    void readBytesWithLengthOutsideTheBufferThrowsIndexOutOfBoundsWithoutReading() throws JMSException {
        message.writeBytes(new byte[] {1, 2, 3});
        message.reset();
        assertThatThrownBy(() -> message.readBytes(new byte[2], 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> message.readBytes(new byte[2], -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(message.readByte()).isEqualTo((byte) 1);
    }

    @Test
    void getBodyLengthIsTheWholeBodyRegardlessOfPosition() throws JMSException {
        message.writeLong(1);
        message.reset();
        message.readInt();
        assertThat(message.getBodyLength()).isEqualTo(8);
    }

    @Test
    void resetRewindsToTheStart() throws JMSException {
        message.writeInt(7);
        message.reset();
        assertThat(message.readInt()).isEqualTo(7);
        message.reset();
        assertThat(message.readInt()).isEqualTo(7);
    }

    @Test
    void writeUtfOfMoreThan65535EncodedBytesThrowsMessageFormatException() {
        assertThatThrownBy(() -> message.writeUTF("é".repeat(40_000)))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void receivedBytesMessageIsReadableFromTheStart() throws JMSException, IOException {
        message.writeInt(11);
        message.writeUTF("x");
        BytesMessage received = Messages.received(message);
        assertThat(received.getBodyLength()).isEqualTo(7);
        assertThat(received.readInt()).isEqualTo(11);
        assertThat(received.readUTF()).isEqualTo("x");
    }
}
