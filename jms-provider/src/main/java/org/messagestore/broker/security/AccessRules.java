package org.messagestore.broker.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.messagestore.model.DestinationName;

/**
 * Who may do what on which destination. Read from a UTF-8 file (or lines) like:
 *
 * <pre>
 * # what applies where no rule decides: allow (the default) or deny
 * default = deny
 * queue:orders.* = send:app,producer; consume:app; browse:admin; create:app; delete:admin
 * queue:&gt;      = admin:admin
 * topic:prices.&gt; = consume:*; send:feed; create:feed
 * # who may manage the broker: statistics, purge, move, retry dead letters, settle XA branches
 * broker = admin:ops
 * </pre>
 *
 * <p>Deciding: the rules are read top to bottom, and the first rule whose pattern matches the
 * destination and that lists the permission asked for (or {@code admin}, which implies every
 * permission) decides: allowed when one of the connection's roles is listed for it, or {@code *} is.
 * When no rule decides, the default decides. Put specific rules before general ones.
 *
 * <p>Temporary destinations are outside the rules: any connection may create one and send to one
 * (their names are unguessable and handed out as JMSReplyTo), and only the connection that created
 * one may consume from it or delete it (Jakarta Messaging 3.1, 6.2.3 "Creating temporary destinations").
 *
 * <p>Management (the {@code messagestore} tool, {@link #permitsManagement}) is broker-wide: the
 * {@code broker} line lists the roles that hold {@code admin}, its only permission. Without that line
 * the default decides, so a broker with no rules at all can be managed by every user it admits.
 *
 * @param rules        in the order they are consulted
 * @param defaultAllow the decision where no rule decides
 * @param managers     the roles of the {@code broker = admin:...} line, or null when there is none
 */
public record AccessRules(List<AccessRule> rules, boolean defaultAllow, Set<String> managers) {

    /** No rules, everything allowed: the broker's default. */
    public static final AccessRules ALLOW_ALL = new AccessRules(List.of(), true);

    public AccessRules {
        rules = List.copyOf(rules);
        managers = managers == null ? null : Set.copyOf(managers);
    }

    public AccessRules(List<AccessRule> rules, boolean defaultAllow) {
        this(rules, defaultAllow, null);
    }

    public static AccessRules load(Path file) {
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read access rules " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads rules; IllegalArgumentException naming {@code source} and the line for any mistake. */
    public static AccessRules parse(String source, List<String> lines) {
        List<AccessRule> rules = new ArrayList<>();
        Boolean defaultAllow = null;
        Set<String> managers = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            try {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("expected 'queue:<pattern> = permission:role,...; ...' or 'default = allow|deny'");
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                if (key.equals("default")) {
                    if (defaultAllow != null) {
                        throw new IllegalArgumentException("'default' is given twice");
                    }
                    defaultAllow = switch (value) {
                        case "allow" -> true;
                        case "deny" -> false;
                        default -> throw new IllegalArgumentException("'default' must be allow or deny, not '" + value + "'");
                    };
                } else if (key.equals("broker")) {
                    if (managers != null) {
                        throw new IllegalArgumentException("'broker' is given twice");
                    }
                    managers = managersOf(value);
                } else {
                    rules.add(AccessRule.parse(DestinationPattern.parse(key), value));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("access rules " + source + ", line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new AccessRules(rules, defaultAllow == null || defaultAllow, managers);
    }

    /** The roles of {@code broker = admin:ops,root}: {@code admin} is the only broker-wide permission. */
    private static Set<String> managersOf(String grantList) {
        AccessRule rule = AccessRule.parse(new DestinationPattern(false, ">"), grantList);
        if (!rule.grants().keySet().equals(Set.of(Permission.ADMIN))) {
            throw new IllegalArgumentException("'broker' grants only admin (broker = admin:role,...)");
        }
        return rule.grants().get(Permission.ADMIN);
    }

    /** Whether {@code identity} may manage the broker: a role on the {@code broker} line, else the default. */
    public boolean permitsManagement(Identity identity) {
        if (managers == null) {
            return defaultAllow;
        }
        return managers.contains(AccessRule.ANYONE) || identity.roles().stream().anyMatch(managers::contains);
    }

    /** Whether these rules allow everything, so that checking can be skipped. */
    public boolean allowsEverything() {
        return rules.isEmpty() && defaultAllow && managers == null;
    }

    public boolean permits(Identity identity, Permission permission, DestinationName destination) {
        if (destination.isTemporary()) {
            return true;
        }
        for (AccessRule rule : rules) {
            if (rule.decides(permission) && rule.destinations().matches(destination)) {
                return rule.grants(identity, permission);
            }
        }
        return defaultAllow;
    }
}
