package org.messagestore.client;

/**
 * A classic-API object (a session or a consumer) that stands for a MessageStore one and forwards to it:
 * the resource adapter's handles are. {@link ClientContext} builds the simplified API on any classic
 * objects; through this interface it still reaches the MessageStore behaviour the classic API has no
 * method for (acknowledging a context's session, receiveBody leaving an unreadable message in place).
 */
public interface ClassicWrapper {

    /** The object this one forwards to: a MessageStore session or consumer, or another wrapper. */
    Object wrapped();

    /** {@code object}, or the MessageStore object behind it, if it is a wrapper of one. */
    static Object unwrap(Object object) {
        Object current = object;
        while (current instanceof ClassicWrapper wrapper) {
            current = wrapper.wrapped();
        }
        return current;
    }
}
