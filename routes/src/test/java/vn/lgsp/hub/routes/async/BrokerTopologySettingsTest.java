package vn.lgsp.hub.routes.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.catalog.RetryPolicy;
import vn.lgsp.hub.routes.config.HubProperties;

/** The address settings the hub sends to the broker, read back with Artemis' own JSON parser. */
class BrokerTopologySettingsTest {

    private final BrokerTopology topology = new BrokerTopology(null, new HubProperties());
    private final RetryPolicy retry = new RetryPolicy(5, Duration.ofMillis(200), 1.5, Duration.ofSeconds(2));

    @Test
    void aSubscriptionWithOneConsumerGetsAnExclusiveQueue() {
        AddressSettings settings = AddressSettings.fromJSON(topology.settings(retry, "lgsp.dead.x", true));
        assertThat(settings.isDefaultExclusiveQueue()).as("defaultExclusiveQueue").isTrue();
        assertThat(settings.getMaxDeliveryAttempts()).isEqualTo(-1);
        assertThat(settings.getRedeliveryDelay()).isEqualTo(200);
        assertThat(settings.getDeadLetterAddress().toString()).isEqualTo("lgsp.dead.x");
        assertThat(settings.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.PAGE);
    }

    @Test
    void aSubscriptionWithSeveralConsumersSharesItsQueue() {
        AddressSettings settings = AddressSettings.fromJSON(topology.settings(retry, "lgsp.dead.x", false));
        assertThat(settings.isDefaultExclusiveQueue()).as("defaultExclusiveQueue").isNotEqualTo(Boolean.TRUE);
        assertThat(AddressSettings.fromJSON(topology.settings(null, null, false)).isDefaultExclusiveQueue())
                .as("dead-letter queue").isNotEqualTo(Boolean.TRUE);
    }
}
