package org.messagestore.server.cli;

import jakarta.jms.JMSException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code messagestore xa ...}: the broker's XA branches, and settling a prepared one by hand when its
 * transaction manager is gone for good. A prepared branch never times out by itself, so this is the
 * operator's way out; settling it the other way than the transaction manager would have breaks the
 * transaction's atomicity, which is why it is never done automatically.
 */
@Command(name = "xa", description = "List XA transaction branches and commit or roll back in-doubt ones.")
final class XaCommands extends CommandGroup {

    @Command(name = "list", description = "Active, prepared and heuristically completed branches.")
    int list() throws JMSException {
        return cli.print(cli.admin().run("xa.list", Map.of()));
    }

    @Command(name = "commit", description = "Commit a prepared branch.")
    int commit(@Parameters(paramLabel = "<xid>", description = "the branch, as 'xa list' shows it") String xid)
            throws JMSException {
        return cli.print(cli.admin().run("xa.commit", Arguments.of("xid", xid).map()));
    }

    @Command(name = "rollback", description = "Roll back a prepared branch.")
    int rollback(@Parameters(paramLabel = "<xid>", description = "the branch, as 'xa list' shows it") String xid)
            throws JMSException {
        return cli.print(cli.admin().run("xa.rollback", Arguments.of("xid", xid).map()));
    }
}
