package org.messagestore.server;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One scrape of {@code /metrics} in the protobuf format, parsed with the message classes the Prometheus client
 * ships ({@code prometheus-metrics-exposition-formats}): every family by its exposed name. The classes are
 * reached through {@code generated.Metrics}, which the artifact keeps stable while the package of the generated
 * code carries the protobuf version.
 */
final class Scrape {

    static final String PROTOBUF = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

    private final Map<String, Metrics.MetricFamily> families;

    private Scrape(Map<String, Metrics.MetricFamily> families) {
        this.families = families;
    }

    static Scrape of(int port) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Accept", PROTOBUF).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode());
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/vnd.google.protobuf")) {
            throw new AssertionError("/metrics did not answer in protobuf: " + response.headers().map());
        }
        var families = new LinkedHashMap<String, Metrics.MetricFamily>();
        try (InputStream body = response.body()) {
            for (Metrics.MetricFamily family = Metrics.MetricFamily.parseDelimitedFrom(body); family != null;
                 family = Metrics.MetricFamily.parseDelimitedFrom(body)) {
                if (families.put(family.getName(), family) != null) {
                    throw new AssertionError("family " + family.getName() + " exposed twice");
                }
            }
        }
        return new Scrape(families);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Every exposed family name. */
    java.util.Set<String> names() {
        return families.keySet();
    }

    Metrics.MetricFamily family(String name) {
        Metrics.MetricFamily family = families.get(name);
        if (family == null) {
            throw new AssertionError("no family " + name + " in " + families.keySet());
        }
        return family;
    }

    /** The value of the series of {@code name} whose labels are exactly {@code labels} (name, value, ...). */
    double value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        Metrics.MetricFamily family = family(name);
        for (Metrics.Metric metric : family.getMetricList()) {
            if (labels(metric).equals(wanted)) {
                return valueOf(family.getType(), metric);
            }
        }
        throw new AssertionError("no series " + name + wanted + " among " + series(name));
    }

    /** The label sets of the series of {@code name}. */
    List<Map<String, String>> series(String name) {
        return family(name).getMetricList().stream().map(Scrape::labels).toList();
    }

    private static Map<String, String> labels(Metrics.Metric metric) {
        return metric.getLabelList().stream().collect(Collectors.toMap(Metrics.LabelPair::getName, Metrics.LabelPair::getValue,
                (a, b) -> a, LinkedHashMap::new));
    }

    private static double valueOf(Metrics.MetricType type, Metrics.Metric metric) {
        return switch (type) {
            case GAUGE -> metric.getGauge().getValue();
            case COUNTER -> metric.getCounter().getValue();
            case UNTYPED -> metric.getUntyped().getValue();
            default -> throw new AssertionError("not a single value: " + type);
        };
    }
}
