package vn.lgsp.hub.routes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The group-commit linger settings of the audit and publish writers: defaults, and a negative value refused by name. */
class GroupLingerSettingsTest {

    @Test
    void thePublishWriterLingersOneMillisecondByDefaultTheAuditWriterNot() {
        HubProperties properties = new HubProperties();
        assertThat(properties.getAudit().getGroupLinger()).isZero();
        assertThat(properties.getAsync().getPublishGroupLinger()).isEqualTo(Duration.ofMillis(1));
        properties.getAsync().setPublishGroupLinger(Duration.ZERO); // 0 (off) is accepted, not refused as negative
        assertThat(properties.getAsync().getPublishGroupLinger()).isZero();
    }

    @Test
    void aNegativeLingerNamesItsProperty() {
        HubProperties properties = new HubProperties();
        assertThatThrownBy(() -> properties.getAudit().setGroupLinger(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hub.audit.group-linger").hasMessageContaining("-0.005S");
        assertThatThrownBy(() -> properties.getAsync().setPublishGroupLinger(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hub.async.publish-group-linger");
        assertThat(properties.getAudit().getGroupLinger()).isZero();
    }
}
