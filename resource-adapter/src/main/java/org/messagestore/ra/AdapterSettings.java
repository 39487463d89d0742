package org.messagestore.ra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resource adapter's configuration, read once when it starts.
 *
 * @param brokerProperties broker keys given inline, {@code key=value} pairs separated by {@code ;}
 */
record AdapterSettings(String mode, String url, String brokerName, String dataDir, String brokerConfig,
                       Map<String, String> brokerProperties, String deserializationAllowList) {

    static final String EMBEDDED = "embedded";
    static final String REMOTE = "remote";

    AdapterSettings {
        if (!EMBEDDED.equals(mode) && !REMOTE.equals(mode)) {
            throw new IllegalArgumentException("mode must be '" + EMBEDDED + "' or '" + REMOTE + "', not '" + mode + "'");
        }
    }

    boolean embedded() {
        return EMBEDDED.equals(mode);
    }

    /** {@code a=1; b=2} as a map; a pair without {@code =} is an error naming it. */
    static Map<String, String> parseProperties(String inline) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (inline == null || inline.isBlank()) {
            return properties;
        }
        for (String pair : inline.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("brokerProperties: expected key=value, got '" + pair.trim() + "'");
            }
            properties.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return properties;
    }
}
