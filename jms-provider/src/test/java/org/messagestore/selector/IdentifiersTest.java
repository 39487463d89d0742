package org.messagestore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.selector.Selectors.matches;
import static org.messagestore.selector.Selectors.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @Test
    void identifiersAreCaseSensitive() {
        assertThat(matches("Color = 'red'", message("color", "red"))).isFalse();
        assertThat(matches("color = 'red'", message("color", "red"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"_x", "$x", "x1", "x_y", "x$", "größe", "日本", "JMS_vendor", "JMSXGroupID", "nota",
            "ANDROID", "order", "select", "Isbn", "inx", "escaped", "nullable", "truth", "falsehood"})
    void javaIdentifiersIncludingNamesThatStartWithReservedWordsAreProperties(String name) {
        assertThat(matches(name + " = 3", message(name, 3))).isTrue();
        assertThat(matches(name + " = 3", message(name, 4))).isFalse();
    }

    @Test
    void unknownIdentifierIsNull() {
        assertThat(matches("missing IS NULL", message("present", 1))).isTrue();
        assertThat(matches("missing = 1", message("present", 1))).isFalse();
    }

    @Test
    void reservedWordsAreCaseInsensitive() {
        assertThat(matches("a = 1 and b = 2 Or NOT c = 3", message("a", 1, "b", 2, "c", 4))).isTrue();
        assertThat(matches("a between 1 And 3", message("a", 2))).isTrue();
        assertThat(matches("a not in ('x') aNd b Is NoT nUlL", message("a", "y", "b", 1))).isTrue();
        assertThat(matches("a LiKe 'x!%' eScApE '!'", message("a", "x%"))).isTrue();
    }

    @Test
    void anyJavaWhiteSpaceSeparatesTokens() {
        assertThat(matches("\ta\n=\r1\fAND\r\nb = 2 ", message("a", 1, "b", 2))).isTrue();
        assertThat(matches("a=1", message("a", 1))).isTrue();
    }
}
