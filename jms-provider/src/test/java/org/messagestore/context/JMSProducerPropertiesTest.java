package org.messagestore.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.Queue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JMSProducer settings and message properties: defaults, validation, and the property value
 * conversion table (Jakarta Messaging 3.1, 3.5.4).
 */
class JMSProducerPropertiesTest {

    private final OpenContexts contexts = new OpenContexts("context-producer-properties");
    private JMSContext context;
    private JMSProducer producer;

    @BeforeEach
    void open() {
        context = contexts.open();
        producer = context.createProducer();
    }

    @AfterEach
    void close() {
        contexts.closeAll();
    }

    @Test
    void hasTheSpecDefaults() {
        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(4);
        assertThat(producer.getTimeToLive()).isZero();
        assertThat(producer.getDeliveryDelay()).isZero();
        assertThat(producer.getDisableMessageID()).isFalse();
        assertThat(producer.getDisableMessageTimestamp()).isFalse();
        assertThat(producer.getAsync()).isNull();
        assertThat(producer.getPropertyNames()).isEmpty();
        assertThat(producer.getJMSCorrelationID()).isNull();
        assertThat(producer.getJMSType()).isNull();
        assertThat(producer.getJMSReplyTo()).isNull();
    }

    @Test
    void settersReturnTheProducerAndGettersReadBack() {
        byte[] correlation = {1, 2};
        JMSProducer same = producer.setDisableMessageID(true).setDisableMessageTimestamp(true)
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(9).setTimeToLive(10).setDeliveryDelay(20)
                .setJMSType("t").setJMSCorrelationIDAsBytes(correlation);
        correlation[0] = 99;

        assertThat(same).isSameAs(producer);
        assertThat(producer.getDisableMessageID()).isTrue();
        assertThat(producer.getDisableMessageTimestamp()).isTrue();
        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(9);
        assertThat(producer.getTimeToLive()).isEqualTo(10);
        assertThat(producer.getDeliveryDelay()).isEqualTo(20);
        assertThat(producer.getJMSType()).isEqualTo("t");
        assertThat(producer.getJMSCorrelationIDAsBytes()).containsExactly(1, 2);
    }

    @Test
    void rejectsInvalidDeliveryModeAndPriority() {
        assertThatThrownBy(() -> producer.setDeliveryMode(3)).isInstanceOf(JMSRuntimeException.class);
        assertThatThrownBy(() -> producer.setPriority(10)).isInstanceOf(JMSRuntimeException.class);
        assertThatThrownBy(() -> producer.setPriority(-1)).isInstanceOf(JMSRuntimeException.class);
        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(4);
    }

    @Test
    void numericPropertiesWidenButNeverNarrow() {
        producer.setProperty("b", (byte) 1).setProperty("s", (short) 2).setProperty("i", 3).setProperty("l", 4L);

        assertThat(producer.getShortProperty("b")).isEqualTo((short) 1);
        assertThat(producer.getIntProperty("b")).isEqualTo(1);
        assertThat(producer.getLongProperty("s")).isEqualTo(2L);
        assertThat(producer.getLongProperty("i")).isEqualTo(3L);
        assertThat(producer.getStringProperty("l")).isEqualTo("4");
        assertThatThrownBy(() -> producer.getByteProperty("s")).isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.getIntProperty("l")).isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.getFloatProperty("i")).isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.getBooleanProperty("i")).isInstanceOf(MessageFormatRuntimeException.class);
    }

    @Test
    void floatingPointAndBooleanPropertiesConvertAsTheTableSays() {
        producer.setProperty("f", 1.5f).setProperty("d", 2.5d).setProperty("flag", true);

        assertThat(producer.getDoubleProperty("f")).isEqualTo(1.5d);
        assertThat(producer.getStringProperty("d")).isEqualTo("2.5");
        assertThat(producer.getStringProperty("flag")).isEqualTo("true");
        assertThatThrownBy(() -> producer.getFloatProperty("d")).isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.getLongProperty("f")).isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.getIntProperty("flag")).isInstanceOf(MessageFormatRuntimeException.class);
    }

    @Test
    void stringPropertiesParseIntoEveryType() {
        producer.setProperty("n", "42").setProperty("yes", "TRUE").setProperty("word", "abc");

        assertThat(producer.getByteProperty("n")).isEqualTo((byte) 42);
        assertThat(producer.getIntProperty("n")).isEqualTo(42);
        assertThat(producer.getDoubleProperty("n")).isEqualTo(42.0);
        assertThat(producer.getBooleanProperty("yes")).isTrue();
        assertThat(producer.getBooleanProperty("word")).isFalse();
        assertThatThrownBy(() -> producer.getIntProperty("word")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void missingPropertiesReadLikeValueOfNull() {
        assertThat(producer.getObjectProperty("none")).isNull();
        assertThat(producer.getStringProperty("none")).isNull();
        assertThat(producer.getBooleanProperty("none")).isFalse();
        assertThatThrownBy(() -> producer.getIntProperty("none")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> producer.getDoubleProperty("none")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void objectPropertiesKeepTheirTypeAndRejectOthers() {
        producer.setProperty("boxed", (Object) Integer.valueOf(5));

        assertThat(producer.getObjectProperty("boxed")).isEqualTo(5);
        assertThat(producer.getLongProperty("boxed")).isEqualTo(5L);
        assertThatThrownBy(() -> producer.setProperty("list", (Object) List.of(1)))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.setProperty("chars", (Object) 'c'))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThat(producer.propertyExists("list")).isFalse();
    }

    @Test
    void propertyNamesMustBeSelectorIdentifiers() {
        assertThatThrownBy(() -> producer.setProperty(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> producer.setProperty("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> producer.setProperty("1st", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> producer.setProperty("with-dash", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> producer.setProperty("between", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertyNamesAreALiveUnmodifiableView() {
        Set<String> names = producer.getPropertyNames();
        producer.setProperty("a", 1).setProperty("b", "x");

        assertThat(names).containsExactlyInAnyOrder("a", "b");
        assertThatThrownBy(() -> names.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(producer.propertyExists("a")).isTrue();

        producer.clearProperties();

        assertThat(names).isEmpty();
        assertThat(producer.propertyExists("a")).isFalse();
    }

    @Test
    void sendingToNullDestinationOrANullMessageFails() {
        assertThatThrownBy(() -> producer.send(null, "x")).isInstanceOf(InvalidDestinationRuntimeException.class);
        Queue queue = context.createQueue("producer-properties-null-message");
        assertThatThrownBy(() -> producer.send(queue, (Message) null)).isInstanceOf(MessageFormatRuntimeException.class);
    }

    @Test
    void propertiesOnAReceivedMessageAreReadOnly() {
        Queue queue = context.createQueue("producer-properties-read-only");
        var consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "original");
        Message received = consumer.receive(5_000);
        assertThat(received).isNotNull();

        assertThatThrownBy(() -> producer.setProperty("extra", 1).send(queue, received))
                .isInstanceOf(MessageNotWriteableRuntimeException.class);
    }
}
