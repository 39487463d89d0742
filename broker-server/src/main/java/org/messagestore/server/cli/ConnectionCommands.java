package org.messagestore.server.cli;

import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code messagestore connection ...}: the client connections, and closing a stuck one. */
@Command(name = "connection", description = "List client connections and close one.")
final class ConnectionCommands extends CommandGroup {

    @Command(name = "list", description = "Every open client connection: id, user, client id, sessions, when it connected.")
    int list() throws JMSException {
        return cli.print(cli.admin().run("connection.list", new Arguments().map()));
    }

    @Command(name = "close", description = "Close a client connection as a broker shutdown would: its uncommitted work "
            + "rolls back, its unacknowledged messages return to their queues, and its ExceptionListener hears of it.")
    int close(@Parameters(paramLabel = "<id>", description = "the connection id, as 'connection list' shows it") String id)
            throws JMSException {
        return cli.print(cli.admin().run("connection.close", Arguments.of("id", id).map()));
    }
}
