package org.messagestore.jndi;

import javax.naming.ConfigurationException;

/**
 * Resolves {@code ${name}} and {@code ${name:default}} in JNDI environment values from system
 * properties, so one {@code jndi.properties} can serve several deployments, e.g.
 * {@code connectionFactory.ConnectionFactory = ${broker.url:vm://localhost}}.
 */
final class Placeholders {

    private Placeholders() {
    }

    static String resolve(String value, String key) throws ConfigurationException {
        StringBuilder out = new StringBuilder(value.length());
        int from = 0;
        int start;
        while ((start = value.indexOf("${", from)) >= 0) {
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                throw new ConfigurationException("JNDI environment entry '" + key + "': '${' without '}' in '" + value + "'");
            }
            out.append(value, from, start);
            String expression = value.substring(start + 2, end);
            int colon = expression.indexOf(':');
            String name = colon < 0 ? expression : expression.substring(0, colon);
            String fallback = colon < 0 ? null : expression.substring(colon + 1);
            String resolved = System.getProperty(name, fallback);
            if (resolved == null) {
                throw new ConfigurationException("JNDI environment entry '" + key + "': system property '" + name
                        + "' is not set and '${" + expression + "}' gives no default");
            }
            out.append(resolved);
            from = end + 1;
        }
        return out.append(value, from, value.length()).toString();
    }
}
