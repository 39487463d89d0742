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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Java serialization of ObjectMessage bodies. Classes resolve through the thread context class
 * loader first, because in an application server the message's payload classes live in the
 * application, not beside this library; then through this library's loader, then the default.
 * Only classes of a {@link DeserializationAllowList} are deserialized; a JVM-wide deserialization
 * filter ({@code jdk.serialFilter}) applies as well.
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

    /**
     * The object in {@code serialized}; MessageFormatException when it cannot be read or holds a class
     * {@code allowList} does not allow (nothing of that class is then instantiated).
     */
    static Serializable deserialize(byte[] serialized, DeserializationAllowList allowList) throws MessageFormatException {
        AtomicReference<Class<?>> refused = new AtomicReference<>();
        try (var in = new ContextClassLoaderObjectInputStream(new ByteArrayInputStream(serialized))) {
            in.setObjectInputFilter(allowList.filter(type -> refused.compareAndSet(null, type)));
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            if (refused.get() != null) {
                throw Failures.formatError("the ObjectMessage body holds a " + refused.get().getName()
                        + ", a class the deserialization allow list does not allow (allowed: " + allowList
                        + "); to trust it, add its class or package to the connection factory option '"
                        + DeserializationAllowList.OPTION + "' (URL or JNDI) or to the system property '"
                        + DeserializationAllowList.SYSTEM_PROPERTY + "'", e);
            }
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
