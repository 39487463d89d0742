package org.messagestore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.selector.Selectors.matches;
import static org.messagestore.selector.Selectors.message;
import static org.messagestore.selector.Selectors.truth;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArithmeticTest {

    static Stream<Object> sixes() {
        return Stream.of((byte) 6, (short) 6, 6, 6L, 6f, 6d);
    }

    @ParameterizedTest
    @MethodSource("sixes")
    void everyNumericPropertyTypeSupportsAllFourOperators(Object six) {
        MessageView message = message("n", six);
        assertThat(matches("n + 2 = 8", message)).isTrue();
        assertThat(matches("n - 2 = 4", message)).isTrue();
        assertThat(matches("n * 2 = 12", message)).isTrue();
        assertThat(matches("n / 2 = 3", message)).isTrue();
        assertThat(matches("n + 0.5 = 6.5", message)).isTrue();
        assertThat(matches("-n = -6", message)).isTrue();
        assertThat(matches("+n = 6", message)).isTrue();
        assertThat(matches("-(-n) = 6", message)).isTrue();
    }

    @Test
    void integerDivisionTruncatesAndApproximateDivisionDoesNot() {
        assertThat(matches("7 / 2 = 3", message())).isTrue();
        assertThat(matches("-7 / 2 = -3", message())).isTrue();
        assertThat(matches("7 / 2.0 = 3.5", message())).isTrue();
        assertThat(matches("i / l = 3", message("i", 7, "l", 2L))).isTrue();
        assertThat(matches("i / f = 3.5", message("i", 7, "f", 2f))).isTrue();
    }

    @Test
    void byteAndShortArePromotedToIntSoTheyDoNotOverflow() {
        assertThat(matches("b + b = 254", message("b", (byte) 127))).isTrue();
        assertThat(matches("s * s = 90000", message("s", (short) 300))).isTrue();
        assertThat(matches("-b = 128", message("b", Byte.MIN_VALUE))).isTrue();
    }

    @Test
    void intArithmeticWrapsOnOverflowAsInJava() {
        assertThat(matches("i + 1 < 0", message("i", Integer.MAX_VALUE))).isTrue();
        assertThat(matches("i + l > 0", message("i", Integer.MAX_VALUE, "l", 1L))).isTrue();
        assertThat(matches("-i = i", message("i", Integer.MIN_VALUE))).isTrue();
        assertThat(matches("i / -1 = -2147483648", message("i", Integer.MIN_VALUE))).isTrue();
    }

    @Test
    void longArithmeticWrapsOnOverflowAsInJava() {
        assertThat(matches("l + 1 = -9223372036854775808", message("l", Long.MAX_VALUE))).isTrue();
        assertThat(matches("l / -1 = l", message("l", Long.MIN_VALUE))).isTrue();
    }

    @Test
    void floatAndDoubleMixToDouble() {
        assertThat(matches("f + d = 2.0", message("f", 0.5f, "d", 1.5d))).isTrue();
        assertThat(matches("f * 2 = 1.0F", message("f", 0.5f))).isTrue();
    }

    @Test
    void exactIntegerDivisionByZeroIsUnknown() {
        assertThat(truth("i / 0 = 0", message("i", 7))).isNull();
        assertThat(truth("i / z > 0", message("i", 7, "z", 0))).isNull();
        assertThat(truth("l / z < 1", message("l", 7L, "z", 0L))).isNull();
        assertThat(truth("b / z = 1", message("b", (byte) 1, "z", (short) 0))).isNull();
        assertThat(truth("1 / 0 = 1", message())).isNull();
    }

    @Test
    void exactDivisionByZeroDoesNotStopTheRestOfTheSelector() {
        assertThat(matches("i / 0 = 1 OR i = 7", message("i", 7))).isTrue();
        assertThat(matches("i / 0 = 1 AND i = 7", message("i", 7))).isFalse();
    }

    @Test
    void approximateDivisionByZeroFollowsJava() {
        assertThat(matches("d / 0 > 1.7976931348623157E308", message("d", 1.0))).isTrue();
        assertThat(matches("-d / 0 < 0", message("d", 1.0))).isTrue();
        assertThat(matches("d / 0.0 <> d / 0.0", message("d", 0.0))).isTrue();
        assertThat(matches("f / z > 1E38", message("f", 1f, "z", 0))).isTrue();
        assertThat(matches("i / 0.0 > 1E308", message("i", 1))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s + 1 = 3", "s * 1 = 2", "1 - s = -1", "-s = -2", "+s = 2", "s / 1 = 2"})
    void arithmeticOnAStringPropertyIsUnknown(String selector) {
        assertThat(truth(selector, message("s", "2"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"b + 1 = 2", "-b = -1", "b * b = 1"})
    void arithmeticOnABooleanPropertyIsUnknown(String selector) {
        assertThat(truth(selector, message("b", true))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing + 1 = 1", "1 - missing = 1", "missing * 0 = 0", "0 / missing = 0",
            "-missing = 0", "n + missing = 1"})
    void arithmeticWithNullIsUnknown(String selector) {
        assertThat(truth(selector, message("n", 1))).isNull();
    }

    @Test
    void arithmeticEvaluatesLeftToRight() {
        assertThat(matches("10 - 4 - 3 = 3", message())).isTrue();
        assertThat(matches("100 / 10 / 5 = 2", message())).isTrue();
        assertThat(matches("2 * 3 / 4 = 1", message())).isTrue();
        assertThat(matches("8 / 4 * 2 = 4", message())).isTrue();
    }

    @Test
    void minusSignsCombine() {
        assertThat(matches("5 - -3 = 8", message())).isTrue();
        assertThat(matches("5--3 = 8", message())).isTrue();
        assertThat(matches("- -5 = 5", message())).isTrue();
        assertThat(matches("-(5) = -5", message())).isTrue();
        assertThat(matches("n - -n = 2 * n", message("n", 4))).isTrue();
    }

    @Test
    void arithmeticOnBothSidesOfAComparison() {
        assertThat(matches("a + 1 > 2 * b", message("a", 10, "b", 5))).isTrue();
        assertThat(matches("a * 1.5 = b + 0.5", message("a", 3, "b", 4L))).isTrue();
    }
}
