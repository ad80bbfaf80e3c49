package vn.lgsp.hub.routes.async;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The status document of a published record: {@code {exchangeId, topic, publisher, acceptedAt,
 * deliveries: [{subscriber, state, attempts, lastError, deliveredAt}]}}. Subscribers whose filter did not
 * select the record have no delivery.
 */
@Component
public class ExchangeStatus {

    /** The answer of the status API. */
    public record Status(String exchangeId, String topic, String publisher, Instant acceptedAt,
                         List<DeliveryStatus> deliveries) {
    }

    /** One subscriber's delivery. */
    public record DeliveryStatus(String subscriber, String messageId, DeliveryState state, int attempts,
                                 String lastError, Instant deliveredAt) {
    }

    private final ExchangeStore store;

    public ExchangeStatus(ExchangeStore store) {
        this.store = store;
    }

    public Optional<Status> of(String exchangeId) {
        return store.published(exchangeId).map(p -> new Status(p.exchangeId(), p.publisher() + "/" + p.topic(),
                p.publisher(), p.acceptedAt(), store.deliveriesOf(exchangeId).stream()
                .map(d -> new DeliveryStatus(d.subscriber(), d.messageId(), d.state(), d.attempts(), d.lastError(),
                        d.deliveredAt()))
                .toList()));
    }
}
