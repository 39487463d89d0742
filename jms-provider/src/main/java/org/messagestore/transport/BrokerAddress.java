package org.messagestore.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed broker URL: {@code vm://name?option=value&...} or {@code tcp://host:port?option=value}.
 * Options are shared by the client (clientId, prefetch, user, password) and the transport
 * (create, dataDir, ...); each reads the ones it knows.
 */
public record BrokerAddress(String scheme, String host, int port, Map<String, String> options) {

    public BrokerAddress {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static BrokerAddress parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("broker URL is empty; expected vm://name or tcp://host:port");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker URL '" + url + "' is not a valid URI: " + e.getMessage(), e);
        }
        if (uri.getScheme() == null || uri.getAuthority() == null) {
            throw new IllegalArgumentException("broker URL '" + url + "' must look like vm://name or tcp://host:port");
        }
        String scheme = uri.getScheme().toLowerCase();
        String host = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        return new BrokerAddress(scheme, host, uri.getPort(), parseQuery(uri.getRawQuery()));
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            options.put(decode(key), decode(value));
        }
        return options;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    public int intOption(String name, int defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + name + "' must be an integer, was '" + value + "'", e);
        }
    }

    public boolean booleanOption(String name, boolean defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("option '" + name + "' must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
