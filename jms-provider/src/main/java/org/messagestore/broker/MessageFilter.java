package org.messagestore.broker;

import jakarta.jms.InvalidSelectorException;
import org.messagestore.selector.Selector;

/**
 * The message selector of a queue consumer, a browser or a topic subscription (Jakarta Messaging 3.1,
 * 3.8 "Message selection"). No selector, or an empty one, selects every message (3.8.1.1).
 *
 * <p>Threads: immutable; {@link Selector} is safe to share, so any thread may call {@link #matches}.
 */
final class MessageFilter {

    static final MessageFilter ALL = new MessageFilter(null);

    private final Selector selector;

    private MessageFilter(Selector selector) {
        this.selector = selector;
    }

    /** Parses a selector; InvalidSelectorException names the expression and the problem. */
    static MessageFilter parse(String expression) throws InvalidSelectorException {
        if (expression == null || expression.isBlank()) {
            return ALL;
        }
        return new MessageFilter(Selector.parse(expression));
    }

    boolean matches(BrokerMessage message) {
        return selector == null || selector.matches(new MessageDataView(message.data()));
    }
}
