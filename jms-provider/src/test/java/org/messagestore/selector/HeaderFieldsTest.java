package org.messagestore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.selector.Selectors.matches;
import static org.messagestore.selector.Selectors.truth;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderFieldsTest {

    private static final long TIMESTAMP = 1_700_000_000_123L;

    private static MessageView car() {
        return new SimpleMessageView("ID:42", TIMESTAMP, "corr-7", "car", true, 7, Map.of("color", "blue"));
    }

    private static MessageView bare() {
        return new SimpleMessageView(null, 0L, null, null, false, 4, Map.of());
    }

    @Test
    void deliveryModeIsSeenAsPersistentOrNonPersistent() {
        assertThat(matches("JMSDeliveryMode = 'PERSISTENT'", car())).isTrue();
        assertThat(matches("JMSDeliveryMode = 'NON_PERSISTENT'", car())).isFalse();
        assertThat(matches("JMSDeliveryMode = 'NON_PERSISTENT'", bare())).isTrue();
        assertThat(matches("JMSDeliveryMode <> 'PERSISTENT'", bare())).isTrue();
    }

    @Test
    void deliveryModeIsAStringNotItsNumericConstant() {
        assertThat(truth("JMSDeliveryMode = 2", car())).isFalse();
        assertThat(truth("JMSDeliveryMode = 1", bare())).isFalse();
    }

    @Test
    void priorityIsAnInteger() {
        assertThat(matches("JMSPriority = 7", car())).isTrue();
        assertThat(matches("JMSPriority > 4", car())).isTrue();
        assertThat(matches("JMSPriority BETWEEN 5 AND 9", car())).isTrue();
        assertThat(matches("JMSPriority + 3 = 10", car())).isTrue();
        assertThat(matches("JMSPriority = 7.0", car())).isTrue();
        assertThat(matches("JMSPriority > 4", bare())).isFalse();
    }

    @Test
    void messageIdIsAStringOrNull() {
        assertThat(matches("JMSMessageID = 'ID:42'", car())).isTrue();
        assertThat(matches("JMSMessageID IS NULL", bare())).isTrue();
        assertThat(truth("JMSMessageID = 'ID:42'", bare())).isNull();
    }

    @Test
    void timestampIsALongInMillis() {
        assertThat(matches("JMSTimestamp = 1700000000123", car())).isTrue();
        assertThat(matches("JMSTimestamp > 1700000000000 AND JMSTimestamp < 1800000000000", car())).isTrue();
        assertThat(matches("JMSTimestamp - 123 = 1700000000000", car())).isTrue();
        assertThat(matches("JMSTimestamp IS NOT NULL", bare())).isTrue();
    }

    @Test
    void correlationIdIsAStringOrNull() {
        assertThat(matches("JMSCorrelationID = 'corr-7'", car())).isTrue();
        assertThat(matches("JMSCorrelationID IS NULL", bare())).isTrue();
        assertThat(truth("JMSCorrelationID <> 'x'", bare())).isNull();
    }

    @Test
    void typeIsAStringOrNull() {
        assertThat(matches("JMSType = 'car' AND color = 'blue'", car())).isTrue();
        assertThat(matches("JMSType IS NULL", bare())).isTrue();
        assertThat(truth("JMSType = 'car'", bare())).isNull();
    }

    @Test
    void specExampleSelectsBlueHeavyCars() {
        String selector = "JMSType = 'car' AND color = 'blue' AND weight > 2500";
        MessageView heavy = new SimpleMessageView(null, 0, null, "car", true, 4, Map.of("color", "blue", "weight", 3000));
        MessageView light = new SimpleMessageView(null, 0, null, "car", true, 4, Map.of("color", "blue", "weight", 2000));
        assertThat(matches(selector, heavy)).isTrue();
        assertThat(matches(selector, light)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JMSDestination", "JMSReplyTo", "JMSExpiration", "JMSRedelivered", "JMSDeliveryTime"})
    void headersNotAllowedInSelectorsAreOrdinaryPropertiesAndSoNull(String name) {
        assertThat(matches(name + " IS NULL", car())).isTrue();
        assertThat(truth(name + " = 0", car())).isNull();
        MessageView withProperty = new SimpleMessageView(null, 0, null, null, false, 4, Map.of(name, 5L));
        assertThat(matches(name + " = 5", withProperty)).isTrue();
    }

    @Test
    void headerNamesAreCaseSensitiveLikeOtherIdentifiers() {
        assertThat(matches("jmstype IS NULL", car())).isTrue();
        assertThat(matches("JMSTYPE = 'car'", car())).isFalse();
        assertThat(matches("jmspriority IS NULL", car())).isTrue();
    }

    @Test
    void headerFieldWinsOverAPropertyOfTheSameName() {
        MessageView message = new SimpleMessageView(null, 0, null, "car", false, 4,
                Map.of("JMSType", "boat", "JMSPriority", 9));
        assertThat(matches("JMSType = 'car'", message)).isTrue();
        assertThat(matches("JMSPriority = 4", message)).isTrue();
    }

    @Test
    void jmsxAndProviderPropertiesAreReadAsProperties() {
        MessageView message = new SimpleMessageView(null, 0, null, null, false, 4,
                Map.of("JMSXDeliveryCount", 3, "JMSXGroupID", "g1", "JMS_vendor_flag", true));
        assertThat(matches("JMSXDeliveryCount > 1", message)).isTrue();
        assertThat(matches("JMSXGroupID = 'g1'", message)).isTrue();
        assertThat(matches("JMS_vendor_flag", message)).isTrue();
        assertThat(matches("JMSXUserID IS NULL", message)).isTrue();
    }

    @Test
    void messageViewOfHasDefaultHeaders() {
        MessageView message = MessageView.of(Map.of("a", 1));
        assertThat(matches("JMSPriority = 4 AND JMSDeliveryMode = 'NON_PERSISTENT' AND JMSMessageID IS NULL"
                + " AND JMSType IS NULL AND JMSCorrelationID IS NULL AND JMSTimestamp = 0 AND a = 1", message))
                .isTrue();
    }

    @Test
    void anyImplementationOfMessageViewCanBeMatched() {
        MessageView adapter = new MessageView() {
            @Override public String messageId() { return "ID:x"; }
            @Override public long timestamp() { return 5; }
            @Override public String correlationId() { return null; }
            @Override public String type() { return "t"; }
            @Override public boolean persistent() { return true; }
            @Override public int priority() { return 0; }
            @Override public Object property(String name) { return name.equals("size") ? 10L : null; }
        };
        assertThat(matches("JMSMessageID = 'ID:x' AND JMSTimestamp = 5 AND JMSPriority = 0 AND size = 10", adapter))
                .isTrue();
    }
}
