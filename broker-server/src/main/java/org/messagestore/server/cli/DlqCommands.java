package org.messagestore.server.cli;

import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code messagestore dlq retry}: sends dead-lettered messages back to the queues they died on. */
@Command(name = "dlq", description = "Retry the messages of a dead-letter queue.")
final class DlqCommands extends CommandGroup {

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
