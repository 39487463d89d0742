package org.messagestore.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code messagestore}, the command-line admin tool: {@code java -jar broker-server-<version>-cli.jar} or
 * {@code bin/messagestore}. Admin commands speak the broker's own protocol through
 * {@link org.messagestore.client.MessageStoreAdmin}, so they need a user with the admin permission;
 * {@code send}, {@code receive} and {@code queue browse} are plain JMS clients; {@code user} and
 * {@code config} work on local files and need no broker.
 *
 * <p>The options here are global: given before or after the command name, they apply to every command.
 * Commands reach them, and the streams they print to, through their {@code @ParentCommand}.
 */
@Command(name = "messagestore", scope = ScopeType.INHERIT, sortOptions = false, usageHelpAutoWidth = true,
        description = "Administers a MessageStore broker, sends and receives test messages, and edits the "
                + "users file.",
        subcommands = {StatusCommand.class, QueueCommands.class, DlqCommands.class, SubscriptionCommands.class, ConnectionCommands.class,
            SendCommand.class, ReceiveCommand.class, XaCommands.class, UserCommands.class, ConfigCommands.class},
        footerHeading = "%nCredentials:%n",
        footer = {"The user is --user, else MESSAGESTORE_USER. The password is the first line of --password-file, "
                + "else MESSAGESTORE_PASSWORD, else asked for at the console (not echoed). There is no option that "
                + "takes a password on the command line."})
public final class MessageStoreCli implements Runnable {

    static final String DEFAULT_URL = "tcp://127.0.0.1:61616";

    @Option(names = "--url", paramLabel = "<url>", scope = ScopeType.INHERIT,
            description = "the broker: tcp://host:port, ssl://host:port or vm://name (default: " + DEFAULT_URL + ")")
    private String url;

    @Option(names = "--user", paramLabel = "<name>", scope = ScopeType.INHERIT,
            description = "the user to log in as (default: MESSAGESTORE_USER)")
    private String user;

    @Option(names = "--password-file", paramLabel = "<path>", scope = ScopeType.INHERIT,
            description = "a file whose first line is the password")
    private Path passwordFile;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "print a JSON array of objects instead of a table")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "show this help")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final CliContext context;

    private MessageStoreCli(CliContext context) {
        this.context = context;
    }

    public static void main(String... args) {
        System.exit(run(CliContext.ofProcess(), args));
    }

    /**
     * Runs one command line with these streams and environment, in this JVM, and returns its exit status;
     * see {@link ExitCodes}. There is no console: nothing is asked for, and no progress bar is drawn.
     */
    public static int run(PrintStream out, PrintStream err, Map<String, String> environment, String... args) {
        return run(new CliContext(out, err, InputStream.nullInputStream(), environment, System.getProperties(), null,
                false), args);
    }

    static int run(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    /** The whole tree of commands, printing to and reading from {@code context}. */
    static CommandLine commandLine(CliContext context) {
        var failures = new FailureHandler(context.err());
        var commandLine = new CommandLine(new MessageStoreCli(context))
                .setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures);
        listExitCodes(commandLine);
        return commandLine;
    }

    /** Every command's help ends with the exit codes, which are the same for all. */
    private static void listExitCodes(CommandLine command) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String line : ExitCodes.HELP) {
            int colon = line.indexOf(':');
            codes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        command.getSubcommands().values().forEach(MessageStoreCli::listExitCodes);
    }

    /** Without a command there is nothing to do: say which commands there are. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    CliContext context() {
        return context;
    }

    boolean json() {
        return json;
    }

    BrokerLogin login() {
        String broker = url == null ? DEFAULT_URL : url;
        return new BrokerLogin(broker, Credentials.resolve(user, passwordFile, broker, context));
    }

    AdminCalls admin() {
        return new AdminCalls(login(), context, json);
    }

    /** The password file named by {@code --password-file}, or null. */
    Path passwordFile() {
        return passwordFile;
    }

    /** Prints {@code table} as a table, or JSON with {@code --json}; returns {@link ExitCodes#OK}. */
    int print(ResultTable table) {
        if (json) {
            JsonFormat.print(table, context.out());
        } else {
            TableFormat.print(table, context.out());
        }
        return ExitCodes.OK;
    }

    /**
     * As {@link #print}, but a single row for people as one {@code name  value} line per column: a status
     * of a dozen columns reads better down the page than across it.
     */
    int printFields(ResultTable table) {
        if (json || table.rows().size() != 1) {
            return print(table);
        }
        var row = table.rows().get(0);
        var fields = new ArrayList<Map<String, Object>>();
        for (String column : table.columns()) {
            Map<String, Object> field = ResultTable.row();
            field.put("name", column);
            field.put("value", TableFormat.cell(row.get(column)));
            fields.add(field);
        }
        TableFormat.print(new ResultTable(List.of("name", "value"), fields), context.out(), false);
        return ExitCodes.OK;
    }
}
