package org.messagestore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config check}: a configuration read as the server reads it, with each key's value and source. */
class CliConfigCheckTest {

    @TempDir
    Path dir;

    @Test
    void aGoodFileIsReportedWithEachKeysValueAndSource() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "port = 5445\nname = edge\n");
        Properties system = new Properties();
        system.setProperty("messagestore.name", "from-property");

        CliRun checked = CliRun.with(Map.of("MESSAGESTORE_HOST", "0.0.0.0")).systemProperties(system)
                .run("config", "check", file.toString());

        assertThat(checked.exitCode()).as(checked.toString()).isZero();
        assertThat(checked.out()).startsWith("configuration OK (file " + file.toAbsolutePath().normalize());
        assertThat(checked.out()).containsPattern("(?m)^port +5445 +file " + java.util.regex.Pattern.quote(file.toString()) + "$")
                .containsPattern("(?m)^name +from-property +system property messagestore.name$")
                .containsPattern("(?m)^host +0.0.0.0 +environment variable MESSAGESTORE_HOST$")
                .containsPattern("(?m)^dataDir +\\./data +default$");
    }

    @Test
    void jsonListsEveryKeyWithItsSource() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "port = 5445\n");

        CliRun checked = CliRun.run("config", "check", file.toString(), "--json");

        assertThat(checked.exitCode()).as(checked.toString()).isZero();
        assertThat(checked.json().size()).isEqualTo(org.messagestore.config.ConfigKey.values().length);
        JsonNode port = find(checked.json(), "port");
        assertThat(port.get("value").asText()).isEqualTo("5445");
        assertThat(port.get("source").asText()).isEqualTo("file " + file);
    }

    @Test
    void aTlsPasswordWithoutAKeyStoreFailsWithoutShowingThePassword() throws Exception {
        var env = new HashMap<String, String>();
        env.put("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", "changeit");

        CliRun checked = CliRun.run(env, "config", "check", "--json");

        assertThat(checked.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(checked.err()).contains("tls.keyStore").doesNotContain("changeit");
        assertThat(checked.out()).isEmpty();
    }

    @Test
    void aMissingKeyStoreFailsTheCheckWithoutShowingItsPassword() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "tls.keyStore = " + dir.resolve("missing.p12") + "\ntls.keyStorePassword = changeit\n");

        CliRun checked = CliRun.run("config", "check", file.toString());

        // The key store does not exist: the same check the server does before it starts.
        assertThat(checked.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(checked.err()).startsWith("messagestore: configuration invalid:").contains("tls.keyStore")
                .doesNotContain("changeit");
    }

    @Test
    void aBadValueNamesTheKeyAndExitsWithTwo() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "port = lots\n");

        CliRun checked = CliRun.run("config", "check", file.toString());

        assertThat(checked.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(checked.err()).contains("configuration invalid").contains("port").contains("lots");
        assertThat(checked.out()).isEmpty();
    }

    @Test
    void anUnknownKeyOrMissingFileIsAnError() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "prot = 5445\n");

        CliRun typo = CliRun.run("config", "check", file.toString());
        CliRun missing = CliRun.run("config", "check", dir.resolve("nowhere.properties").toString());

        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("unknown key 'prot'");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("nowhere.properties");
    }

    @Test
    void aMissingUsersFileFailsTheCheckAsItWouldFailStartup() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "users.file = " + dir.resolve("no-users.properties") + "\n");

        CliRun checked = CliRun.run("config", "check", file.toString());

        assertThat(checked.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(checked.err()).contains("users.file");
    }

    @Test
    void withoutAFileTheDefaultsAreChecked() {
        CliRun checked = CliRun.run("config", "check", "--json");

        assertThat(checked.exitCode()).as(checked.toString()).isZero();
        assertThat(find(checked.json(), "port").get("source").asText()).isEqualTo("default");
    }

    private static JsonNode find(JsonNode settings, String key) {
        for (JsonNode setting : settings) {
            if (setting.get("key").asText().equals(key)) {
                return setting;
            }
        }
        throw new AssertionError("no key " + key + " in " + settings);
    }
}
