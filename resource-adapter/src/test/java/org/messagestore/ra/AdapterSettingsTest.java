package org.messagestore.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterSettingsTest {

    @Test
    void inlineBrokerPropertiesAreSemicolonSeparatedPairs() {
        assertThat(AdapterSettings.parseProperties(" redelivery.maxDeliveries = 3 ; queues=a,b;; "))
                .isEqualTo(Map.of("redelivery.maxDeliveries", "3", "queues", "a,b"));
        assertThat(AdapterSettings.parseProperties(null)).isEmpty();
    }

    @Test
    void aPairWithoutAnEqualsSignIsNamed() {
        assertThatThrownBy(() -> AdapterSettings.parseProperties("a=1;oops"))
                .hasMessage("brokerProperties: expected key=value, got 'oops'");
    }

    @Test
    void theModeIsEmbeddedOrRemote() {
        assertThatThrownBy(() -> new AdapterSettings("cluster", "", "b", "", "", Map.of(), ""))
                .hasMessageContaining("mode must be 'embedded' or 'remote', not 'cluster'");
    }
}
