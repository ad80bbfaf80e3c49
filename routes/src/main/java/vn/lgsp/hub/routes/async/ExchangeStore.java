package vn.lgsp.hub.routes.async;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.stereotype.Repository;

/**
 * SQL of published records and their deliveries (tables of V2 migration), for the publish flow, the
 * delivery flow (idempotent consumer), the status API and the dead-letter API. Runs on H2 and PostgreSQL.
 */
@Repository
public class ExchangeStore {

    /** One accepted record. */
    public record Published(String exchangeId, String publisher, String topic, String idempotencyKey,
                            Instant acceptedAt, String requestId, long bytes, String sha256) {
    }

    /** One delivery row. */
    public record Delivery(String messageId, String exchangeId, String subscriber, String topic, DeliveryState state,
                           int attempts, String lastError, Instant updatedAt, Instant deliveredAt) {
    }

    private final JdbcTemplate jdbc;

    public ExchangeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Forgets idempotency keys of this publisher older than {@code notBefore}, so they can be reused. */
    public void expireIdempotencyKeys(String publisher, List<String> keys, Instant notBefore) {
        for (String key : keys) {
            jdbc.update("UPDATE published_record SET idempotency_key = NULL "
                    + "WHERE publisher = ? AND idempotency_key = ? AND accepted_at < ?", publisher, key, ts(notBefore));
        }
    }

    /** The record earlier accepted under this key, if any. */
    public Optional<Published> byIdempotencyKey(String publisher, String key) {
        return jdbc.query("SELECT * FROM published_record WHERE publisher = ? AND idempotency_key = ?",
                this::mapPublished, publisher, key).stream().findFirst();
    }

    public Optional<Published> published(String exchangeId) {
        return jdbc.query("SELECT * FROM published_record WHERE exchange_id = ?", this::mapPublished, exchangeId)
                .stream().findFirst();
    }

    public void insertPublished(List<Published> records) {
        jdbc.batchUpdate("INSERT INTO published_record (exchange_id, publisher, topic, idempotency_key, accepted_at, "
                        + "request_id, record_bytes, record_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", records, 500,
                (ps, r) -> {
                    ps.setString(1, r.exchangeId());
                    ps.setString(2, r.publisher());
                    ps.setString(3, r.topic());
                    ps.setString(4, r.idempotencyKey());
                    ps.setObject(5, ts(r.acceptedAt()));
                    ps.setString(6, r.requestId());
                    ps.setLong(7, r.bytes());
                    ps.setString(8, r.sha256());
                });
    }

    public void insertDeliveries(List<Delivery> deliveries) {
        jdbc.batchUpdate("INSERT INTO delivery (message_id, exchange_id, subscriber, topic, state, attempts, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", deliveries, 500, (ps, d) -> {
                    ps.setString(1, d.messageId());
                    ps.setString(2, d.exchangeId());
                    ps.setString(3, d.subscriber());
                    ps.setString(4, d.topic());
                    ps.setString(5, d.state().name());
                    ps.setInt(6, d.attempts());
                    ps.setObject(7, ts(d.updatedAt()));
                });
    }

    public Optional<Delivery> delivery(String messageId) {
        return jdbc.query("SELECT * FROM delivery WHERE message_id = ?", this::mapDelivery, messageId).stream().findFirst();
    }

    /**
     * The delivery row of a consumed message; created ({@code PENDING}) if the publish transaction lost it
     * (broker committed, database did not).
     */
    public Delivery deliveryOrPending(String messageId, String exchangeId, String subscriber, String topic) {
        Optional<Delivery> row = delivery(messageId);
        if (row.isPresent()) {
            return row.get();
        }
        Delivery pending = new Delivery(messageId, exchangeId, subscriber, topic, DeliveryState.PENDING, 0, null,
                Instant.now(), null);
        try {
            insertDeliveries(List.of(pending));
            return pending;
        } catch (DuplicateKeyException publishCommittedMeanwhile) {
            // the message was consumed between the publish's broker commit and its database commit
            return delivery(messageId).orElseThrow(() -> publishCommittedMeanwhile);
        }
    }

    /** One answered delivery attempt: the message's new state and, unless delivered, why. */
    public record Attempt(String messageId, DeliveryState state, String lastError) {
    }

