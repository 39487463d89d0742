package org.messagestore.config;

/** A broker's configuration cannot be used; the message names the key, its value and where it came from. */
public final class InvalidConfigException extends Exception {

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
