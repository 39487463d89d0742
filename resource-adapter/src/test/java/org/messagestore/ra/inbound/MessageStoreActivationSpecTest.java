package org.messagestore.ra.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

class MessageStoreActivationSpecTest {

    @Test
    void aQueueNeedsOnlyItsName() throws Exception {
        MessageStoreActivationSpec spec = new MessageStoreActivationSpec();
        spec.setDestination("orders");
        spec.validate();
        assertThat(spec.sessions()).isEqualTo(15);
    }

    @Test
    void everyWrongPropertyIsNamedAtOnce() {
        MessageStoreActivationSpec spec = new MessageStoreActivationSpec();
        spec.setDestinationType("jakarta.jms.Stream");
        spec.setAcknowledgeMode("Client-acknowledge");
        spec.setMaxSession(0);
        assertThatThrownBy(spec::validate).isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("destinationLookup or destination is required")
                .hasMessageContaining("destinationType must be jakarta.jms.Queue or jakarta.jms.Topic")
                .hasMessageContaining("acknowledgeMode must be Auto-acknowledge or Dups-ok-acknowledge")
                .hasMessageContaining("maxSession must be 1 or more");
    }

    @Test
    void aDurableSubscriptionNeedsItsNameAndAClientIdUnlessShared() throws Exception {
        MessageStoreActivationSpec spec = new MessageStoreActivationSpec();
        spec.setDestination("prices");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setSubscriptionDurability("Durable");
        assertThatThrownBy(spec::validate).hasMessageContaining("needs subscriptionName")
                .hasMessageContaining("needs clientId");

        spec.setSubscriptionName("watch");
        spec.setShareSubscriptions(true);
        spec.setMaxSession(4);
        spec.validate();
        assertThat(spec.sessions()).as("a shared subscription may have several consumers").isEqualTo(4);
    }

    @Test
    void aNonSharedTopicSubscriptionHasOneConsumer() throws Exception {
        MessageStoreActivationSpec spec = new MessageStoreActivationSpec();
        spec.setDestination("prices");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setMaxSession(8);
        spec.validate();
        assertThat(spec.sessions()).isEqualTo(1);
    }
}
