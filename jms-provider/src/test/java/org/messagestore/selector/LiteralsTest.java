package org.messagestore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.selector.Selectors.matches;
import static org.messagestore.selector.Selectors.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LiteralsTest {

    @Test
    void stringLiteralMatchesEqualString() {
        assertThat(matches("s = 'literal'", message("s", "literal"))).isTrue();
        assertThat(matches("s = 'literal'", message("s", "literals"))).isFalse();
    }

    @Test
    void doubledSingleQuoteStandsForOneQuote() {
        assertThat(matches("s = 'literal''s'", message("s", "literal's"))).isTrue();
        assertThat(matches("s = ''''", message("s", "'"))).isTrue();
        assertThat(matches("s = 'a''''b'", message("s", "a''b"))).isTrue();
    }

    @Test
    void emptyStringLiteralIsNotNull() {
        assertThat(matches("s = ''", message("s", ""))).isTrue();
        assertThat(matches("s = ''", message())).isFalse();
    }

    @Test
    void stringLiteralKeepsReservedWordsSpacesAndUnicode() {
        assertThat(matches("s = 'a AND b OR NOT c'", message("s", "a AND b OR NOT c"))).isTrue();
        assertThat(matches("s = '  x  '", message("s", "  x  "))).isTrue();
        assertThat(matches("s = 'Grüße 日本 \uD83D\uDE00'", message("s", "Grüße 日本 \uD83D\uDE00"))).isTrue();
        assertThat(matches("s = 'line\nbreak'", message("s", "line\nbreak"))).isTrue();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "57, 57",
            "-957, -957",
            "+62, 62",
            "0, 0",
            "2147483647, 2147483647",
            "2147483648, 2147483648",
            "9223372036854775807, 9223372036854775807",
            "-9223372036854775808, -9223372036854775808",
            "5L, 5",
            "5l, 5",
            "1_000_000, 1000000",
            "0x1F, 31",
            "0XffL, 255",
            "017, 15",
            "0_17, 15",
            "0b101, 5",
            "0B1_0, 2",
            "0xFFFFFFFFFFFFFFFFL, -1",
            "0x7fffffffffffffff, 9223372036854775807",
            "-0x10, -16",
    })
    void exactNumericLiteralsUseJavaIntegerSyntaxWithLongRange(String literal, long expected) {
        assertThat(matches("n = " + literal, message("n", expected))).isTrue();
        assertThat(matches("n = " + literal, message("n", expected + 1))).isFalse();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "7E3, 7000.0",
            "-57.9E2, -5790.0",
            "7., 7.0",
            "-95.7, -95.7",
            "+6.2, 6.2",
            ".5, 0.5",
            "1e+2, 100.0",
            "1E-2, 0.01",
            "3.e1, 30.0",
            "2d, 2.0",
            "2.5D, 2.5",
            "1_0.2_5, 10.25",
            "0x1p3, 8.0",
            "0x1.8P1, 3.0",
            "1.7976931348623157E308, 1.7976931348623157E308",
            "4.9e-324, 4.9e-324",
    })
    void approximateNumericLiteralsUseJavaFloatingPointSyntax(String literal, double expected) {
        assertThat(matches("d = " + literal, message("d", expected))).isTrue();
        assertThat(matches("d = " + literal, message("d", -expected - 1))).isFalse();
    }

    @Test
    void approximateLiteralWithFSuffixIsAFloat() {
        // 1.1F and the float property hold the same float; 1.1 is a different double (JLS 5.6).
        assertThat(matches("f = 1.1F", message("f", 1.1f))).isTrue();
        assertThat(matches("f = 1.1", message("f", 1.1f))).isFalse();
        assertThat(matches("d = 1.1", message("d", 1.1d))).isTrue();
    }

    @Test
    void exactLiteralThatFitsAnIntDoesIntArithmeticAsInJava() {
        assertThat(matches("i + 1 = -2147483648", message("i", Integer.MAX_VALUE))).isTrue();
        assertThat(matches("i + 1L = 2147483648", message("i", Integer.MAX_VALUE))).isTrue();
        assertThat(matches("i + 2147483648 = 4294967295", message("i", Integer.MAX_VALUE))).isTrue();
    }

    @Test
    void unsuffixedExactLiteralBeyondIntRangeIsALong() {
        assertThat(matches("2147483647 + 1 < 0", message())).isTrue();
        assertThat(matches("2147483648 + 1 = 2147483649", message())).isTrue();
        assertThat(matches("-2147483648 - 1 > 0", message())).isTrue();
        assertThat(matches("-2147483649 - 1 < 0", message())).isTrue();
    }

    @Test
    void exactAndApproximateLiteralsCompareNumerically() {
        assertThat(matches("7 = 7.0", message())).isTrue();
        assertThat(matches("7 < 7.5", message())).isTrue();
        assertThat(matches("7E3 = 7000", message())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUE", "true", "True", "tRuE"})
    void trueLiteralIsCaseInsensitive(String literal) {
        assertThat(matches("b = " + literal, message("b", true))).isTrue();
        assertThat(matches("b = " + literal, message("b", false))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FALSE", "false", "False"})
    void falseLiteralIsCaseInsensitive(String literal) {
        assertThat(matches("b = " + literal, message("b", false))).isTrue();
        assertThat(matches("b = " + literal, message("b", true))).isFalse();
    }

    @Test
    void booleanLiteralAloneIsAConstantCondition() {
        assertThat(matches("TRUE", message())).isTrue();
        assertThat(matches("FALSE", message())).isFalse();
        assertThat(matches("NOT FALSE", message())).isTrue();
    }

    @Test
    void literalDirectlyFollowedByReservedWordIsSplitAsJavaWould() {
        assertThat(matches("a=1AND b=2", message("a", 1, "b", 2))).isTrue();
        assertThat(matches("a=1.5or b=2", message("a", 1.5, "b", 0))).isTrue();
        assertThat(matches("a BETWEEN 1AND 3", message("a", 2))).isTrue();
        assertThat(matches("a=1LAND b=2", message("a", 1L, "b", 2))).isTrue();
    }
}
