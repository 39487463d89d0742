package org.messagestore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.selector.Selectors.matches;
import static org.messagestore.selector.Selectors.message;
import static org.messagestore.selector.Selectors.truth;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BetweenInLikeTest {

    // --- BETWEEN -------------------------------------------------------------------------------

    @ParameterizedTest(name = "age {0}: BETWEEN {1}")
    @CsvSource({"14, false", "15, true", "17, true", "19, true", "20, false", "-15, false"})
    void betweenIncludesBothBounds(int age, boolean between) {
        assertThat(matches("age BETWEEN 15 AND 19", message("age", age))).isEqualTo(between);
        assertThat(matches("age NOT BETWEEN 15 AND 19", message("age", age))).isEqualTo(!between);
    }

    @Test
    void betweenPromotesMixedNumericTypes() {
        assertThat(matches("x BETWEEN 15 AND 16", message("x", 15.5f))).isTrue();
        assertThat(matches("x BETWEEN 14.5 AND 15.5", message("x", (byte) 15))).isTrue();
        assertThat(matches("x BETWEEN lo AND hi", message("x", 5L, "lo", (short) 5, "hi", 5.0))).isTrue();
        assertThat(matches("x BETWEEN 1 AND 9223372036854775807", message("x", Long.MAX_VALUE))).isTrue();
    }

    @Test
    void betweenBoundsMayBeArithmetic() {
        assertThat(matches("age BETWEEN 10 + 5 AND 20 - 1", message("age", 19))).isTrue();
        assertThat(matches("age * 2 BETWEEN -lo AND lo * 3", message("age", 10, "lo", 10))).isTrue();
    }

    @Test
    void betweenWithReversedBoundsIsFalse() {
        assertThat(matches("age BETWEEN 19 AND 15", message("age", 17))).isFalse();
        assertThat(matches("age NOT BETWEEN 19 AND 15", message("age", 17))).isTrue();
    }

    @Test
    void betweenOnNullIsUnknown() {
        assertThat(truth("age BETWEEN 15 AND 19", message())).isNull();
        assertThat(truth("age NOT BETWEEN 15 AND 19", message())).isNull();
    }

    @Test
    void betweenWithANullBoundFollowsItsSpecEquivalence() {
        // age >= lo AND age <= 19: with lo NULL, UNKNOWN AND TRUE is UNKNOWN, UNKNOWN AND FALSE is FALSE.
        assertThat(truth("age BETWEEN lo AND 19", message("age", 17))).isNull();
        assertThat(truth("age BETWEEN lo AND 19", message("age", 25))).isFalse();
        // age < lo OR age > 19: UNKNOWN OR TRUE is TRUE.
        assertThat(matches("age NOT BETWEEN lo AND 19", message("age", 25))).isTrue();
    }

    @Test
    void betweenOnAStringPropertyIsFalseBothWays() {
        // §3.8.1.1 defines NOT BETWEEN as age < 15 OR age > 19: non-like comparisons, so both false.
        assertThat(matches("age BETWEEN 1 AND 30", message("age", "17"))).isFalse();
        assertThat(matches("age NOT BETWEEN 1 AND 30", message("age", "17"))).isFalse();
    }

    // --- IN ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}: IN {1}")
    @CsvSource({"UK, true", "US, true", "France, true", "Peru, false", "uk, false", "'', false", "' UK', false"})
    void inMatchesAnyListedStringExactly(String country, boolean in) {
        MessageView message = message("Country", country);
        assertThat(matches("Country IN ('UK', 'US', 'France')", message)).isEqualTo(in);
        assertThat(matches("Country NOT IN ('UK', 'US', 'France')", message)).isEqualTo(!in);
    }

    @Test
    void inListMayHoldOneValueDuplicatesAndQuotes() {
        assertThat(matches("s IN ('only')", message("s", "only"))).isTrue();
        assertThat(matches("s IN ('a', 'a', 'b')", message("s", "b"))).isTrue();
        assertThat(matches("s IN ('it''s', 'x')", message("s", "it's"))).isTrue();
        assertThat(matches("s IN ('')", message("s", ""))).isTrue();
        assertThat(matches("s IN('a','b')", message("s", "a"))).isTrue();
    }

    @Test
    void inOnNullIsUnknown() {
        assertThat(truth("Country IN ('UK')", message())).isNull();
        assertThat(truth("Country NOT IN ('UK')", message())).isNull();
    }

    @Test
    void inOnANonStringValueIsUnknownSoNeitherInNorNotInSelects() {
        assertThat(truth("n IN ('1')", message("n", 1))).isNull();
        assertThat(truth("n NOT IN ('1')", message("n", 1))).isNull();
        assertThat(truth("b IN ('true')", message("b", true))).isNull();
    }

    @Test
    void inWorksOnStringHeaderFields() {
        MessageView message = new SimpleMessageView("ID:1", 0, "c-1", "car", true, 4, null);
        assertThat(matches("JMSType IN ('car', 'truck')", message)).isTrue();
        assertThat(matches("JMSDeliveryMode IN ('PERSISTENT')", message)).isTrue();
        assertThat(matches("JMSCorrelationID NOT IN ('c-2')", message)).isTrue();
    }

    // --- LIKE ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} LIKE {1}: {2}")
    @CsvSource({
            // The examples of §3.8.1.1.
            "123, 12%3, true",
            "12993, 12%3, true",
            "1234, 12%3, false",
            "lose, l_se, true",
            "loose, l_se, false",
            // % is any sequence, including none; _ is exactly one character.
            "'', %, true",
            "abc, %, true",
            "abc, a%, true",
            "abc, %c, true",
            "abc, %b%, true",
            "abc, a%%c, true",
            "ac, a%c, true",
            "ab, a_, true",
            "a, a_, false",
            "abc, a_, false",
            "abc, ___, true",
            "abc, ____, false",
            "abc, _%_, true",
            "a, _%_, false",
            "aXbYbZc, a%b%c, true",
            "aXbYbZ, a%b%c, false",
            "mississippi, %iss%ppi, true",
            "mississippi, m%ss%ss%ss%, false",
            // Everything else stands for itself, case-sensitively.
            "abc, abc, true",
            "abc, ABC, false",
            "abc, ab, false",
    })
    void likeMatchesUnderscoreAndPercentWildcards(String value, String pattern, boolean like) {
        MessageView message = message("v", value);
        String quoted = "'" + pattern + "'";
        assertThat(matches("v LIKE " + quoted, message)).isEqualTo(like);
        assertThat(matches("v NOT LIKE " + quoted, message)).isEqualTo(!like);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.c", "a*c", "a+", "[ab]", "(a|b)", "^a$", "a\\d", "\\Q", "\\E", "a{2}", "$1", "?"})
    void regexMetacharactersStandForThemselves(String pattern) {
        assertThat(matches("v LIKE '" + pattern + "'", message("v", pattern))).isTrue();
        assertThat(matches("v LIKE '" + pattern + "'", message("v", "abc"))).isFalse();
        assertThat(matches("v LIKE '%" + pattern + "%'", message("v", "x" + pattern + "y"))).isTrue();
    }

    @Test
    void escapeMakesUnderscoreAndPercentLiteral() {
        assertThat(matches("underscored LIKE '\\_%' ESCAPE '\\'", message("underscored", "_foo"))).isTrue();
        assertThat(matches("underscored LIKE '\\_%' ESCAPE '\\'", message("underscored", "bar"))).isFalse();
        assertThat(matches("p LIKE '100!%' ESCAPE '!'", message("p", "100%"))).isTrue();
        assertThat(matches("p LIKE '100!%' ESCAPE '!'", message("p", "1000"))).isFalse();
        assertThat(matches("p LIKE '%!%%' ESCAPE '!'", message("p", "50% off"))).isTrue();
        assertThat(matches("p LIKE '%!%%' ESCAPE '!'", message("p", "50 off"))).isFalse();
    }

    @Test
    void escapeCharacterEscapesItselfAndOrdinaryCharacters() {
        assertThat(matches("p LIKE 'a!!b' ESCAPE '!'", message("p", "a!b"))).isTrue();
        assertThat(matches("p LIKE 'a!xb' ESCAPE '!'", message("p", "axb"))).isTrue();
        assertThat(matches("p LIKE '%%' ESCAPE '%'", message("p", "%"))).isTrue();
        assertThat(matches("p LIKE '''%' ESCAPE ''''", message("p", "%"))).isTrue();
    }

    @Test
    void withoutEscapeABackslashIsAnOrdinaryCharacter() {
        assertThat(matches("p LIKE 'a\\_'", message("p", "a\\x"))).isTrue();
        assertThat(matches("p LIKE 'a\\_'", message("p", "a_"))).isFalse();
    }

    @Test
    void wildcardsMatchLineTerminatorsAndSupplementaryCharacters() {
        assertThat(matches("v LIKE 'a%b'", message("v", "a\nx\r\nb"))).isTrue();
        assertThat(matches("v LIKE 'a_b'", message("v", "a\nb"))).isTrue();
        assertThat(matches("v LIKE 'a_b'", message("v", "a\uD83D\uDE00b"))).isTrue();
        assertThat(matches("v LIKE '\uD83D\uDE00%'", message("v", "\uD83D\uDE00!"))).isTrue();
    }

    @Test
    void likeOnNullIsUnknown() {
        assertThat(truth("phone LIKE '12%'", message())).isNull();
        assertThat(truth("phone NOT LIKE '12%'", message())).isNull();
    }

    @Test
    void likeOnANonStringValueIsUnknownSoNeitherLikeNorNotLikeSelects() {
        assertThat(truth("n LIKE '12%'", message("n", 123))).isNull();
        assertThat(truth("n NOT LIKE '12%'", message("n", 123))).isNull();
    }

    @Test
    void likeWorksOnStringHeaderFields() {
        MessageView message = new SimpleMessageView("ID:abc-1", 0, null, "order.created", false, 4, null);
        assertThat(matches("JMSMessageID LIKE 'ID:%'", message)).isTrue();
        assertThat(matches("JMSType LIKE 'order._reated'", message)).isTrue();
        assertThat(matches("JMSDeliveryMode LIKE 'NON%'", message)).isTrue();
        assertThat(truth("JMSCorrelationID LIKE '%'", message)).isNull();
    }

    @Test
    void manyWildcardsAgainstALongValueStayFast() {
        String value = "a".repeat(20_000);
        String pattern = "%a%a%a%a%a%a%a%a%a%a%b";
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(matches("v LIKE '" + pattern + "'", message("v", value))).isFalse());
    }
}
