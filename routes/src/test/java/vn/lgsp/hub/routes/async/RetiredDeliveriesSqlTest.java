package vn.lgsp.hub.routes.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lgsp.hub.routes.support.BothDatabasesTest;

/** The SQL of {@link RetiredDeliveries} on H2 and on a real PostgreSQL, both migrated by Flyway. */
class RetiredDeliveriesSqlTest extends BothDatabasesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void openDeliveriesAreCountedPerSubscriptionAndOnlyTheNamedOnesAreDiscarded(String name, DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        ExchangeStore store = new ExchangeStore(jdbc);
        String topic = "000.00.32.H99/topic-" + UUID.randomUUID().toString().substring(0, 8);
        String exchangeId = "ex-" + UUID.randomUUID();
        store.insertPublished(List.of(new ExchangeStore.Published(exchangeId, "000.00.32.H99", topic, null,
                Instant.now(), "req-1", 12, "ab")));
        List<ExchangeStore.Delivery> rows = new ArrayList<>();
        // 600 open deliveries of the retired subscriber: more than one IN list of 500
        IntStream.range(0, 600).forEach(i -> rows.add(delivery(exchangeId, "000.00.46.H99", topic,
                i % 3 == 0 ? DeliveryState.RETRYING : DeliveryState.PENDING)));
        rows.add(delivery(exchangeId, "000.00.46.H99", topic, DeliveryState.DEAD));
        rows.add(delivery(exchangeId, "000.00.46.H99", topic, DeliveryState.DELIVERED));
        rows.add(delivery(exchangeId, "000.00.31.H99", topic, DeliveryState.PENDING));
        store.insertDeliveries(rows);
        RetiredDeliveries retired = new RetiredDeliveries(jdbc);

        assertThat(retired.open()).filteredOn(o -> o.topic().equals(topic)).containsExactly(
                new RetiredDeliveries.OpenDeliveries("000.00.31.H99", topic, 1, 0, 0),
                new RetiredDeliveries.OpenDeliveries("000.00.46.H99", topic, 400, 200, 1));
        assertThat(retired.openOf("000.00.46.H99", topic))
                .isEqualTo(new RetiredDeliveries.OpenDeliveries("000.00.46.H99", topic, 400, 200, 1));
        assertThat(retired.openOf("000.00.46.H99", topic + "-other").any()).as("another topic").isFalse();

        List<String> ids = new ArrayList<>(rows.stream().filter(r -> r.subscriber().equals("000.00.46.H99"))
                .map(ExchangeStore.Delivery::messageId).toList());
        // a message id of another subscriber is never touched, even when named
        ids.add(rows.get(rows.size() - 1).messageId());
        int changed = retired.discard("000.00.46.H99", topic, ids, "subscription removed; discarded by Nguyễn Văn An");

        assertThat(changed).as("open ones only: not the delivered one, not the other subscriber's").isEqualTo(601);
        assertThat(retired.open()).filteredOn(o -> o.topic().equals(topic)).containsExactly(
                new RetiredDeliveries.OpenDeliveries("000.00.31.H99", topic, 1, 0, 0));
        assertThat(retired.openOf("000.00.46.H99", topic).any()).as("only delivered and discarded rows left").isFalse();
        assertThat(retired.openOf("000.00.31.H99", topic).pending()).isEqualTo(1);
        ExchangeStore.Delivery first = store.delivery(rows.get(0).messageId()).orElseThrow();
        assertThat(first.state()).isEqualTo(DeliveryState.DISCARDED);
        assertThat(first.lastError()).isEqualTo("subscription removed; discarded by Nguyễn Văn An");
        assertThat(store.delivery(rows.get(601).messageId()).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
    }

    private static ExchangeStore.Delivery delivery(String exchangeId, String subscriber, String topic, DeliveryState state) {
        return new ExchangeStore.Delivery("msg-" + UUID.randomUUID(), exchangeId, subscriber, topic, state, 0, null,
                Instant.now(), null);
    }
}
