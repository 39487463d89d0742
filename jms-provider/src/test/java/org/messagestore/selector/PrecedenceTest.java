package org.messagestore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.selector.Selectors.matches;
import static org.messagestore.selector.Selectors.message;
import static org.messagestore.selector.Selectors.truth;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrecedenceTest {

    @Test
    void andBindsTighterThanOr() {
        // a = 1 OR (b = 1 AND c = 1); read as (a = 1 OR b = 1) AND c = 1 it would be false.
        assertThat(matches("a = 1 OR b = 1 AND c = 1", message("a", 1, "b", 0, "c", 0))).isTrue();
        assertThat(matches("b = 1 AND c = 1 OR a = 1", message("a", 1, "b", 0, "c", 0))).isTrue();
    }

    @Test
    void notBindsTighterThanAnd() {
        // (NOT a = 1) AND b = 1 is false; NOT (a = 1 AND b = 1) would be true.
        assertThat(matches("NOT a = 1 AND b = 1", message("a", 1, "b", 0))).isFalse();
    }

    @Test
    void notBindsTighterThanOr() {
        // (NOT a = 1) OR b = 1 is true; NOT (a = 1 OR b = 1) would be false.
        assertThat(matches("NOT a = 1 OR b = 1", message("a", 1, "b", 1))).isTrue();
    }

    @Test
    void comparisonBindsTighterThanNot() {
        assertThat(matches("NOT a = 1", message("a", 2))).isTrue();
        assertThat(matches("NOT a BETWEEN 1 AND 3", message("a", 5))).isTrue();
        assertThat(matches("NOT a IN ('x')", message("a", "y"))).isTrue();
        assertThat(matches("NOT a LIKE 'x%'", message("a", "y"))).isTrue();
        assertThat(matches("NOT a IS NULL", message("a", 1))).isTrue();
    }

    @Test
    void notNotCancels() {
        assertThat(matches("NOT NOT a = 1", message("a", 1))).isTrue();
        assertThat(truth("NOT NOT a = 1", message())).isNull();
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(matches("(a = 1 OR b = 1) AND c = 1", message("a", 1, "b", 0, "c", 0))).isFalse();
        assertThat(matches("NOT (a = 1 AND b = 1)", message("a", 1, "b", 0))).isTrue();
        assertThat(matches("(2 + 3) * 4 = 20", message())).isTrue();
        assertThat(matches("((((a = 1))))", message("a", 1))).isTrue();
    }

    @Test
    void multiplicationBindsTighterThanAddition() {
        assertThat(matches("2 + 3 * 4 = 14", message())).isTrue();
        assertThat(matches("2 * 3 + 4 = 10", message())).isTrue();
        assertThat(matches("10 - 6 / 2 = 7", message())).isTrue();
    }

    @Test
    void unaryMinusBindsTighterThanMultiplication() {
        assertThat(matches("-a * b = -6", message("a", 2, "b", 3))).isTrue();
        assertThat(matches("-7 / 2 = -3", message())).isTrue();
        assertThat(matches("2 * -a = -4", message("a", 2))).isTrue();
    }

    @Test
    void arithmeticBindsTighterThanComparison() {
        assertThat(matches("a + 1 = b * 2", message("a", 3, "b", 2))).isTrue();
        assertThat(matches("a BETWEEN 1 + 1 AND 2 * 2", message("a", 4))).isTrue();
    }

    @Test
    void betweenTakesTheFirstAndAsItsOwn() {
        MessageView message = message("a", 3, "b", 1);
        assertThat(matches("a BETWEEN 1 AND 2 + 3 AND b = 1", message)).isTrue();
        assertThat(matches("a BETWEEN 1 AND 5 AND b = 2", message)).isFalse();
        assertThat(matches("b = 2 OR a BETWEEN 1 AND 5", message)).isTrue();
        assertThat(matches("a NOT BETWEEN 4 AND 5 AND a NOT BETWEEN 0 AND 2", message)).isTrue();
    }

    @Test
    void sameLevelOperatorsEvaluateLeftToRight() {
        assertThat(matches("20 / 2 / 5 = 2", message())).isTrue();
        assertThat(matches("1 - 2 + 3 = 2", message())).isTrue();
        assertThat(matches("i * 3 / 2 = 4", message("i", 3))).isTrue();
    }

    @Test
    void longFlatChainsAreNotLimitedByNesting() {
        String orChain = IntStream.range(0, 5_000).mapToObj(i -> "id = " + i).collect(Collectors.joining(" OR "));
        assertThat(matches(orChain, message("id", 4_999))).isTrue();
        assertThat(matches(orChain, message("id", 5_000))).isFalse();
        String andChain = IntStream.range(0, 5_000).mapToObj(i -> "id <> " + i).collect(Collectors.joining(" AND "));
        assertThat(matches(andChain, message("id", 5_000))).isTrue();
    }

    @Test
    void specExampleSelectorParsesAsExpected() {
        String selector = "JMSType = 'car' AND color = 'blue' AND weight > 2500 OR JMSPriority > 8";
        MessageView urgentBoat = new SimpleMessageView(null, 0, null, "boat", true, 9, null);
        assertThat(matches(selector, urgentBoat)).isTrue();
    }
}
