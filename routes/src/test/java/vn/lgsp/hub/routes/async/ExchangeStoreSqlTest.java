package vn.lgsp.hub.routes.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lgsp.hub.routes.support.BothDatabasesTest;

/**
 * The delivery bookkeeping SQL of {@link ExchangeStore} used on the hot path (group insert of a publish, one
 * read and one write per delivery attempt) on H2 and on a real PostgreSQL, both migrated by Flyway.
 */
class ExchangeStoreSqlTest extends BothDatabasesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void attemptsAreCountedWithTheirOutcome(String name, DataSource dataSource) {
        ExchangeStore store = new ExchangeStore(new JdbcTemplate(dataSource));
        String exchangeId = "ex-" + UUID.randomUUID();
        String messageId = "msg-" + UUID.randomUUID();
        store.insertPublished(List.of(new ExchangeStore.Published(exchangeId, "000.00.32.H99", "bench", null,
                Instant.now(), "req-1", 12, "ab")));
        store.insertDeliveries(List.of(new ExchangeStore.Delivery(messageId, exchangeId, "000.00.31.H99",
                "000.00.32.H99/bench", DeliveryState.PENDING, 0, null, Instant.now(), null)));

        ExchangeStore.Delivery row = store.deliveryOrPending(messageId, exchangeId, "000.00.31.H99", "x/y");
        assertThat(row.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(row.topic()).as("the existing row, not a new one").isEqualTo("000.00.32.H99/bench");

        store.recordAttempt(messageId, DeliveryState.RETRYING, "attempt 1: subscriber answered HTTP 503 – thử lại");
        row = store.delivery(messageId).orElseThrow();
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.state()).isEqualTo(DeliveryState.RETRYING);
        assertThat(row.lastError()).endsWith("thử lại");
        assertThat(row.deliveredAt()).isNull();

        store.recordAttempt(messageId, DeliveryState.DELIVERED, null);
        row = store.delivery(messageId).orElseThrow();
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(row.lastError()).isNull();
        assertThat(row.deliveredAt()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMessageWithoutItsRowGetsAPendingOne(String name, DataSource dataSource) {
        ExchangeStore store = new ExchangeStore(new JdbcTemplate(dataSource));
        String messageId = "msg-" + UUID.randomUUID();

        ExchangeStore.Delivery created = store.deliveryOrPending(messageId, "ex-lost", "000.00.31.H99", "p/t");

        assertThat(created.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(store.delivery(messageId)).get().extracting(ExchangeStore.Delivery::exchangeId).isEqualTo("ex-lost");
        assertThat(store.deliveryOrPending(messageId, "ex-lost", "000.00.31.H99", "p/t").attempts()).isZero();
    }
}
