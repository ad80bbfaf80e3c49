package vn.lgsp.hub.routes.async;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The delivery bookkeeping of subscriptions that may no longer be in the catalog: how many deliveries each
 * (subscriber, topic) pair still has open, and marking the ones an operator discarded. Plain SQL that runs
 * unchanged on H2 and PostgreSQL; the counts use the index on {@code (state, subscriber, topic, ...)}.
 */
@Component
public class RetiredDeliveries {

    /** Open deliveries of one subscriber for one topic, by state. */
    public record OpenDeliveries(String subscriber, String topic, long pending, long retrying, long dead) {
        /** Whether any delivery is still open. */
        public boolean any() {
            return pending + retrying + dead > 0;
        }
    }

    private static final String OPEN_STATES = "('PENDING', 'RETRYING', 'DEAD')";
    private static final int IN_LIST = 500;
    private final JdbcTemplate jdbc;

    public RetiredDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every (subscriber, topic) pair with deliveries that are pending, retrying or dead, sorted. */
    public List<OpenDeliveries> open() {
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        jdbc.query("SELECT subscriber, topic, state, COUNT(*) FROM delivery WHERE state IN " + OPEN_STATES
                        + " GROUP BY subscriber, topic, state ORDER BY subscriber, topic",
                rs -> {
                    long[] byState = counts.computeIfAbsent(List.of(rs.getString(1), rs.getString(2)), k -> new long[3]);
                    byState[column(rs.getString(3))] = rs.getLong(4);
                });
        List<OpenDeliveries> open = new ArrayList<>();
        counts.forEach((pair, n) -> open.add(new OpenDeliveries(pair.get(0), pair.get(1), n[0], n[1], n[2])));
        return Collections.unmodifiableList(open);
    }

    /** The open deliveries of one (subscriber, topic) pair; all counts zero when it has none. */
    public OpenDeliveries openOf(String subscriber, String topic) {
        long[] n = new long[3];
        jdbc.query("SELECT state, COUNT(*) FROM delivery WHERE state IN " + OPEN_STATES
                        + " AND subscriber = ? AND topic = ? GROUP BY state",
                rs -> {
                    n[column(rs.getString(1))] = rs.getLong(2);
                }, subscriber, topic);
        return new OpenDeliveries(subscriber, topic, n[0], n[1], n[2]);
    }

    /** The count column of an open state: pending, retrying, dead. */
    private static int column(String state) {
        return switch (DeliveryState.valueOf(state)) {
            case PENDING -> 0;
            case RETRYING -> 1;
            default -> 2;
        };
    }

    /**
     * Marks the given deliveries of one subscriber and topic {@code DISCARDED} with {@code reason}, if they are
     * still open; returns how many rows changed.
     */
    public int discard(String subscriber, String topic, List<String> messageIds, String reason) {
        int changed = 0;
        for (int from = 0; from < messageIds.size(); from += IN_LIST) {
            List<String> chunk = messageIds.subList(from, Math.min(messageIds.size(), from + IN_LIST));
            Object[] args = new Object[chunk.size() + 4];
            args[0] = reason;
            args[1] = OffsetDateTime.now(ZoneOffset.UTC);
            args[2] = subscriber;
            args[3] = topic;
            for (int i = 0; i < chunk.size(); i++) {
                args[i + 4] = chunk.get(i);
            }
            changed += jdbc.update("UPDATE delivery SET state = 'DISCARDED', last_error = ?, updated_at = ?"
                    + " WHERE subscriber = ? AND topic = ? AND state IN " + OPEN_STATES
                    + " AND message_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", args);
        }
        return changed;
    }
}
