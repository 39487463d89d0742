package org.messagestore.protocol.codec;

import java.util.List;
import org.messagestore.protocol.MessageData;

/** A broker → client answer to one {@link RequestFrame} (or, with correlation id 0, to the {@link HandshakeFrame.Hello}). */
public sealed interface ResponseFrame extends Frame {

    /** The request succeeded and returns nothing. */
    record Ok(long correlationId) implements ResponseFrame {
    }

    /** The answer to {@link RequestFrame.BrowseNext}: the next messages, empty at the end of the queue. */
    record BrowseResult(long correlationId, List<MessageData> messages) implements ResponseFrame {
        public BrowseResult {
            messages = List.copyOf(messages);
        }
    }

    /**
     * The request failed with a JMS exception.
     *
     * @param exceptionClass the fully qualified class name of the {@code jakarta.jms} exception thrown
     * @param message        its message, or null
     * @param errorCode      its vendor error code, or null
     */
    record Failure(long correlationId, String exceptionClass, String message, String errorCode) implements ResponseFrame {
    }
}
