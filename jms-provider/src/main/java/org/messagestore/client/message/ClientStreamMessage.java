package org.messagestore.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import org.messagestore.model.BodyType;

/**
 * A {@link StreamMessage}: a sequence of typed fields, write-only after creation and clearBody,
 * read-only after reset() and on receipt (Jakarta Messaging 3.11.2).
 *
 * <p>Reads follow the StreamMessage conversion table (see {@link ValueConversion}). A read that
 * fails with MessageFormatException or a runtime conversion exception leaves the position where it
 * was, so the field can be read again as another type (3.11.3). Once readBytes has started on a
 * byte[] field, that field must be read to its end before any other read.
 */
public final class ClientStreamMessage extends ClientMessage implements StreamMessage {

    /** No byte[] field is being read piecewise by readBytes. */
    private static final int NO_BYTES_IN_FLIGHT = -1;

    private List<Object> fields = new ArrayList<>();
    /** The received encoding, until decoded; kept for resending until the body changes. */
    private byte[] encoded;
    private int position;
    private int bytesRemaining = NO_BYTES_IN_FLIGHT;

    public ClientStreamMessage() {
    }

    // ---- read mode ----

    @Override
    public boolean readBoolean() throws JMSException {
        boolean value = ValueConversion.toBoolean(next(), describe());
        position++;
        return value;
    }

    @Override
    public byte readByte() throws JMSException {
        byte value = ValueConversion.toByte(next(), describe());
        position++;
        return value;
    }

    @Override
    public short readShort() throws JMSException {
        short value = ValueConversion.toShort(next(), describe());
        position++;
        return value;
    }

    @Override
    public char readChar() throws JMSException {
        char value = ValueConversion.toChar(next(), describe());
        position++;
        return value;
    }

    @Override
    public int readInt() throws JMSException {
        int value = ValueConversion.toInt(next(), describe());
        position++;
        return value;
    }

    @Override
    public long readLong() throws JMSException {
        long value = ValueConversion.toLong(next(), describe());
        position++;
        return value;
    }

    @Override
    public float readFloat() throws JMSException {
        float value = ValueConversion.toFloat(next(), describe());
        position++;
        return value;
    }

    @Override
    public double readDouble() throws JMSException {
        double value = ValueConversion.toDouble(next(), describe());
        position++;
        return value;
    }

    @Override
    public String readString() throws JMSException {
        String value = ValueConversion.toString(next(), describe());
        position++;
        return value;
    }

    @Override
    public Object readObject() throws JMSException {
        Object value = TypedValues.copyOf(next());
        position++;
        return value;
    }

    /**
     * Reads a byte[] field piecewise (StreamMessage.readBytes javadoc): each call copies the next
     * part; the call after the last part returns -1 and moves past the field. A null field returns
     * -1 at once; an empty one returns 0.
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        byte[] field;
        if (bytesRemaining == NO_BYTES_IN_FLIGHT) {
            Object next = next();
            if (next == null) {
                position++;
                return -1;
            }
            if (!(next instanceof byte[] bytes)) {
                throw new MessageFormatException("cannot read " + describe() + " (a "
                        + ValueConversion.typeName(next) + ") with readBytes");
            }
            field = bytes;
            bytesRemaining = field.length;
        } else if (bytesRemaining == 0) {
            bytesRemaining = NO_BYTES_IN_FLIGHT;
            position++;
            return -1;
        } else {
            field = (byte[]) fields.get(position);
        }
        int count = Math.min(bytesRemaining, value.length);
        System.arraycopy(field, field.length - bytesRemaining, value, 0, count);
        bytesRemaining -= count;
        return count;
    }

    /** Puts the body in read-only mode with the position at the first field. */
    @Override
    public void reset() {
        setBodyReadOnly(true);
        position = 0;
        bytesRemaining = NO_BYTES_IN_FLIGHT;
    }

    // ---- write mode ----

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        checkBodyWritable();
        byte[] slice = new byte[length];
        System.arraycopy(value, offset, slice, 0, length);
        add(slice);
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (!ValueConversion.isBodyType(value)) {
            checkBodyWritable();
            throw new MessageFormatException("StreamMessage.writeObject cannot write a " + value.getClass().getName()
                    + "; allowed are the objectified primitive types, String and byte[]");
        }
        add(TypedValues.copyOf(value));
    }

    // ---- body ----

    /** A StreamMessage body can never be returned by getBody (Message.getBody javadoc). */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("getBody is not supported for a StreamMessage; read it with readObject()");
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }

    @Override
    BodyType bodyType() {
        return BodyType.STREAM;
    }

    @Override
    byte[] encodeBody() throws JMSException {
        return encoded != null ? encoded : TypedValues.encodeList(fields());
    }

    @Override
    void loadBody(byte[] body) {
        encoded = body;
        fields = body == null ? new ArrayList<>() : null;
        position = 0;
        bytesRemaining = NO_BYTES_IN_FLIGHT;
    }

    @Override
    void clearBodyContent() {
        loadBody(null);
    }

    /**
     * The field at the read position, without moving past it. A byte[] field that readBytes has
     * copied out completely counts as read; one it has only partly copied blocks every other read.
     */
    private Object next() throws JMSException {
        checkBodyReadable();
        if (bytesRemaining == 0) {
            bytesRemaining = NO_BYTES_IN_FLIGHT;
            position++;
        } else if (bytesRemaining > 0) {
            throw new MessageFormatException("the byte[] field at position " + position
                    + " must be read to its end with readBytes before the next field is read");
        }
        List<Object> all = fields();
        if (position >= all.size()) {
            throw new MessageEOFException("end of StreamMessage reached after " + all.size() + " fields");
        }
        return all.get(position);
    }

    private List<Object> fields() throws MessageFormatException {
        if (fields == null) {
            fields = TypedValues.decodeList(encoded);
        }
        return fields;
    }

    private void add(Object value) throws JMSException {
        checkBodyWritable();
        fields().add(value);
        encoded = null;
    }

    private String describe() {
        return "stream field " + position;
    }
}