    /** Records one attempt and its outcome in one statement: {@code attempts + 1} and the new state. */
    public void recordAttempt(String messageId, DeliveryState state, String lastError) {
        recordAttempts(List.of(new Attempt(messageId, state, lastError)));
    }

    /**
     * {@link #recordAttempt} for several messages as one JDBC batch; atomic when the caller runs it in a
     * transaction (the delivery consumers do: one commit per batch of deliveries).
     */
    public void recordAttempts(List<Attempt> attempts) {
        OffsetDateTime now = ts(Instant.now());
        jdbc.batchUpdate("UPDATE delivery SET attempts = attempts + 1, state = ?, last_error = ?, updated_at = ?, "
                + "delivered_at = ? WHERE message_id = ?", attempts, 500, (ps, a) -> {
                    ps.setString(1, a.state().name());
                    ps.setString(2, truncate(a.lastError()));
                    ps.setObject(3, now);
                    // as JdbcTemplate.update binds a null (PostgreSQL needs its type)
                    StatementCreatorUtils.setParameterValue(ps, 4, SqlTypeValue.TYPE_UNKNOWN,
                            a.state() == DeliveryState.DELIVERED ? now : null);
                    ps.setString(5, a.messageId());
                });
    }

    /** Records the outcome of an attempt. */
    public void mark(String messageId, DeliveryState state, String lastError) {
        Instant now = Instant.now();
        jdbc.update("UPDATE delivery SET state = ?, last_error = ?, updated_at = ?, delivered_at = ? WHERE message_id = ?",
                state.name(), truncate(lastError), ts(now), state == DeliveryState.DELIVERED ? ts(now) : null, messageId);
    }

    /** Resets a dead delivery for replay: fresh attempt budget. */
    public void resetForReplay(String messageId) {
        jdbc.update("UPDATE delivery SET state = ?, attempts = 0, updated_at = ? WHERE message_id = ?",
                DeliveryState.PENDING.name(), ts(Instant.now()), messageId);
    }

    public List<Delivery> deliveriesOf(String exchangeId) {
        return jdbc.query("SELECT * FROM delivery WHERE exchange_id = ? ORDER BY subscriber", this::mapDelivery, exchangeId);
    }

    /** Deliveries in a state, optionally of one subscriber / topic and within a time range, oldest first. */
    public List<Delivery> find(DeliveryState state, String subscriber, String topic, Instant from, Instant to, int limit) {
        return find(state, subscriber, topic, from, to, limit, false);
    }

    /**
     * As {@link #find(DeliveryState, String, String, Instant, Instant, int)}, newest first when asked: what an
     * operator lists, so a new dead letter is never hidden behind old ones past the limit.
     */
    public List<Delivery> find(DeliveryState state, String subscriber, String topic, Instant from, Instant to, int limit,
                               boolean newestFirst) {
        StringBuilder sql = new StringBuilder("SELECT * FROM delivery WHERE state = ?");
        List<Object> args = new ArrayList<>(List.of(state.name()));
        if (subscriber != null) {
            sql.append(" AND subscriber = ?");
            args.add(subscriber);
        }
        if (topic != null) {
            sql.append(" AND topic = ?");
            args.add(topic);
        }
        if (from != null) {
            sql.append(" AND updated_at >= ?");
            args.add(ts(from));
        }
        if (to != null) {
            sql.append(" AND updated_at < ?");
            args.add(ts(to));
        }
        sql.append(newestFirst ? " ORDER BY updated_at DESC, message_id DESC" : " ORDER BY updated_at, message_id")
                .append(" FETCH FIRST ? ROWS ONLY");
        args.add(limit);
        return jdbc.query(sql.toString(), this::mapDelivery, args.toArray());
    }

    private Published mapPublished(ResultSet rs, int row) throws SQLException {
        return new Published(rs.getString("exchange_id"), rs.getString("publisher"), rs.getString("topic"),
                rs.getString("idempotency_key"), instant(rs, "accepted_at"), rs.getString("request_id"),
                rs.getLong("record_bytes"), rs.getString("record_sha256"));
    }

    private Delivery mapDelivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getString("message_id"), rs.getString("exchange_id"), rs.getString("subscriber"),
                rs.getString("topic"), DeliveryState.valueOf(rs.getString("state")), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "updated_at"), instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

}
