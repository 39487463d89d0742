package org.messagestore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.messagestore.selector.Selectors.matches;
import static org.messagestore.selector.Selectors.message;
import static org.messagestore.selector.Selectors.truth;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NullAndThreeValuedLogicTest {

    /** Conditions that are TRUE, FALSE and UNKNOWN for {@link #MESSAGE}. */
    private static final Map<String, String> CONDITIONS = Map.of("T", "t = 1", "F", "t = 2", "U", "missing = 1");
    private static final MessageView MESSAGE = message("t", 1);

    private static Boolean expected(String truthValue) {
        return switch (truthValue) {
            case "T" -> Boolean.TRUE;
            case "F" -> Boolean.FALSE;
            default -> null;
        };
    }

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @CsvSource({
            "T, T, T", "T, F, F", "T, U, U",
            "F, T, F", "F, F, F", "F, U, F",
            "U, T, U", "U, F, F", "U, U, U",
    })
    void andFollowsTheSpecTruthTable(String left, String right, String result) {
        String selector = CONDITIONS.get(left) + " AND " + CONDITIONS.get(right);
        assertThat(truth(selector, MESSAGE)).isEqualTo(expected(result));
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @CsvSource({
            "T, T, T", "T, F, T", "T, U, T",
            "F, T, T", "F, F, F", "F, U, U",
            "U, T, T", "U, F, U", "U, U, U",
    })
    void orFollowsTheSpecTruthTable(String left, String right, String result) {
        String selector = CONDITIONS.get(left) + " OR " + CONDITIONS.get(right);
        assertThat(truth(selector, MESSAGE)).isEqualTo(expected(result));
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({"T, F", "F, T", "U, U"})
    void notFollowsTheSpecTruthTable(String operand, String result) {
        assertThat(truth("NOT " + CONDITIONS.get(operand), MESSAGE)).isEqualTo(expected(result));
    }

    @Test
    void longChainsKeepThreeValuedSemantics() {
        assertThat(truth("t = 1 AND missing = 1 AND t = 1", MESSAGE)).isNull();
        assertThat(truth("missing = 1 AND t = 1 AND t = 2", MESSAGE)).isFalse();
        assertThat(truth("t = 2 OR missing = 1 OR t = 2", MESSAGE)).isNull();
        assertThat(truth("missing = 1 OR t = 2 OR t = 1", MESSAGE)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing = 1", "missing <> 1", "missing < 1", "missing = missing", "missing <> missing",
            "1 = missing", "missing = 'x'", "missing = TRUE", "t = missing", "(missing = 1) = TRUE"})
    void comparisonWithNullIsUnknown(String selector) {
        assertThat(truth(selector, MESSAGE)).isNull();
    }

    @Test
    void isNullTestsForAMissingProperty() {
        assertThat(matches("p IS NULL", message())).isTrue();
        assertThat(matches("p IS NULL", message("p", 0))).isFalse();
        assertThat(matches("p IS NOT NULL", message("p", ""))).isTrue();
        assertThat(matches("p IS NOT NULL", message())).isFalse();
        assertThat(matches("p is not null", message("p", false))).isTrue();
    }

    @Test
    void isNullIsNeverUnknown() {
        assertThat(truth("p IS NULL", message())).isTrue();
        assertThat(truth("p IS NOT NULL", message())).isFalse();
    }

    @Test
    void identifierAloneMatchesWhenItsValueIsTrue() {
        assertThat(truth("flag", message("flag", true))).isTrue();
        assertThat(truth("flag", message("flag", false))).isFalse();
        assertThat(truth("flag", message())).isNull();
        assertThat(matches("flag AND t = 1", message("flag", true, "t", 1))).isTrue();
        assertThat(matches("NOT flag", message("flag", false))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flag", "NOT flag", "flag AND TRUE", "flag OR FALSE"})
    void nonBooleanPropertyUsedAsAConditionIsUnknown(String selector) {
        assertThat(truth(selector, message("flag", "true"))).isNull();
        assertThat(truth(selector, message("flag", 1))).isNull();
    }

    @Test
    void decidedOperandWinsOverUnknownWhicheverSideItIsOn() {
        assertThat(matches("missing = 1 OR t = 1", MESSAGE)).isTrue();
        assertThat(matches("t = 1 OR missing = 1", MESSAGE)).isTrue();
        assertThat(truth("missing = 1 AND t = 2", MESSAGE)).isFalse();
        assertThat(truth("t = 2 AND missing = 1", MESSAGE)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p = 1", "p + 1 = 2", "-p = 1", "p LIKE 'a%'", "p IN ('a')", "p BETWEEN 1 AND 2",
            "p", "NOT p", "p = p", "p > 1.5", "p / 0 = 1", "p IS NULL"})
    void evaluationNeverThrowsForUnexpectedPropertyTypes(String selector) {
        for (Object odd : new Object[] {'c', new byte[] {1}, new Object(), java.math.BigDecimal.ONE}) {
            assertThatCode(() -> Selector.parse(selector).matches(message("p", odd))).doesNotThrowAnyException();
        }
    }
}
