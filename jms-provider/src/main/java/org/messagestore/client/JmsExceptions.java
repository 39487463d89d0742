package org.messagestore.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

/**
 * Turns the classic API's checked exceptions into the simplified API's unchecked twins. The
 * simplified API throws the unchecked counterpart of whatever the classic API would have thrown
 * (Jakarta Messaging 3.1, "Exceptions": each checked exception has a runtime twin).
 */
public final class JmsExceptions {

    private JmsExceptions() {
    }

    /** The runtime twin of {@code e}, keeping its message, error code and cause ({@code e} itself). */
    public static JMSRuntimeException toRuntime(JMSException e) {
        String message = e.getMessage();
        String code = e.getErrorCode();
        JMSRuntimeException runtime;
        if (e instanceof IllegalStateException) {
            runtime = new IllegalStateRuntimeException(message, code, e);
        } else if (e instanceof InvalidClientIDException) {
            runtime = new InvalidClientIDRuntimeException(message, code, e);
        } else if (e instanceof InvalidDestinationException) {
            runtime = new InvalidDestinationRuntimeException(message, code, e);
        } else if (e instanceof InvalidSelectorException) {
            runtime = new InvalidSelectorRuntimeException(message, code, e);
        } else if (e instanceof JMSSecurityException) {
            runtime = new JMSSecurityRuntimeException(message, code, e);
        } else if (e instanceof MessageFormatException) {
            runtime = new MessageFormatRuntimeException(message, code, e);
        } else if (e instanceof MessageNotWriteableException) {
            runtime = new MessageNotWriteableRuntimeException(message, code, e);
        } else if (e instanceof ResourceAllocationException) {
            runtime = new ResourceAllocationRuntimeException(message, code, e);
        } else if (e instanceof TransactionInProgressException) {
            runtime = new TransactionInProgressRuntimeException(message, code, e);
        } else if (e instanceof TransactionRolledBackException) {
            runtime = new TransactionRolledBackRuntimeException(message, code, e);
        } else {
            runtime = new JMSRuntimeException(message, code, e);
        }
        return runtime;
    }
}
