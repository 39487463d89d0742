package org.messagestore.server.cli;

import jakarta.jms.JMSException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code messagestore status}: the broker's connections, memory, refused logins, XA branches, queues. */
@Command(name = "status", description = "Show the broker's connections, memory, XA branches and totals.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private MessageStoreCli cli;

    @Override
    public Integer call() throws JMSException {
        return cli.printFields(cli.admin().run("status", Map.of()));
    }
}
