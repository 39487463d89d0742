package org.messagestore.server.cli;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.Enumeration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code messagestore queue ...}: the queues' counters, and what an operator does to their messages. With
 * {@code --topic}, the name is that of a subscription of the topic, which holds messages as a queue does.
 */
@Command(name = "queue", description = "List, inspect, browse, purge and move the messages of queues.")
final class QueueCommands extends CommandGroup {

    private static final String TOPIC_HELP = "the name is a subscription of this topic, not a queue";

    @Command(name = "list", description = "Every queue with its depth and counters.")
    int list() throws JMSException {
        return cli.print(cli.admin().run("queue.list", Map.of()));
    }

    @Command(name = "stat", description = "The depth and counters of one queue.")
    int stat(@Parameters(paramLabel = "<queue>", description = "the queue") String queue,
             @Option(names = "--topic", paramLabel = "<topic>", description = TOPIC_HELP) String topic)
            throws JMSException {
        return cli.printFields(cli.admin().run("queue.stat", Arguments.of("name", queue).with("topic", topic).map()));
    }

    @Command(name = "browse", description = "Show messages without consuming them, oldest first.")
    int browse(@Parameters(paramLabel = "<queue>", description = "the queue") String queue,
               @Option(names = "--selector", paramLabel = "<selector>",
                       description = "only messages this JMS message selector matches") String selector,
               @Option(names = "--max", paramLabel = "<n>", defaultValue = "100",
                       description = "at most this many messages (default: ${DEFAULT-VALUE})") int max)
            throws JMSException {
        if (max < 1) {
            throw new ParameterException(spec.commandLine().getSubcommands().get("browse"),
                    "--max must be at least 1, was " + max);
        }
        var rows = new MessageRows(60);
        try (Connection connection = cli.login().jms()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector)) {
                Enumeration<?> messages = browser.getEnumeration();
                while (rows.size() < max && messages.hasMoreElements()) {
                    rows.add((Message) messages.nextElement());
                }
            }
        }
        return cli.print(rows.table());
    }

    @Command(name = "purge", description = "Remove every message (or those a selector matches); prints how many.")
    int purge(@Parameters(paramLabel = "<queue>", description = "the queue") String queue,
              @Option(names = "--selector", paramLabel = "<selector>",
                      description = "only messages this JMS message selector matches") String selector,
              @Option(names = "--topic", paramLabel = "<topic>", description = TOPIC_HELP) String topic)
            throws JMSException {
        return cli.print(cli.admin().runLong("queue.purge",
                Arguments.of("name", queue).with("selector", selector).with("topic", topic).map(),
                "purging " + queue));
    }

    @Command(name = "move", description = "Move every message (or those a selector matches) to another queue; "
            + "prints how many.")
    int move(@Parameters(paramLabel = "<queue>", description = "the queue the messages leave") String queue,
             @Option(names = "--to", required = true, paramLabel = "<queue>",
                     description = "the queue they go to") String to,
             @Option(names = "--selector", paramLabel = "<selector>",
                     description = "only messages this JMS message selector matches") String selector,
             @Option(names = "--topic", paramLabel = "<topic>", description = TOPIC_HELP) String topic)
            throws JMSException {
        return cli.print(cli.admin().runLong("queue.move",
                Arguments.of("name", queue).with("to", to).with("selector", selector).with("topic", topic).map(),
                "moving " + queue + " to " + to));
    }

    @Command(name = "delete", description = "Remove one message, named by its JMSMessageID (see 'queue browse'). "
            + "Exits with 1 when the queue holds no such message.")
    int delete(@Parameters(paramLabel = "<queue>", description = "the queue") String queue,
               @Option(names = "--id", required = true, paramLabel = "<JMSMessageID>",
                       description = "the message, e.g. ID:...") String messageId,
               @Option(names = "--topic", paramLabel = "<topic>", description = TOPIC_HELP) String topic)
            throws JMSException {
        ResultTable result = cli.admin().run("queue.delete",
                Arguments.of("name", queue).with("messageId", messageId).with("topic", topic).map());
        cli.print(result);
        if (result.rows().isEmpty() || !(result.rows().get(0).get("removed") instanceof Number removed)
                || removed.longValue() == 0) {
            throw new CommandFailure(ExitCodes.FAILED, "no message " + messageId + " on " + queue);
        }
        return ExitCodes.OK;
    }
}
