package org.messagestore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Grafana dashboard shipped with the server queries only metrics the server exports. */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("src/main/dashboards/messagestore.json");
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:messagestore|jvm|process)_[a-z0-9_]+\\b");

    @TempDir
    Path dataDir;

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        collectQueries(dashboard, queries);
        Set<String> queried = new TreeSet<>();
        queries.forEach(query -> METRIC_NAME.matcher(query).results().forEach(m -> queried.add(m.group())));

        Set<String> exported;
        try (MessageStoreServer server = MetricsServers.start(dataDir, Map.of())) {
            JmsClient.send(server.port(), "orders", "so that every per-queue family has a series");
            exported = Scrape.of(MetricsServers.metricsPort(server)).names();
        }

        assertThat(queried).as("metric names in the dashboard's queries").hasSizeGreaterThanOrEqualTo(10);
        assertThat(exported).containsAll(queried.stream().map(name -> family(name, exported)).toList());
        assertThat(queried).contains("messagestore_store_commit_seconds_bucket", "messagestore_store_commit_seconds_count");
    }

    @Test
    void everyPanelHasATitleADescriptionAndAQuery() throws Exception {
        JsonNode panels = new ObjectMapper().readTree(DASHBOARD.toFile()).get("panels");

        assertThat(panels).hasSize(8);
        for (JsonNode panel : panels) {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("description").asText()).isNotBlank();
            assertThat(panel.path("targets")).isNotEmpty().allSatisfy(target ->
                    assertThat(target.path("expr").asText()).isNotBlank());
        }
    }

    /**
     * The family a queried series belongs to: a histogram's {@code _bucket}, {@code _count} and {@code _sum}
     * series are exposed under the histogram's own name.
     */
    private static String family(String series, Set<String> exported) {
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            String stripped = series.substring(0, Math.max(0, series.length() - suffix.length()));
            if (series.endsWith(suffix) && exported.contains(stripped)) {
                return stripped;
            }
        }
        return series;
    }

    /** Every {@code expr} of a panel and every templating {@code query} text, anywhere in the JSON. */
    private static void collectQueries(JsonNode node, List<String> queries) {
        node.fields().forEachRemaining(field -> {
            if ((field.getKey().equals("expr") || field.getKey().equals("definition")) && field.getValue().isTextual()) {
                queries.add(field.getValue().asText());
            }
        });
        node.elements().forEachRemaining(child -> collectQueries(child, queries));
    }
}
