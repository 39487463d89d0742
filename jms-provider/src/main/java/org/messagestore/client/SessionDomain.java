package org.messagestore.client;

/**
 * Which API created a session. A QueueSession or TopicSession must refuse the other domain's
 * methods with IllegalStateException (Jakarta Messaging 3.1, QueueSession and TopicSession javadoc).
 */
enum SessionDomain {
    UNIFIED, QUEUE, TOPIC
}
