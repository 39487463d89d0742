package org.messagestore.broker.security;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One line of the access rules: the destinations it covers and, per permission, the roles that have
 * it. Written {@code queue:orders.* = send:app,producer; consume:app; browse:admin}. The role
 * {@value #ANYONE} stands for every connection, anonymous ones included.
 */
public record AccessRule(DestinationPattern destinations, Map<Permission, Set<String>> grants) {

    public static final String ANYONE = "*";

    public AccessRule {
        var copy = new EnumMap<Permission, Set<String>>(Permission.class);
        grants.forEach((permission, roles) -> copy.put(permission, Set.copyOf(roles)));
        grants = Collections.unmodifiableMap(copy);
    }

    /** Reads the part after the {@code =}: {@code permission:role,role; permission:role...}. */
    public static AccessRule parse(DestinationPattern destinations, String grantList) {
        Map<Permission, Set<String>> grants = new EnumMap<>(Permission.class);
        for (String grant : grantList.split(";")) {
            if (grant.isBlank()) {
                continue;
            }
            int colon = grant.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + grant.strip() + "' must look like permission:role,role");
            }
            Permission permission = Permission.parse(grant.substring(0, colon));
            Set<String> roles = new LinkedHashSet<>();
            for (String role : grant.substring(colon + 1).split(",")) {
                if (role.isBlank()) {
                    throw new IllegalArgumentException("permission '" + permission.label() + "' has an empty role name");
                }
                roles.add(role.strip());
            }
            if (grants.putIfAbsent(permission, roles) != null) {
                throw new IllegalArgumentException("permission '" + permission.label() + "' is given twice");
            }
        }
        if (grants.isEmpty()) {
            throw new IllegalArgumentException("the rule for " + destinations + " grants nothing");
        }
        return new AccessRule(destinations, grants);
    }

    /** Whether this rule decides {@code permission}: it lists it, or lists {@code admin}, which implies it. */
    boolean decides(Permission permission) {
        return grants.containsKey(permission) || grants.containsKey(Permission.ADMIN);
    }

    /** Whether one of {@code identity}'s roles has {@code permission} (directly or through {@code admin}). */
    boolean grants(Identity identity, Permission permission) {
        return holds(grants.get(permission), identity) || holds(grants.get(Permission.ADMIN), identity);
    }

    private static boolean holds(Set<String> roles, Identity identity) {
        return roles != null && (roles.contains(ANYONE) || identity.roles().stream().anyMatch(roles::contains));
    }
}
