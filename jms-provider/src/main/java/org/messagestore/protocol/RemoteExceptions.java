package org.messagestore.protocol;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionRolledBackException;
import org.messagestore.protocol.PushFrame.ConnectionFailed;
import org.messagestore.protocol.ResponseFrame.Failure;

/**
 * JMS exceptions across the wire: the broker sends the exception's class name, message and error
 * code; the client rebuilds the same {@code jakarta.jms} type. Only the spec's own exception classes
 * are rebuilt (by name, never by reflection on a name a peer chose); anything else arrives as a plain
 * JMSException whose message names the original class.
 */
public final class RemoteExceptions {

    private RemoteExceptions() {
    }

    /** The failure frame answering request {@code correlationId} with {@code error}. */
    public static Failure failure(long correlationId, Throwable error) {
        if (error instanceof JMSException jms) {
            return new Failure(correlationId, jms.getClass().getName(), jms.getMessage(), jms.getErrorCode());
        }
        return new Failure(correlationId, error.getClass().getName(), String.valueOf(error.getMessage()), null);
    }

    public static ConnectionFailed connectionFailed(JMSException cause) {
        return new ConnectionFailed(cause.getClass().getName(), cause.getMessage());
    }

    public static JMSException rebuild(Failure failure) {
        return rebuild(failure.exceptionClass(), failure.message(), failure.errorCode());
    }

    public static JMSException rebuild(ConnectionFailed failed) {
        return rebuild(failed.exceptionClass(), failed.message(), null);
    }

    static JMSException rebuild(String className, String message, String code) {
        return switch (className) {
            case "jakarta.jms.JMSException" -> new JMSException(message, code);
            case "jakarta.jms.IllegalStateException" -> new IllegalStateException(message, code);
            case "jakarta.jms.InvalidClientIDException" -> new InvalidClientIDException(message, code);
            case "jakarta.jms.InvalidDestinationException" -> new InvalidDestinationException(message, code);
            case "jakarta.jms.InvalidSelectorException" -> new InvalidSelectorException(message, code);
            case "jakarta.jms.JMSSecurityException" -> new JMSSecurityException(message, code);
            case "jakarta.jms.MessageEOFException" -> new MessageEOFException(message, code);
            case "jakarta.jms.MessageFormatException" -> new MessageFormatException(message, code);
            case "jakarta.jms.MessageNotReadableException" -> new MessageNotReadableException(message, code);
            case "jakarta.jms.MessageNotWriteableException" -> new MessageNotWriteableException(message, code);
            case "jakarta.jms.ResourceAllocationException" -> new ResourceAllocationException(message, code);
            case "jakarta.jms.TransactionInProgressException" -> new TransactionInProgressException(message, code);
            case "jakarta.jms.TransactionRolledBackException" -> new TransactionRolledBackException(message, code);
            default -> new JMSException("broker failed with " + className + ": " + message, code);
        };
    }
}
