package org.messagestore.server.cli;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import org.messagestore.client.MessageStoreAdmin;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * Connects to the broker at one URL with one set of credentials, as an admin client or as a JMS client.
 * A failure to connect ends the command with {@link ExitCodes#CANNOT_CONNECT}, apart from a malformed URL,
 * which is a usage error: the broker may be fine, the argument is not.
 */
record BrokerLogin(String url, Credentials credentials) {

    MessageStoreAdmin admin() {
        try {
            return MessageStoreAdmin.open(url, credentials.user(), credentials.password());
        } catch (JMSException e) {
            throw refused(e);
        } catch (IllegalArgumentException e) {
            throw badUrl(e);
        }
    }

    /** A connection, not yet started. */
    Connection jms() {
        try {
            return new MessageStoreConnectionFactory(url).createConnection(credentials.user(), credentials.password());
        } catch (JMSException e) {
            throw refused(e);
        } catch (IllegalArgumentException e) {
            throw badUrl(e);
        }
    }

    private CommandFailure refused(JMSException e) {
        if (e instanceof JMSSecurityException) {
            String who = credentials.user() == null
                    ? "without a user (give --user or " + Credentials.USER_VARIABLE + ")"
                    : "as '" + credentials.user() + "'";
            return new CommandFailure(ExitCodes.CANNOT_CONNECT,
                    "the broker at " + url + " refused the login " + who + ": " + e.getMessage(), e);
        }
        String reason = String.valueOf(e.getMessage());
        return new CommandFailure(ExitCodes.CANNOT_CONNECT,
                reason.contains(url) ? reason : "cannot connect to " + url + ": " + reason, e);
    }

    private CommandFailure badUrl(IllegalArgumentException e) {
        return new CommandFailure(ExitCodes.USAGE, "bad --url: " + e.getMessage(), e);
    }
}
