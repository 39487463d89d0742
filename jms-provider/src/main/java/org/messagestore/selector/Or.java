package org.messagestore.selector;

import java.util.List;

/**
 * {@code a OR b OR ...}, kept flat so long chains do not nest deeply. Evaluated left to right,
 * stopping at the first TRUE, which decides the result whatever follows.
 */
record Or(List<Expression> operands) implements Expression {

    Or {
        operands = List.copyOf(operands);
    }

    @Override
    public Object evaluate(MessageView message) {
        Boolean result = Boolean.FALSE;
        for (Expression operand : operands) {
            result = Logic.or(result, Logic.truth(operand.evaluate(message)));
            if (result == Boolean.TRUE) {
                break;
            }
        }
        return result;
    }

    @Override
    public ValueKind kind() {
        return ValueKind.BOOLEAN;
    }
}
