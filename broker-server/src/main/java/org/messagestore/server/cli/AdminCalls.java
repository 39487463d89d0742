package org.messagestore.server.cli;

import jakarta.jms.JMSException;
import java.util.Map;
import org.messagestore.client.MessageStoreAdmin;
import org.messagestore.model.AdminResult;

/**
 * Runs one admin command at the broker over its own protocol, on a connection opened for it and closed
 * after it: a command line does one thing, so keeping the connection would buy nothing.
 */
final class AdminCalls {

    private final BrokerLogin login;
    private final CliContext context;
    private final boolean json;

    AdminCalls(BrokerLogin login, CliContext context, boolean json) {
        this.login = login;
        this.context = context;
        this.json = json;
    }

    ResultTable run(String command, Map<String, String> arguments) throws JMSException {
        try (MessageStoreAdmin admin = login.admin()) {
            return table(admin.execute(command, arguments));
        }
    }

    /**
     * A long command (purge, move, retry), with a progress bar labelled {@code label} on stderr when a person
     * watches it; never with {@code --json}, whose readers want stdout and stderr clean.
     */
    ResultTable runLong(String command, Map<String, String> arguments, String label) throws JMSException {
        if (json || !context.terminal()) {
            return run(command, arguments);
        }
        var bar = new ProgressBar(label, context.err());
        try (MessageStoreAdmin admin = login.admin()) {
            return table(admin.execute(command, arguments, bar::progress));
        } finally {
            bar.finish();
        }
    }

    private static ResultTable table(AdminResult result) {
        return new ResultTable(result.columns(), result.rows());
    }
}
