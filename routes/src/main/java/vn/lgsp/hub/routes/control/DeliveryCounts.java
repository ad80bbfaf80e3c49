package vn.lgsp.hub.routes.control;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Per subscription totals from the {@code delivery} table (shared by all nodes, kept across restarts):
 * deliveries done, redelivery attempts, and deliveries now dead.
 */
@Component
public class DeliveryCounts {

    /** Totals of one subscription. */
    public record Totals(long delivered, long retried, long dead) {
        static final Totals NONE = new Totals(0, 0, 0);
    }

    private final JdbcTemplate jdbc;

    public DeliveryCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Totals keyed by {@code subscriber>topic} (the subscription id). */
    public Map<String, Totals> all() {
        Map<String, Totals> totals = new HashMap<>();
        jdbc.query("SELECT subscriber, topic,"
                + " SUM(CASE WHEN state = 'DELIVERED' THEN 1 ELSE 0 END) AS delivered,"
                + " SUM(CASE WHEN attempts > 1 THEN attempts - 1 ELSE 0 END) AS retried,"
                + " SUM(CASE WHEN state = 'DEAD' THEN 1 ELSE 0 END) AS dead"
                + " FROM delivery GROUP BY subscriber, topic", rs -> {
            totals.put(rs.getString("subscriber") + ">" + rs.getString("topic"),
                    new Totals(rs.getLong("delivered"), rs.getLong("retried"), rs.getLong("dead")));
        });
        return totals;
    }

    public static Totals of(Map<String, Totals> all, String subscriptionId) {
        return all.getOrDefault(subscriptionId, Totals.NONE);
    }
}
