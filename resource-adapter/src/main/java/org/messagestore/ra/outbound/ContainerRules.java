package org.messagestore.ra.outbound;

import jakarta.jms.IllegalStateException;

/**
 * The methods Jakarta Messaging 3.1 (12.2, "Restrictions on the use of the Jakarta Messaging API in
 * the Jakarta EE web or EJB container") forbids to applications in the container: they would start
 * threads, change a pooled connection for its next user, or deliver outside the container's
 * control. Through the adapter's handles each throws IllegalStateException (the simplified API
 * turns it into IllegalStateRuntimeException).
 */
final class ContainerRules {

    private ContainerRules() {
    }

    static IllegalStateException forbidden(String method) {
        return new IllegalStateException(method + " must not be used in a Jakarta EE web or EJB container "
                + "(Jakarta Messaging 3.1, 12.2); use a message-driven bean to receive asynchronously");
    }
}
