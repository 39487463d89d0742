package org.messagestore.client;

import jakarta.jms.IllegalStateException;

/**
 * Which API created a session. A QueueSession or TopicSession must refuse the other domain's
 * methods with IllegalStateException (Jakarta Messaging 3.1, QueueSession and TopicSession javadoc).
 */
enum SessionDomain {
    UNIFIED, QUEUE, TOPIC;

    /** Refuses the point-to-point {@code method} on a TopicSession. */
    void checkQueueMethod(String method) throws IllegalStateException {
        if (this == TOPIC) {
            throw new IllegalStateException(method + "() is not allowed on a TopicSession");
        }
    }

    /** Refuses the publish/subscribe {@code method} on a QueueSession. */
    void checkTopicMethod(String method) throws IllegalStateException {
        if (this == QUEUE) {
            throw new IllegalStateException(method + "() is not allowed on a QueueSession");
        }
    }
}
