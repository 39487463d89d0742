package org.messagestore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code --json} and the tables print, and the progress bar drawn on stderr. */
class CliOutputFormatTest {

    @Test
    void jsonEscapesEveryCharacterRfc8259Requires() throws Exception {
        String nasty = "quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 unicode é ✓ 😀 slash /";
        Map<String, Object> row = ResultTable.row();
        row.put("text", nasty);
        row.put("key \"quoted\"", "v");

        JsonNode parsed = new ObjectMapper().readTree(JsonFormat.write(ResultTable.ofRow(row)));

        assertThat(parsed.get(0).get("text").asText()).isEqualTo(nasty);
        assertThat(parsed.get(0).get("key \"quoted\"").asText()).isEqualTo("v");
    }

    @Test
    void jsonKeepsNumbersBooleansAndNullsAndColumnOrder() throws Exception {
        Map<String, Object> row = ResultTable.row();
        row.put("depth", 12L);
        row.put("consumers", 3);
        row.put("rate", 0.5);
        row.put("broken", Double.NaN);
        row.put("paused", true);
        row.put("preparedAt", null);
        String json = JsonFormat.write(ResultTable.ofRow(row));

        JsonNode parsed = new ObjectMapper().readTree(json).get(0);

        assertThat(parsed.get("depth").isIntegralNumber()).isTrue();
        assertThat(parsed.get("depth").asLong()).isEqualTo(12);
        assertThat(parsed.get("consumers").asInt()).isEqualTo(3);
        assertThat(parsed.get("rate").asDouble()).isEqualTo(0.5);
        assertThat(parsed.get("broken").isNull()).as("JSON has no NaN").isTrue();
        assertThat(parsed.get("paused").isBoolean()).isTrue();
        assertThat(parsed.get("preparedAt").isNull()).isTrue();
        List<String> keys = new ArrayList<>();
        parsed.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("depth", "consumers", "rate", "broken", "paused", "preparedAt");
    }

    @Test
    void anEmptyResultIsAnEmptyJsonArray() {
        assertThat(JsonFormat.write(new ResultTable(List.of("name"), List.of()))).isEqualTo("[]");
    }

    @Test
    void tablesAlignColumnsAndRightAlignNumbers() {
        Map<String, Object> orders = ResultTable.row();
        orders.put("name", "orders");
        orders.put("depth", 12345L);
        orders.put("kind", null);
        Map<String, Object> dlq = ResultTable.row();
        dlq.put("name", "DLQ");
        dlq.put("depth", 7L);
        dlq.put("kind", "dead-letter");

        String table = print(new ResultTable(List.of("name", "depth", "kind"), List.of(orders, dlq)));

        assertThat(table.lines()).containsExactly(
                "name    depth  kind",
                "orders  12345  -",
                "DLQ         7  dead-letter");
    }

    @Test
    void theProgressBarFillsWithTheShareDone() {
        var err = new ByteArrayOutputStream();
        var bar = new ProgressBar("purging orders", new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(bar.render(0, 10)).isEqualTo("purging orders [" + "-".repeat(30) + "]   0% 0/10");
        assertThat(bar.render(5, 10)).isEqualTo("purging orders [" + "#".repeat(15) + "-".repeat(15) + "]  50% 5/10");
        assertThat(bar.render(10, 10)).isEqualTo("purging orders [" + "#".repeat(30) + "] 100% 10/10");
        assertThat(bar.render(42, -1)).isEqualTo("purging orders 42");

        bar.progress(5, 10);
        bar.progress(5, 10);
        bar.finish();
        assertThat(err.toString(StandardCharsets.UTF_8)).as("drawn once, then the line ended")
                .isEqualTo("\r" + bar.render(5, 10) + "\n");
    }

    private static String print(ResultTable table) {
        var out = new ByteArrayOutputStream();
        TableFormat.print(table, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
