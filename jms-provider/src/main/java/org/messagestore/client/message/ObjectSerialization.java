package org.messagestore.client.message;

import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Java serialization of ObjectMessage bodies. Classes resolve through the thread context class
 * loader first, because in an application server the message's payload classes live in the
 * application, not beside this library; then through this library's loader, then the default.
 * A JVM-wide deserialization filter ({@code jdk.serialFilter}) applies as usual.
 */
final class ObjectSerialization {

    private ObjectSerialization() {
    }

    static byte[] serialize(Serializable object) throws MessageFormatException {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw Failures.formatError("cannot serialize the ObjectMessage body, a "
                    + object.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    static Serializable deserialize(byte[] serialized) throws MessageFormatException {
        try (var in = new ContextClassLoaderObjectInputStream(new ByteArrayInputStream(serialized))) {
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw Failures.formatError("cannot deserialize the ObjectMessage body: " + e, e);
        }
    }

    private static final class ContextClassLoaderObjectInputStream extends ObjectInputStream {

        ContextClassLoaderObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    // fall through to this library's loader
                }
            }
            try {
                return Class.forName(desc.getName(), false, ObjectSerialization.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // also resolves primitive type descriptors
            }
        }
    }
}
