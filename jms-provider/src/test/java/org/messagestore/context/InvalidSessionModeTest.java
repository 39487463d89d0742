package org.messagestore.context;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only the four JMSContext session modes are accepted. */
class InvalidSessionModeTest {

    private final OpenContexts contexts = new OpenContexts("context-invalid-mode");

    @AfterEach
    void close() {
        contexts.closeAll();
    }

    @Test
    void factoryRejectsAnUnknownSessionMode() {
        assertThatThrownBy(() -> contexts.factory.createContext(42))
                .isInstanceOf(JMSRuntimeException.class)
                .hasMessageContaining("42");
        assertThatThrownBy(() -> contexts.factory.createContext(null, null, -1))
                .isInstanceOf(JMSRuntimeException.class);
    }

    @Test
    void createContextRejectsAnUnknownSessionMode() {
        JMSContext context = contexts.open();

        assertThatThrownBy(() -> context.createContext(99))
                .isInstanceOf(JMSRuntimeException.class)
                .hasMessageContaining("99");
    }
}
