package org.messagestore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidSelectorTest {

    private static void assertInvalid(String selector) {
        assertThatThrownBy(() -> Selector.parse(selector))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageStartingWith("invalid selector '" + selector + "': ")
                .hasMessageContaining(" at position ");
    }

    @Test
    void messageNamesTheExpressionTheProblemAndThePosition() {
        assertThatThrownBy(() -> Selector.parse("color = = 1"))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessage("invalid selector 'color = = 1': unexpected '=' at position 9");
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a = 1 AND|unexpected end of expression at position 10",
            "(a = 1|expected ')' to close '(' at position 1 but found end of expression at position 7",
            "a = 1)|unexpected ')' at position 6",
            "a = 'abc|unterminated string literal at position 5",
            "a ! 1|unexpected character '!' at position 3",
            "and = 1|unexpected reserved word 'and' at position 1",
            "a = NULL|NULL may only be used in IS NULL or IS NOT NULL at position 5",
            "a IN (1)|IN list takes string literals only, found '1' at position 7",
            "a LIKE 5|LIKE pattern must be a string literal but found '5' at position 8",
            "a LIKE 'x' ESCAPE 'ab'|ESCAPE takes a single character, found string literal 'ab' at position 19",
            "a + 1|expected a condition but found a numeric expression at position 1",
            "'abc'|expected a condition but found a string at position 1",
            "a > 'x'|'>' compares numbers only but found a string; strings and booleans allow only = and <> at position 5",
            "1 IN ('a')|IN needs an identifier on its left at position 1",
            "a = 09|invalid numeric literal '09' at position 5",
            "a = 9223372036854775808|exact numeric literal out of long range at position 5",
    })
    void messageDescribesEachProblem(String selector, String problem) {
        assertThatThrownBy(() -> Selector.parse(selector))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessage("invalid selector '" + selector + "': " + problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a = 1", "a = 1)", "((a = 1)", "(a = 1))", "()", "(", ")", "a = (1 + 2", "a IN ('x'"})
    void unbalancedParenthesesAreRejected(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a =", "= 1", "a = 1 AND", "AND a = 1", "OR a = 1", "a = 1 OR", "NOT", "a +", "a * ",
            "a = 1 +", "a BETWEEN 1", "a BETWEEN 1 AND", "a BETWEEN AND 2", "a IN", "a IN (", "a IN ()",
            "a IN ('x',)", "a IN (,'x')", "a LIKE", "a LIKE 'x' ESCAPE", "a IS", "a IS NOT", "a NOT",
            "a NOT = 1", "a = 1 NOT", "a NOT NULL", "a = 1 AND AND b = 2", "a = 1 OR OR b = 2", "a b", "a = 1 b",
            "a = 1 2", "NOT NOT", "a IS NULL NULL", "- ", "a = -", "a <", "a <>", "a >="})
    void danglingOrMissingOperatorsAndOperandsAreRejected(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a == 1", "a != 1", "a = 1;", "a = \"x\"", "a # 1", "a = 1 && b = 2", "a = 1 || b = 2",
            "/* c */ a = 1", "a = 1 /* c */", "a = [1]", "a = {1}", "a = 1 % 2", "a = ?", "a = 1 ^ 2", "a = ~1",
            "a = `x`", "a = \u2018x\u2019", "a\u00a0= 1", "a = 1\u0000", "a = 'x' :: text", "@a = 1"})
    void unknownTokensAreRejected(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL = 1", "null IS NULL", "TRUE IS NULL", "FALSE IN ('a')", "NOT = 1", "AND = 1",
            "or = 1", "BETWEEN = 1", "like = 'x'", "In = 'x'", "is = 1", "Escape = 'x'", "a = and",
            "a IN ('x') OR between IS NULL", "x = 1 AND IN IS NULL"})
    void reservedWordsCannotBeIdentifiers(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a = NULL", "a <> NULL", "NULL", "a + NULL = 1", "a IN (NULL)", "a BETWEEN NULL AND 1"})
    void nullLiteralIsOnlyAllowedInIsNull(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a IN (1, 2)", "a IN ('a', 1)", "a IN (b)", "a IN ('a' 'b')", "a IN 'a'", "a IN (TRUE)",
            "a IN (1.5)", "a IN (('a'))", "a IN ('a' || 'b')", "a IN (-1)"})
    void inListAcceptsOnlyStringLiterals(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a LIKE 1", "a LIKE b", "a LIKE TRUE", "a LIKE ('x')", "a LIKE 'x' ESCAPE 'ab'",
            "a LIKE 'x' ESCAPE ''", "a LIKE 'x' ESCAPE 1", "a LIKE 'x' ESCAPE b", "a LIKE 'ab!' ESCAPE '!'",
            "a LIKE '%%%' ESCAPE '%'", "a LIKE 'x' ESCAPE", "a ESCAPE '!'"})
    void likeNeedsAStringPatternAndASingleCharacterEscape(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'a' IN ('a')", "1 IN ('1')", "(a + 1) IN ('1')", "'x' LIKE 'x'", "1 LIKE '1'",
            "a + 1 LIKE 'x'", "1 IS NULL", "'a' IS NOT NULL", "a + 1 IS NULL", "(a = 1) IS NULL"})
    void inLikeAndIsNullNeedAnIdentifierOnTheLeft(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a + 1", "'abc'", "1", "1.5", "-a", "(a * 2)", "a / b", "''", "+1", "(('x'))"})
    void selectorMustBeAConditionAtTheTop(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a = 1 AND 2", "NOT 'x'", "1 OR a", "NOT (a + 1)", "a AND 'b'", "(a + 1) AND b",
            "a = 1 OR 2.5", "NOT -a"})
    void logicalOperatorsNeedConditions(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'a' + 1 = 2", "TRUE * 2 = 2", "-'x' = 1", "+TRUE = 1", "(a = 1) + 1 = 2", "a + 'b' = 1",
            "a * FALSE > 1", "1 / 'x' = 1", "-(a = 1) = 1"})
    void arithmeticNeedsNumericOperands(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a > 'x'", "'x' < a", "a <= TRUE", "FALSE >= a", "(a = 1) > (b = 1)", "'a' < 'b'",
            "a BETWEEN 'a' AND 'z'", "'m' BETWEEN 1 AND 2", "a BETWEEN TRUE AND 2", "a NOT BETWEEN 1 AND (b = 1)"})
    void orderingAndBetweenNeedNumericOperands(String selector) {
        assertInvalid(selector);
    }

    /** §3.8.1.1: only like types compare; the TCK's identifierTest03/04 use TRUE = 0 and FALSE = 0. */
    @ParameterizedTest
    @ValueSource(strings = {"TRUE = 0", "FALSE = 0", "1 = 'a'", "'a' <> TRUE", "(a = 1) = 1", "a + 1 = 'x'"})
    void comparingKnownUnlikeTypesIsInvalid(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a = 1 = 2", "a < b < c", "a = 1 <> TRUE", "a BETWEEN 1 AND 2 BETWEEN 3 AND 4",
            "a IS NULL IS NULL", "a IN ('x') IN ('y')", "a LIKE 'x' LIKE 'y'", "a IS NULL = TRUE"})
    void comparisonsDoNotChain(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a = 09", "a = 08", "a = 1.2.3", "a = 12abc", "a = 0x", "a = 0xg", "a = 1e", "a = 1e+",
            "a = 1_", "a = 1__", "a = 0b2", "a = 0b", "a = 1LL", "a = 1.5L", "a = 0x1.0", "a = 1ee2", "a = 1f5",
            "a = 9223372036854775808", "a = 9223372036854775808L", "a = -9223372036854775809",
            "a = 0x1FFFFFFFFFFFFFFFF", "a = 02000000000000000000000", "a = 1e400", "a = 1e-400", "a = 3.5e39F",
            "a = 1e-50f", "a = 0x1p99999", "a = 1.5.", "a = 1..2", "a = 0xAND b = 1", "a = 5ORb = 1"})
    void malformedOrOutOfRangeNumericLiteralsAreRejected(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a = 'abc", "a = 'it''s", "'", "a = '''", "a IN ('x', 'y)"})
    void unterminatedStringsAreRejected(String selector) {
        assertInvalid(selector);
    }

    @Test
    void deepNestingIsRejectedRatherThanOverflowingTheStack() {
        assertInvalid("(".repeat(10_000) + "a" + ")".repeat(10_000));
        assertInvalid("NOT ".repeat(10_000) + "a");
        assertInvalid("a = " + "-".repeat(10_000) + "b");
        assertInvalid("a = " + "(".repeat(100) + "1 + ".repeat(250) + "1" + ")".repeat(100));
    }

    @Test
    void reasonableNestingIsAccepted() {
        assertThatCode(() -> Selector.parse("(".repeat(100) + "a = 1" + ")".repeat(100)))
                .doesNotThrowAnyException();
        assertThatCode(() -> Selector.parse("NOT ".repeat(100) + "a")).doesNotThrowAnyException();
    }

    @Test
    void exceptionCarriesTheMessageAsItsReason() {
        assertThatThrownBy(() -> Selector.parse("a ="))
                .isInstanceOfSatisfying(InvalidSelectorException.class,
                        e -> assertThat(e.getMessage()).contains("'a ='"));
    }
}
