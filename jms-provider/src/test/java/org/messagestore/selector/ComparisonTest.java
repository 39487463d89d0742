package org.messagestore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.selector.Selectors.matches;
import static org.messagestore.selector.Selectors.message;
import static org.messagestore.selector.Selectors.truth;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComparisonTest {

    /** The value 5 as each numeric property type. */
    static Stream<Object> fives() {
        return Stream.of((byte) 5, (short) 5, 5, 5L, 5f, 5d);
    }

    /** Every pair of numeric property types. */
    static Stream<Arguments> numericTypePairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Object a : fives().toList()) {
            for (Object b : fives().toList()) {
                pairs.add(Arguments.of(a, b));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest
    @MethodSource("fives")
    void everyNumericPropertyTypeComparesWithExactLiterals(Object five) {
        MessageView message = message("n", five);
        assertThat(matches("n = 5", message)).isTrue();
        assertThat(matches("n <> 6", message)).isTrue();
        assertThat(matches("n < 6", message)).isTrue();
        assertThat(matches("n <= 5", message)).isTrue();
        assertThat(matches("n > 4", message)).isTrue();
        assertThat(matches("n >= 5", message)).isTrue();
        assertThat(matches("n <> 5", message)).isFalse();
        assertThat(matches("n > 5", message)).isFalse();
        assertThat(matches("n < 5", message)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("fives")
    void everyNumericPropertyTypeComparesWithApproximateLiterals(Object five) {
        MessageView message = message("n", five);
        assertThat(matches("n = 5.0", message)).isTrue();
        assertThat(matches("n < 5.5", message)).isTrue();
        assertThat(matches("n > 4.9", message)).isTrue();
        assertThat(matches("n = 5E0", message)).isTrue();
        assertThat(matches("n = 5.1", message)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("numericTypePairs")
    void numericPropertiesOfAnyTwoTypesCompareAfterNumericPromotion(Object a, Object b) {
        assertThat(matches("a = b", message("a", a, "b", b))).isTrue();
        assertThat(matches("a <> b", message("a", a, "b", b))).isFalse();
        assertThat(matches("a < b + 1", message("a", a, "b", b))).isTrue();
        assertThat(matches("a - 1 >= b", message("a", a, "b", b))).isFalse();
    }

    @Test
    void longsCompareExactlyBeyondDoublePrecision() {
        MessageView message = message("l", 9_007_199_254_740_993L);
        assertThat(matches("l = 9007199254740993", message)).isTrue();
        assertThat(matches("l = 9007199254740992", message)).isFalse();
        assertThat(matches("l > 9007199254740992", message)).isTrue();
    }

    @Test
    void longComparedWithFloatIsPromotedToFloatAsInJava() {
        // JLS 5.6: long and float promote to float, which cannot hold 16777217.
        assertThat(matches("l = f", message("l", 16_777_217L, "f", 16_777_216f))).isTrue();
        assertThat(matches("l = d", message("l", 16_777_217L, "d", 16_777_216d))).isFalse();
    }

    @Test
    void nanFollowsJavaComparisonSemantics() {
        MessageView message = message("d", Double.NaN, "f", Float.NaN);
        assertThat(matches("d = d", message)).isFalse();
        assertThat(matches("d <> d", message)).isTrue();
        assertThat(matches("d < 1", message)).isFalse();
        assertThat(matches("d >= 1", message)).isFalse();
        assertThat(matches("f = f", message)).isFalse();
    }

    @Test
    void infinitiesCompareAsInJava() {
        MessageView message = message("d", Double.POSITIVE_INFINITY, "n", Double.NEGATIVE_INFINITY);
        assertThat(matches("d > 1.7976931348623157E308", message)).isTrue();
        assertThat(matches("n < -1.7976931348623157E308", message)).isTrue();
    }

    @Test
    void stringsCompareByEqualityOnly() {
        MessageView message = message("color", "blue");
        assertThat(matches("color = 'blue'", message)).isTrue();
        assertThat(matches("color <> 'red'", message)).isTrue();
        assertThat(matches("color <> 'blue'", message)).isFalse();
        assertThat(matches("color = 'Blue'", message)).isFalse();
        assertThat(matches("color = 'blue '", message)).isFalse();
    }

    @Test
    void stringPropertiesCompareWithEachOther() {
        assertThat(matches("a = b", message("a", "x", "b", "x"))).isTrue();
        assertThat(matches("a <> b", message("a", "x", "b", "y"))).isTrue();
    }

    @Test
    void orderingStringPropertiesIsFalseNotAnError() {
        MessageView message = message("a", "apple", "b", "banana");
        assertThat(truth("a < b", message)).isFalse();
        assertThat(truth("a > b", message)).isFalse();
        assertThat(truth("a >= a", message)).isFalse();
    }

    @Test
    void stringPropertyIsNotConvertedToANumber() {
        // §3.8.1.1: setStringProperty("NumberOfOrders", "2") then "NumberOfOrders > 1" is false.
        MessageView message = message("NumberOfOrders", "2");
        assertThat(truth("NumberOfOrders > 1", message)).isFalse();
        assertThat(truth("NumberOfOrders = 2", message)).isFalse();
        assertThat(truth("NumberOfOrders <> 2", message)).isFalse();
        assertThat(matches("NumberOfOrders = '2'", message)).isTrue();
    }

    @Test
    void numericPropertyIsNotConvertedToAString() {
        assertThat(truth("n = '5'", message("n", 5))).isFalse();
        assertThat(truth("n <> '5'", message("n", 5))).isFalse();
    }

    @Test
    void booleansCompareByEqualityOnly() {
        MessageView message = message("b", true, "c", false);
        assertThat(matches("b = TRUE", message)).isTrue();
        assertThat(matches("b <> FALSE", message)).isTrue();
        assertThat(matches("b = c", message)).isFalse();
        assertThat(matches("b <> c", message)).isTrue();
        assertThat(truth("b > c", message)).isFalse();
        assertThat(truth("b <= c", message)).isFalse();
    }

    @Test
    void booleanAndNumberAreNotLikeTypes() {
        assertThat(truth("b = 1", message("b", true))).isFalse();
        assertThat(truth("n = TRUE", message("n", 1))).isFalse();
        assertThat(truth("b = 'true'", message("b", true))).isFalse();
    }

    @Test
    void conditionsCompareAsBooleans() {
        MessageView message = message("a", 1, "b", 2);
        assertThat(matches("(a = 1) = (b = 2)", message)).isTrue();
        assertThat(matches("(a = 1) <> (b = 3)", message)).isTrue();
        assertThat(matches("(a = 1) = TRUE", message)).isTrue();
    }

    @Test
    void literalsCompareWithLiterals() {
        assertThat(matches("'a' = 'a'", message())).isTrue();
        assertThat(matches("1 < 2", message())).isTrue();
    }
}
