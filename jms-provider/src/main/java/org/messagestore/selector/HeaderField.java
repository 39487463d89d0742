package org.messagestore.selector;

import java.util.Arrays;
import java.util.Optional;

/**
 * The header fields a selector may reference (§3.8.1.1: "restricted to JMSDeliveryMode,
 * JMSPriority, JMSMessageID, JMSTimestamp, JMSCorrelationID, and JMSType"). Every other name,
 * including JMSDestination, JMSExpiration or JMSRedelivered, is an ordinary property reference.
 */
enum HeaderField {
    /** Seen as the strings 'PERSISTENT' and 'NON_PERSISTENT' (§3.8.1.1, Special Notes). */
    DELIVERY_MODE("JMSDeliveryMode") {
        @Override
        Object read(MessageView message) {
            return message.persistent() ? "PERSISTENT" : "NON_PERSISTENT";
        }
    },
    PRIORITY("JMSPriority") {
        @Override
        Object read(MessageView message) {
            return message.priority();
        }
    },
    MESSAGE_ID("JMSMessageID") {
        @Override
        Object read(MessageView message) {
            return message.messageId();
        }
    },
    TIMESTAMP("JMSTimestamp") {
        @Override
        Object read(MessageView message) {
            return message.timestamp();
        }
    },
    CORRELATION_ID("JMSCorrelationID") {
        @Override
        Object read(MessageView message) {
            return message.correlationId();
        }
    },
    TYPE("JMSType") {
        @Override
        Object read(MessageView message) {
            return message.type();
        }
    };

    private final String selectorName;

    HeaderField(String selectorName) {
        this.selectorName = selectorName;
    }

    String selectorName() {
        return selectorName;
    }

    /** The value as a selector sees it; null ids and types are NULL (§3.8.1.1). */
    abstract Object read(MessageView message);

    static Optional<HeaderField> named(String name) {
        return Arrays.stream(values()).filter(f -> f.selectorName.equals(name)).findFirst();
    }
}
