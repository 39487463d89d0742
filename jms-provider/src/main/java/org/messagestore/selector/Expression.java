package org.messagestore.selector;

/**
 * A node of a parsed selector. Nodes are immutable records, so a parsed selector can be evaluated
 * by many threads at once.
 */
sealed interface Expression
        permits Literal, Identifier, Not, And, Or, Comparison, Arithmetic, Sign, Between, In, Like, IsNull {

    /**
     * The value for one message: a Boolean for conditions (null meaning UNKNOWN), a Number, a
     * String, or null (SQL NULL). Never throws, whatever the message holds.
     */
    Object evaluate(MessageView message);

    /** What the parser can tell about the value's type before any message is seen. */
    ValueKind kind();
}
