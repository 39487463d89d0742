package org.messagestore.server.cli;

import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code messagestore subscription ...}: the subscriptions of topics, and removing a durable one nobody reads. */
@Command(name = "subscription", description = "List and delete topic subscriptions.")
final class SubscriptionCommands extends CommandGroup {

    @Command(name = "list", description = "Every subscription (of one topic, with --topic) with its depth and counters.")
    int list(@Option(names = "--topic", paramLabel = "<topic>", description = "only the subscriptions of this topic")
             String topic) throws JMSException {
        return cli.print(cli.admin().run("subscription.list", new Arguments().with("topic", topic).map()));
    }

    @Command(name = "delete", description = "Delete a durable subscription and the messages it holds.")
    int delete(@Parameters(paramLabel = "<name>",
                       description = "the subscription as 'subscription list' shows it (clientId:name)") String name,
               @Option(names = "--topic", paramLabel = "<topic>", description = "the topic it subscribes to") String topic)
            throws JMSException {
        return cli.print(cli.admin().run("subscription.delete", Arguments.of("name", name).with("topic", topic).map()));
    }
}
