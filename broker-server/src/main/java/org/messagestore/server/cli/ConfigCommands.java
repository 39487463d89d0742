package org.messagestore.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.messagestore.config.ConfigKey;
import org.messagestore.config.ConfigValues;
import org.messagestore.config.InvalidConfigException;
import org.messagestore.server.ServerConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code messagestore config check}: reads a configuration as the server would, with the same loader, the
 * same overrides from the environment and system properties, and the same checks before start, and shows
 * every key's effective value and where it came from. Passwords are shown as {@value #HIDDEN}.
 */
@Command(name = "config", description = "Check a broker configuration without starting a broker.")
final class ConfigCommands extends CommandGroup {

    static final String HIDDEN = "********";

    @Command(name = "check", description = "Read the configuration file and the MESSAGESTORE_<KEY> and "
            + "-Dmessagestore.<key> overrides as the server does; print each key's value and source, or what is "
            + "wrong (exit 2).")
    int check(@Parameters(paramLabel = "<broker.properties>", arity = "0..1",
                      description = "the file (default: as the server finds it: MESSAGESTORE_CONFIG, else none)")
              Path file) {
        var context = cli.context();
        ServerConfigLoader.Sourced loaded;
        try {
            loaded = ServerConfigLoader.loadWithSources(file == null ? List.of() : List.of(file.toString()),
                    context.environment(), context.systemProperties());
            loaded.config().check();
        } catch (InvalidConfigException e) {
            throw new CommandFailure(ExitCodes.USAGE, "configuration invalid: " + e.getMessage(), e);
        }
        if (!cli.json()) {
            Path read = loaded.config().configFile();
            context.out().println("configuration OK (" + (read == null ? "no file: defaults and overrides"
                    : "file " + read.toAbsolutePath().normalize() + " and overrides") + ")");
        }
        return cli.print(settings(loaded.values()));
    }

    private static ResultTable settings(ConfigValues values) {
        var rows = new ArrayList<Map<String, Object>>();
        for (ConfigKey key : ConfigKey.values()) {
            ConfigValues.Value value = values.get(key);
            Map<String, Object> row = ResultTable.row();
            row.put("key", key.key());
            row.put("value", key.secret() && !value.text().isEmpty() ? HIDDEN : value.text());
            row.put("source", value.source());
            rows.add(row);
        }
        return new ResultTable(List.of("key", "value", "source"), rows);
    }
}
