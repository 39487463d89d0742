package org.messagestore.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jakarta Messaging 3.1, 3.5 "Message properties", and the 3.5.4 conversion table. */
class PropertyConversionTest {

    private final Message message = new ClientPlainMessage();

    @Test
    void getIntPropertyOnStringPropertyParsesIt() throws JMSException {
        message.setStringProperty("count", "12");
        assertThat(message.getIntProperty("count")).isEqualTo(12);
    }

    @Test
    void getIntPropertyOnDoublePropertyThrowsMessageFormatException() throws JMSException {
        message.setDoubleProperty("price", 1.5);
        assertThatThrownBy(() -> message.getIntProperty("price")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void getIntPropertyOnInvalidStringThrowsNumberFormatException() throws JMSException {
        message.setStringProperty("count", "twelve");
        assertThatThrownBy(() -> message.getIntProperty("count")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void booleanPropertyReadsAsBooleanAndStringOnly() throws JMSException {
        message.setBooleanProperty("flag", true);
        assertThat(message.getBooleanProperty("flag")).isTrue();
        assertThat(message.getStringProperty("flag")).isEqualTo("true");
        assertThatThrownBy(() -> message.getByteProperty("flag")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getIntProperty("flag")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("flag")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void bytePropertyWidensToShortIntLongButNotToFloatOrBoolean() throws JMSException {
        message.setByteProperty("b", (byte) 7);
        assertThat(message.getByteProperty("b")).isEqualTo((byte) 7);
        assertThat(message.getShortProperty("b")).isEqualTo((short) 7);
        assertThat(message.getIntProperty("b")).isEqualTo(7);
        assertThat(message.getLongProperty("b")).isEqualTo(7L);
        assertThat(message.getStringProperty("b")).isEqualTo("7");
        assertThatThrownBy(() -> message.getFloatProperty("b")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("b")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getBooleanProperty("b")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void shortPropertyDoesNotNarrowToByte() throws JMSException {
        message.setShortProperty("s", (short) 7);
        assertThat(message.getIntProperty("s")).isEqualTo(7);
        assertThat(message.getLongProperty("s")).isEqualTo(7L);
        assertThatThrownBy(() -> message.getByteProperty("s")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void intPropertyReadsAsLongButNotShort() throws JMSException {
        message.setIntProperty("i", 70000);
        assertThat(message.getLongProperty("i")).isEqualTo(70000L);
        assertThatThrownBy(() -> message.getShortProperty("i")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getFloatProperty("i")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void longPropertyReadsOnlyAsLongAndString() throws JMSException {
        message.setLongProperty("l", 1L << 40);
        assertThat(message.getStringProperty("l")).isEqualTo(String.valueOf(1L << 40));
        assertThatThrownBy(() -> message.getIntProperty("l")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("l")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void floatPropertyWidensToDoubleOnly() throws JMSException {
        message.setFloatProperty("f", 1.25f);
        assertThat(message.getDoubleProperty("f")).isEqualTo(1.25);
        assertThat(message.getStringProperty("f")).isEqualTo("1.25");
        assertThatThrownBy(() -> message.getLongProperty("f")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void doublePropertyDoesNotNarrowToFloat() throws JMSException {
        message.setDoubleProperty("d", 1.25);
        assertThatThrownBy(() -> message.getFloatProperty("d")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void stringPropertyConvertsToEveryType() throws JMSException {
        message.setStringProperty("s", "true");
        assertThat(message.getBooleanProperty("s")).isTrue();
        message.setStringProperty("n", "42");
        assertThat(message.getByteProperty("n")).isEqualTo((byte) 42);
        assertThat(message.getShortProperty("n")).isEqualTo((short) 42);
        assertThat(message.getLongProperty("n")).isEqualTo(42L);
        assertThat(message.getFloatProperty("n")).isEqualTo(42f);
        assertThat(message.getDoubleProperty("n")).isEqualTo(42.0);
    }

    @Test
    void missingPropertyReadsAsValueOfNull() throws JMSException {
        assertThat(message.getBooleanProperty("missing")).isFalse();
        assertThat(message.getStringProperty("missing")).isNull();
        assertThat(message.getObjectProperty("missing")).isNull();
        assertThatThrownBy(() -> message.getByteProperty("missing")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getShortProperty("missing")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getIntProperty("missing")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getLongProperty("missing")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getFloatProperty("missing")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("missing")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void objectPropertyReturnsTheObjectifiedValue() throws JMSException {
        message.setIntProperty("i", 5);
        message.setObjectProperty("o", 2.5f);
        assertThat(message.getObjectProperty("i")).isEqualTo(5);
        assertThat(message.getObjectProperty("o")).isEqualTo(2.5f);
        assertThat(message.getFloatProperty("o")).isEqualTo(2.5f);
    }

    @Test
    void setObjectPropertyRejectsOtherTypesWithMessageFormatException() {
        assertThatThrownBy(() -> message.setObjectProperty("c", 'x')).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObjectProperty("b", new byte[1]))
                .isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObjectProperty("l", new java.util.ArrayList<>()))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void nullOrEmptyPropertyNameThrowsIllegalArgumentException() {
        assertThatThrownBy(() -> message.setIntProperty(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setStringProperty("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setObjectProperty("", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1abc", "a-b", "a b", "NULL", "true", "False", "not", "AND", "or", "between",
            "like", "In", "IS", "escape"})
    void nameThatIsNotASelectorIdentifierThrowsIllegalArgumentException(String name) {
        assertThatThrownBy(() -> message.setBooleanProperty(name, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "$y", "orderId", "JMSXGroupID", "Inside", "ünïcode", "a1_$"})
    void selectorIdentifiersAreAcceptedAsNames(String name) throws JMSException {
        message.setStringProperty(name, "v");
        assertThat(message.getStringProperty(name)).isEqualTo("v");
    }

    @Test
    void propertyExistsAndGetPropertyNamesListEverySetProperty() throws JMSException {
        message.setIntProperty("a", 1);
        message.setStringProperty("b", null);
        assertThat(message.propertyExists("a")).isTrue();
        assertThat(message.propertyExists("b")).isTrue();
        assertThat(message.propertyExists("c")).isFalse();
        assertThat(Messages.names(message.getPropertyNames())).containsExactly("a", "b");
    }

    @Test
    void receivedMessageListsJmsxDeliveryCountAsIntProperty() throws JMSException {
        message.setIntProperty("a", 1);
        Message received = Messages.received(message, 3);
        assertThat(Messages.names(received.getPropertyNames())).contains("a", "JMSXDeliveryCount");
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(received.getObjectProperty("JMSXDeliveryCount")).isEqualTo(3);
    }

    @Test
    void settingPropertyOnReceivedMessageThrowsMessageNotWriteableException() throws JMSException {
        message.setIntProperty("a", 1);
        Message received = Messages.received(message);
        assertThatThrownBy(() -> received.setIntProperty("b", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> received.setObjectProperty("a", "x"))
                .isInstanceOf(MessageNotWriteableException.class);
        assertThat(received.getIntProperty("a")).isEqualTo(1);
    }

    @Test
    void clearPropertiesRemovesAllAndMakesPropertiesWritable() throws JMSException {
        message.setIntProperty("a", 1);
        Message received = Messages.received(message);
        received.clearProperties();
        assertThat(received.getPropertyNames().hasMoreElements()).isFalse();
        assertThat(received.propertyExists("JMSXDeliveryCount")).isFalse();
        received.setIntProperty("b", 2);
        assertThat(received.getIntProperty("b")).isEqualTo(2);
    }
}
