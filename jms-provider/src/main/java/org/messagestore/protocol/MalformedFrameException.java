package org.messagestore.protocol;

/**
 * A frame that does not follow the protocol: unknown type, truncated field, impossible length,
 * unknown enum value, trailing bytes. The receiving side closes that one connection.
 */
public final class MalformedFrameException extends RuntimeException {

    public MalformedFrameException(String message) {
        super(message);
    }

    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
