package org.messagestore.selector;

import java.util.List;

/**
 * {@code a AND b AND ...}, kept flat so long chains do not nest deeply. Evaluated left to right,
 * stopping at the first FALSE, which decides the result whatever follows.
 */
record And(List<Expression> operands) implements Expression {

    And {
        operands = List.copyOf(operands);
    }

    @Override
    public Object evaluate(MessageView message) {
        Boolean result = Boolean.TRUE;
        for (Expression operand : operands) {
            result = Logic.and(result, Logic.truth(operand.evaluate(message)));
            if (result == Boolean.FALSE) {
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
