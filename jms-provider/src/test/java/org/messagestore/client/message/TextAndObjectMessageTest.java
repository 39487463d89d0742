package org.messagestore.client.message;

import org.messagestore.client.destination.ClientQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TextMessage and ObjectMessage bodies. */
class TextAndObjectMessageTest {

    @Test
    void textReadsBackAsSet() throws JMSException {
        TextMessage message = new ClientTextMessage();
        assertThat(message.getText()).isNull();
        message.setText("hello");
        assertThat(message.getText()).isEqualTo("hello");
        assertThat(new ClientTextMessage("ctor").getText()).isEqualTo("ctor");
    }

    @Test
    void textWithUnpairedSurrogatesNulAndSupplementaryCharactersSurvivesSending() throws JMSException {
        String text = "a\u0000b\uD800c\uDC00d\uD83D\uDE00é€";
        assertThat(Messages.received(new ClientTextMessage(text)).getText()).isEqualTo(text);
    }

    @Test
    void textLongerThan64KSurvivesSending() throws JMSException {
        String text = "€".repeat(70_000);
        assertThat(Messages.received(new ClientTextMessage(text)).getText()).isEqualTo(text);
    }

    @Test
    void nullAndEmptyTextStayDistinctAfterSending() throws JMSException {
        assertThat(Messages.received(new ClientTextMessage()).getText()).isNull();
        assertThat(Messages.received(new ClientTextMessage("")).getText()).isEmpty();
    }

    @Test
    void setObjectSerializesImmediatelySoLaterChangesDoNotAffectTheMessage() throws JMSException {
        var list = new ArrayList<>(List.of("a"));
        ObjectMessage message = new ClientObjectMessage();
        message.setObject(list);
        list.add("b");
        assertThat(message.getObject()).isEqualTo(List.of("a"));
    }

    @Test
    void getObjectReturnsACopyEachTime() throws JMSException {
        ObjectMessage message = new ClientObjectMessage(new ArrayList<>(List.of("a")));
        @SuppressWarnings("unchecked")
        var first = (List<String>) message.getObject();
        first.add("changed");
        assertThat(message.getObject()).isEqualTo(List.of("a"));
    }

    @Test
    void objectSurvivesSending() throws JMSException {
        var payload = new Payload("order", 3);
        var sent = new ClientObjectMessage(payload);
        sent.setJMSDestination(new ClientQueue("test"));
        var received = (ObjectMessage) MessageConversion.fromData(MessageConversion.toData(sent), 1, TRUSTING_PAYLOAD);
        assertThat(received.getObject()).isEqualTo(payload);
        assertThat(Messages.received(new ClientObjectMessage()).getObject()).isNull();
    }

    @Test
    void nonSerializableContentThrowsMessageFormatException() {
        var list = new ArrayList<Object>(List.of(new Object()));
        assertThatThrownBy(() -> new ClientObjectMessage().setObject(list))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void failingDeserializationThrowsMessageFormatException() throws JMSException {
        ObjectMessage message = new ClientObjectMessage(new Unreadable());
        assertThatThrownBy(message::getObject).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void getObjectUsesTheThreadContextClassLoader() throws Exception {
        ObjectMessage message = new ClientObjectMessage(new Payload("x", 1), TRUSTING_PAYLOAD);
        var recording = new RecordingClassLoader(getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(recording);
        try {
            message.getObject();
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertThat(recording.requested).contains(Payload.class.getName());
    }

    /** The safe defaults and this test's payload. */
    private static final DeserializationAllowList TRUSTING_PAYLOAD =
            DeserializationAllowList.defaults().plus(Payload.class.getName());

    record Payload(String name, int quantity) implements Serializable {
    }

    static final class Unreadable implements Serializable {
        private void readObject(ObjectInputStream in) throws IOException {
            throw new IOException("cannot be read");
        }
    }

    static final class RecordingClassLoader extends ClassLoader {
        final List<String> requested = new ArrayList<>();

        RecordingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
