package org.messagestore.server.cli;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code messagestore send}: text messages for a quick check that a queue or topic works. Sent as a plain
 * JMS client, so the user needs the send permission only. Persistent sends return once the broker has the
 * message on disk, so the message is there when the command ends.
 */
@Command(name = "send", description = "Send text messages to a queue or topic; prints how many and the last id.")
final class SendCommand implements Callable<Integer> {

    static final String TOPIC_PREFIX = "topic://";
    static final String QUEUE_PREFIX = "queue://";

    @ParentCommand
    private MessageStoreCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "<destination>", description = "a queue name, queue://name or topic://name")
    private String destination;

    @Option(names = "--text", paramLabel = "<body>", description = "the body (default: standard input, read to its end)")
    private String text;

    @Option(names = "--property", paramLabel = "<name=value>",
            description = "a string property of every message; may be repeated")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--count", paramLabel = "<n>", defaultValue = "1",
            description = "how many messages to send (default: ${DEFAULT-VALUE})")
    private int count;

    @ArgGroup(exclusive = true)
    private DeliveryModeOption deliveryMode;

    /** Persistent unless told otherwise, like a JMS producer (MessageProducer javadoc: "the default is PERSISTENT"). */
    static final class DeliveryModeOption {
        @Option(names = "--persistent", description = "kept on disk until consumed (the default)")
        boolean persistent;

        @Option(names = "--non-persistent", description = "kept in memory only: may be lost if the broker stops")
        boolean nonPersistent;
    }

    @Override
    public Integer call() throws JMSException {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, was " + count);
        }
        String body = text != null ? text : standardInput();
        String lastId;
        try (Connection connection = cli.login().jms()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(destination(session));
            producer.setDeliveryMode(deliveryMode != null && deliveryMode.nonPersistent
                    ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT);
            TextMessage message = session.createTextMessage(body);
            for (var property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            for (int i = 0; i < count; i++) {
                producer.send(message);
            }
            lastId = message.getJMSMessageID();
        }
        Map<String, Object> row = ResultTable.row();
        row.put("destination", destination);
        row.put("sent", (long) count);
        row.put("lastMessageId", lastId);
        return cli.print(ResultTable.ofRow(row));
    }

    private Destination destination(Session session) throws JMSException {
        if (destination.startsWith(TOPIC_PREFIX)) {
            return session.createTopic(name(TOPIC_PREFIX));
        }
        if (destination.startsWith(QUEUE_PREFIX)) {
            return session.createQueue(name(QUEUE_PREFIX));
        }
        return session.createQueue(destination);
    }

    private String name(String prefix) {
        String name = destination.substring(prefix.length());
        if (name.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no name after " + prefix);
        }
        return name;
    }

    private String standardInput() {
        try {
            return new String(cli.context().in().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the body from standard input: " + e.getMessage(), e);
        }
    }
}
