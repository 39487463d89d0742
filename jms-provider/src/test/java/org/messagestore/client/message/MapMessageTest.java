package org.messagestore.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

/** MapMessage: typed entries, the conversion table, names. */
class MapMessageTest {

    private final MapMessage message = new ClientMapMessage();

    @Test
    void everyTypeReadsBackAfterSending() throws JMSException {
        message.setBoolean("bool", true);
        message.setByte("byte", (byte) 1);
        message.setShort("short", (short) 2);
        message.setChar("char", 'c');
        message.setInt("int", 3);
        message.setLong("long", 4L);
        message.setFloat("float", 5.5f);
        message.setDouble("double", 6.5);
        message.setString("string", "s");
        message.setString("nullString", null);
        message.setBytes("bytes", new byte[] {7});
        message.setBytes("slice", new byte[] {0, 8, 9, 0}, 1, 2);
        message.setObject("object", 10L);
        MapMessage received = Messages.received(message);

        assertThat(received.getBoolean("bool")).isTrue();
        assertThat(received.getByte("byte")).isEqualTo((byte) 1);
        assertThat(received.getShort("short")).isEqualTo((short) 2);
        assertThat(received.getChar("char")).isEqualTo('c');
        assertThat(received.getInt("int")).isEqualTo(3);
        assertThat(received.getLong("long")).isEqualTo(4L);
        assertThat(received.getFloat("float")).isEqualTo(5.5f);
        assertThat(received.getDouble("double")).isEqualTo(6.5);
        assertThat(received.getString("string")).isEqualTo("s");
        assertThat(received.getString("nullString")).isNull();
        assertThat(received.itemExists("nullString")).isTrue();
        assertThat(received.getBytes("bytes")).containsExactly(7);
        assertThat(received.getBytes("slice")).containsExactly(8, 9);
        assertThat(received.getObject("object")).isEqualTo(10L);
    }

    @Test
    void conversionsFollowTheTable() throws JMSException {
        message.setShort("short", (short) 2);
        message.setString("string", "42");
        message.setChar("char", 'c');
        message.setBytes("bytes", new byte[] {1});
        assertThat(message.getLong("short")).isEqualTo(2L);
        assertThat(message.getString("short")).isEqualTo("2");
        assertThatThrownBy(() -> message.getByte("short")).isInstanceOf(MessageFormatException.class);
        assertThat(message.getInt("string")).isEqualTo(42);
        assertThatThrownBy(() -> message.getChar("string")).isInstanceOf(MessageFormatException.class);
        assertThat(message.getString("char")).isEqualTo("c");
        assertThatThrownBy(() -> message.getInt("char")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getString("bytes")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getBytes("string")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void missingEntryReadsAsValueOfNull() throws JMSException {
        assertThat(message.getBoolean("missing")).isFalse();
        assertThat(message.getString("missing")).isNull();
        assertThat(message.getBytes("missing")).isNull();
        assertThat(message.getObject("missing")).isNull();
        assertThatThrownBy(() -> message.getInt("missing")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getChar("missing")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void getMapNamesAndItemExistsReflectTheEntries() throws JMSException {
        message.setInt("a", 1);
        message.setString("b", "x");
        assertThat(Messages.names(message.getMapNames())).containsExactlyInAnyOrder("a", "b");
        assertThat(message.itemExists("a")).isTrue();
        assertThat(message.itemExists("c")).isFalse();
    }

    @Test
    void setObjectWithUnsupportedTypeThrowsMessageFormatException() {
        assertThatThrownBy(() -> message.setObject("x", new Object())).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObject("x", new java.util.HashMap<>()))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void nullOrEmptyNameThrowsIllegalArgumentException() {
        assertThatThrownBy(() -> message.setInt(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setString("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setObject("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setBytes(null, new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byteArraysAreCopiedInAndOut() throws JMSException {
        byte[] value = {1, 2};
        message.setBytes("b", value);
        value[0] = 9;
        byte[] read = message.getBytes("b");
        assertThat(read).containsExactly(1, 2);
        read[0] = 9;
        assertThat((byte[]) message.getObject("b")).containsExactly(1, 2);
    }

    @Test
    void settingAnEntryAgainReplacesIt() throws JMSException {
        message.setInt("a", 1);
        message.setString("a", "two");
        assertThat(message.getString("a")).isEqualTo("two");
        assertThat(Messages.names(message.getMapNames())).containsExactly("a");
    }
}
