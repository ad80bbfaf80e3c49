package vn.lgsp.hub.routes.control;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code route_state} table (Flyway V7): what operators suspended and which nodes are in maintenance.
 * Shared by every node of a hub; a missing row means the default state.
 */
@Component
public class RouteStateStore {

    /** One changed target. */
    public record Entry(String target, String state, Instant changedAt, String changedBy) {
    }

    private final JdbcTemplate jdbc;

    public RouteStateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Entry> all() {
        return jdbc.query("SELECT target, state, changed_at, changed_by FROM route_state", RouteStateStore::map);
    }

    /** Sets a target's state (insert or update). */
    public Entry put(String target, String state, String by) {
        Instant now = Instant.now();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        String sql = "UPDATE route_state SET state = ?, changed_at = ?, changed_by = ? WHERE target = ?";
        if (jdbc.update(sql, state, at, by, target) == 0) {
            try {
                jdbc.update("INSERT INTO route_state (target, state, changed_at, changed_by) VALUES (?, ?, ?, ?)",
                        target, state, at, by);
            } catch (DuplicateKeyException e) {
                jdbc.update(sql, state, at, by, target);   // another node inserted it first
            }
        }
        return new Entry(target, state, now, by);
    }

    private static Entry map(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getString("target"), rs.getString("state"),
                rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getString("changed_by"));
    }
}
