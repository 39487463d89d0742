package org.messagestore.server.metrics;

import java.util.Optional;

/** Whether the server can take work now, for {@code /health/ready}; called on the HTTP server's thread. */
@FunctionalInterface
public interface Readiness {

    /** Empty when ready; otherwise a short reason for the operator ("broker closed"). */
    Optional<String> notReadyBecause();
}
