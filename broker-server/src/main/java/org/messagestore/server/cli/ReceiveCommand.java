package org.messagestore.server.cli;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code messagestore receive}: consumes messages from a queue and prints them. In CLIENT_ACKNOWLEDGE mode,
 * acknowledged only once printed: if the tool dies before, the broker delivers the messages again rather
 * than losing what nobody saw.
 */
@Command(name = "receive", description = "Consume messages from a queue and print them. Exits with 1 when none "
        + "arrives in time.")
final class ReceiveCommand implements Callable<Integer> {

    @ParentCommand
    private MessageStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "<queue>", description = "the queue")
    private String queue;

    @Option(names = "--count", paramLabel = "<n>", defaultValue = "1",
            description = "at most this many messages (default: ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "5s", converter = DurationConverter.class,
            description = "how long to wait for each message, e.g. 500ms, 5s, 2m (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Option(names = "--selector", paramLabel = "<selector>",
            description = "only messages this JMS message selector matches")
    private String selector;

    @Override
    public Integer call() throws JMSException {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, was " + count);
        }
        if (timeout.isZero()) {
            // receive(0) would wait for ever, not "not at all".
            throw new ParameterException(spec.commandLine(), "--timeout must be more than 0");
        }
        var rows = new MessageRows(Integer.MAX_VALUE);
        try (Connection connection = cli.login().jms()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector);
            connection.start();
            Message last = null;
            while (rows.size() < count) {
                Message message = consumer.receive(timeout.toMillis());
                if (message == null) {
                    break;
                }
                rows.add(message);
                last = message;
            }
            cli.print(rows.table());
            cli.context().out().flush();
            if (last != null) {
                // Acknowledges every message this session consumed (Message.acknowledge javadoc).
                last.acknowledge();
            }
        }
        if (rows.size() == 0) {
            throw new CommandFailure(ExitCodes.FAILED, "no message on " + queue + " within " + timeout.toMillis() + " ms");
        }
        return ExitCodes.OK;
    }
}
