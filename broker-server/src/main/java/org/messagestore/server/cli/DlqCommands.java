package org.messagestore.server.cli;

import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code messagestore dlq retry}: sends dead-lettered messages back to the queues they died on. */
@Command(name = "dlq", description = "Retry the messages of a dead-letter queue.")
final class DlqCommands implements Runnable {

    @ParentCommand
    private MessageStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: retry");
    }

    @Command(name = "retry", description = "Send the messages of a dead-letter queue (or those a selector matches) "
            + "back to their original queues; prints how many.")
    int retry(@Parameters(paramLabel = "<dlq>", arity = "0..1", defaultValue = "DLQ",
                      description = "the dead-letter queue (default: ${DEFAULT-VALUE})") String dlq,
              @Option(names = "--selector", paramLabel = "<selector>",
                      description = "only messages this JMS message selector matches") String selector)
            throws JMSException {
        return cli.print(cli.admin().runLong("dlq.retry", Arguments.of("name", dlq).with("selector", selector).map(),
                "retrying " + dlq));
    }
}
