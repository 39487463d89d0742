package org.messagestore.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.messagestore.model.DestinationName;

class DestinationPatternTest {

    private static boolean queueMatches(String pattern, String name) {
        return DestinationPattern.parse("queue:" + pattern).matches(DestinationName.queue(name));
    }

    @Test
    void plainPatternMatchesOnlyItsOwnName() {
        assertThat(queueMatches("orders", "orders")).isTrue();
        assertThat(queueMatches("orders", "orders.new")).isFalse();
        assertThat(queueMatches("orders", "order")).isFalse();
    }

    @Test
    void starMatchesExactlyOneSegment() {
        assertThat(queueMatches("orders.*", "orders.new")).isTrue();
        assertThat(queueMatches("orders.*", "orders")).isFalse();
        assertThat(queueMatches("orders.*", "orders.eu.new")).isFalse();
        assertThat(queueMatches("*.new", "orders.new")).isTrue();
        assertThat(queueMatches("orders.*.new", "orders.eu.new")).isTrue();
        assertThat(queueMatches("orders.*.new", "orders.eu.old")).isFalse();
    }

    @Test
    void greaterThanMatchesOneOrMoreRemainingSegments() {
        assertThat(queueMatches("orders.>", "orders.new")).isTrue();
        assertThat(queueMatches("orders.>", "orders.eu.new")).isTrue();
        assertThat(queueMatches("orders.>", "orders")).isFalse();
        assertThat(queueMatches(">", "anything.at.all")).isTrue();
        assertThat(queueMatches(">", "x")).isTrue();
    }

    @Test
    void starIsASegmentNotASubstring() {
        assertThat(queueMatches("ord*", "orders")).isFalse();
        assertThat(queueMatches("ord*", "ord*")).isTrue();
    }

    @Test
    void queuePatternsDoNotMatchTopicsAndNoPatternMatchesTemporaryDestinations() {
        assertThat(DestinationPattern.parse("queue:>").matches(DestinationName.topic("prices"))).isFalse();
        assertThat(DestinationPattern.parse("topic:>").matches(DestinationName.topic("prices"))).isTrue();
        assertThat(DestinationPattern.parse("queue:>").matches(
                new DestinationName(DestinationName.Kind.TEMPORARY_QUEUE, "tmp"))).isFalse();
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThatThrownBy(() -> DestinationPattern.parse("orders.*")).hasMessageContaining("queue:");
        assertThatThrownBy(() -> DestinationPattern.parse("queue:orders..new")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> DestinationPattern.parse("queue:>.new")).hasMessageContaining("last segment");
        assertThatThrownBy(() -> DestinationPattern.parse("queue:")).hasMessageContaining("empty segment");
    }
}
