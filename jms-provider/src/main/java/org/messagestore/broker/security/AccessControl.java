package org.messagestore.broker.security;

import jakarta.jms.JMSSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.messagestore.model.DestinationName;

/**
 * The access rules applied to one connection's identity. Decisions are remembered (rules and identity
 * never change), because a producer asks for every message it sends; at most {@value #REMEMBERED}
 * are kept, so a client using endless destination names cannot grow this without bound.
 *
 * <p>Threads: safe from any thread.
 */
public final class AccessControl {

    static final int REMEMBERED = 1024;

    private final AccessRules rules;
    private final Identity identity;
    private final Map<Decision, Boolean> decisions = new ConcurrentHashMap<>();

    public AccessControl(AccessRules rules, Identity identity) {
        this.rules = rules;
        this.identity = identity;
    }

    public Identity identity() {
        return identity;
    }

    /** JMSSecurityException naming the user, the permission and the destination unless the rules allow it. */
    public void check(Permission permission, DestinationName destination) throws JMSSecurityException {
        if (!permits(permission, destination)) {
            throw new JMSSecurityException(identity.describe() + " lacks permission '" + permission.label()
                    + "' on " + destination, "ACCESS_DENIED");
        }
    }

    /** JMSSecurityException unless the identity may manage the broker ({@link AccessRules#permitsManagement}). */
    public void checkManagement() throws JMSSecurityException {
        if (!rules.allowsEverything() && !rules.permitsManagement(identity)) {
            throw new JMSSecurityException(identity.describe() + " lacks permission 'admin' on the broker", "ACCESS_DENIED");
        }
    }

    public boolean permits(Permission permission, DestinationName destination) {
        if (rules.allowsEverything()) {
            return true;
        }
        Decision key = new Decision(permission, destination);
        Boolean known = decisions.get(key);
        if (known != null) {
            return known;
        }
        boolean allowed = rules.permits(identity, permission, destination);
        if (decisions.size() < REMEMBERED) {
            decisions.put(key, allowed);
        }
        return allowed;
    }

    private record Decision(Permission permission, DestinationName destination) {
    }
}
