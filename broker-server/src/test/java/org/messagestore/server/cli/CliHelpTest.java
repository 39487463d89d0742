package org.messagestore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} on every command, and what a mistyped command line gets: a clear message and status 2. */
class CliHelpTest {

    @Test
    void everyCommandHasHelpListingTheExitCodes() {
        List<String> paths = commandPaths();
        assertThat(paths).contains("messagestore queue purge", "messagestore dlq retry", "messagestore user passwd",
                "messagestore config check", "messagestore xa rollback", "messagestore send", "messagestore receive");

        for (String path : paths) {
            List<String> args = new ArrayList<>(List.of(path.split(" ")).subList(1, path.split(" ").length));
            args.add("--help");
            CliRun run = CliRun.run(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(path).isZero();
            assertThat(run.out()).as(path).contains("Usage: " + path)
                    .contains("Exit codes:").contains("3   cannot connect");
            assertThat(run.err()).as(path).isEmpty();
        }
    }

    @Test
    void globalOptionsAreListedOnEveryCommand() {
        CliRun run = CliRun.run("queue", "list", "--help");

        assertThat(run.out()).contains("--url=<url>", "--user=<name>", "--password-file=<path>", "--json");
        assertThat(run.out()).doesNotContain("--password=");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.run();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("missing command").contains("see 'messagestore --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aGroupWithoutItsCommandIsAUsageError() {
        CliRun run = CliRun.run("queue");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("missing command: browse, delete, list, move, purge or stat")
                .contains("see 'messagestore queue --help'");
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRun run = CliRun.run("queue", "purg", "orders");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown command or extra arguments: 'purg', 'orders'")
                .contains("did you mean 'purge'?");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.run("queue", "list", "--colour");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown option: '--colour'");
    }

    @Test
    void thereIsNoPasswordOption() {
        CliRun run = CliRun.run("status", "--password", "secret");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown option: '--password'").doesNotContain("secret");
    }

    /** Every command's qualified name, from the tree itself, so that a new command is covered too. */
    private static List<String> commandPaths() {
        var silent = new PrintStream(OutputStream.nullOutputStream());
        var context = new CliContext(silent, silent, InputStream.nullInputStream(), Map.of(), new Properties(), null, false);
        List<String> paths = new ArrayList<>();
        collect(MessageStoreCli.commandLine(context), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> paths) {
        paths.add(command.getCommandSpec().qualifiedName());
        command.getSubcommands().values().forEach(sub -> collect(sub, paths));
    }
}
