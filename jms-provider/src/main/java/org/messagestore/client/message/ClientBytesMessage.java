package org.messagestore.client.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.messagestore.model.BodyType;

/**
 * A {@link BytesMessage}: write-only after creation and clearBody, read-only after reset() and on
 * receipt (Jakarta Messaging 3.11.2). The encoding is that of {@code DataOutputStream}: big-endian,
 * modified UTF-8 for writeUTF.
 *
 * <p>In read mode the body is an array that is never written to, so sending the message on shares
 * it; writes go to a separate buffer that reset() copies out.
 */
public final class ClientBytesMessage extends ClientMessage implements BytesMessage {

    private static final byte[] EMPTY = new byte[0];

    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(written);
    private ByteBuffer in = ByteBuffer.wrap(EMPTY);

    public ClientBytesMessage() {
    }

    // ---- read mode ----

    @Override
    public long getBodyLength() throws JMSException {
        checkBodyReadable();
        return in.limit();
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return readByte() != 0;
    }

    @Override
    public byte readByte() throws JMSException {
        return need(1).get();
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return readByte() & 0xFF;
    }

    @Override
    public short readShort() throws JMSException {
        return need(2).getShort();
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws JMSException {
        return need(2).getChar();
    }

    @Override
    public int readInt() throws JMSException {
        return need(4).getInt();
    }

    @Override
    public long readLong() throws JMSException {
        return need(8).getLong();
    }

    @Override
    public float readFloat() throws JMSException {
        return need(4).getFloat();
    }

    @Override
    public double readDouble() throws JMSException {
        return need(8).getDouble();
    }

    /** Reads what writeUTF wrote: an unsigned 16-bit length, then modified UTF-8. */
    @Override
    public String readUTF() throws JMSException {
        need(2);
        int start = in.position();
        int length = in.getShort() & 0xFFFF;
        if (in.remaining() < length) {
            in.position(start);
            throw new MessageEOFException("BytesMessage ends inside a UTF string of " + length + " bytes");
        }
        try {
            String s = Cesu8.decode(in.array(), in.position(), length);
            in.position(in.position() + length);
            return s;
        } catch (MessageFormatException e) {
            in.position(start);
            throw e;
        }
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        checkBodyReadable();
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException(
                    "length " + length + " is outside the buffer of " + value.length + " bytes");
        }
        if (!in.hasRemaining()) {
            return -1;
        }
        int count = Math.min(length, in.remaining());
        in.get(value, 0, count);
        return count;
    }

    /** Puts the body in read-only mode with the position at the start (BytesMessage.reset javadoc). */
    @Override
    public void reset() {
        if (!isBodyReadOnly()) {
            in = ByteBuffer.wrap(written.toByteArray());
            written = null;
            out = null;
            setBodyReadOnly(true);
        }
        in.rewind();
    }

    // ---- write mode ----

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(out -> out.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(out -> out.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(out -> out.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(out -> out.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(out -> out.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(out -> out.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(out -> out.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(out -> out.writeDouble(value));
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        write(out -> out.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(out -> out.write(value));
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(out -> out.write(value, offset, length));
    }

    /** Only objectified primitives, String and byte[]; null is a NullPointerException (javadoc). */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("BytesMessage.writeObject does not accept null");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("BytesMessage.writeObject cannot write a " + value.getClass().getName());
        }
    }

    // ---- body ----

    /** The whole body regardless of the read position; in write mode, what was written so far. */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        byte[] body = currentBody();
        if (body.length == 0) {
            return null;
        }
        if (!isBodyAssignableTo(c)) {
            throw notAssignable("BytesMessage", c);
        }
        return c.cast(body == in.array() ? body.clone() : body);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public boolean isBodyAssignableTo(Class c) {
        int length = isBodyReadOnly() ? in.limit() : written.size();
        return length == 0 || (c != null && c.isAssignableFrom(byte[].class));
    }

    @Override
    BodyType bodyType() {
        return BodyType.BYTES;
    }

    @Override
    byte[] encodeBody() {
        return currentBody();
    }

    @Override
    void loadBody(byte[] body) {
        in = ByteBuffer.wrap(body == null ? EMPTY : body);
        written = null;
        out = null;
    }

    @Override
    void clearBodyContent() {
        in = ByteBuffer.wrap(EMPTY);
        written = new ByteArrayOutputStream();
        out = new DataOutputStream(written);
    }

    /** Read mode: the shared, never-written array; write mode: a fresh copy of what was written. */
    private byte[] currentBody() {
        return isBodyReadOnly() ? in.array() : written.toByteArray();
    }

    private ByteBuffer need(int bytes) throws JMSException {
        checkBodyReadable();
        if (in.remaining() < bytes) {
            throw new MessageEOFException("BytesMessage has " + in.remaining() + " bytes left, "
                    + bytes + " needed");
        }
        return in;
    }

    /** The only IOException a DataOutputStream over memory throws is writeUTF's 64K limit. */
    private void write(Write write) throws JMSException {
        checkBodyWritable();
        try {
            write.to(out);
        } catch (IOException e) {
            throw Failures.formatError("cannot write to the BytesMessage: " + e.getMessage()
                    + " (writeUTF takes at most 65535 encoded bytes)", e);
        }
    }

    @FunctionalInterface
    private interface Write {
        void to(DataOutputStream out) throws IOException;
    }
}
