package vn.lgsp.hub.core.quota;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Counts each client's requests per UTC day in the database ({@code client_daily_usage}, Flyway V8), so the
 * daily quota holds across all nodes. A request is counted only when it is within the quota: the increment
 * and the comparison are one conditional UPDATE, so concurrent nodes can never exceed the quota together.
 */
public final class DailyQuotaStore {

    private static final String CONSUME = "UPDATE client_daily_usage SET used = used + 1"
            + " WHERE client_id = ? AND usage_day = ? AND used < ?";
    private static final String FIRST = "INSERT INTO client_daily_usage (client_id, usage_day, used) VALUES (?, ?, 1)";
    private static final String USED = "SELECT used FROM client_daily_usage WHERE client_id = ? AND usage_day = ?";
    private static final String PURGE = "DELETE FROM client_daily_usage WHERE usage_day < ?";

    private final DataSource dataSource;

    public DailyQuotaStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts one request of the client on the day when fewer than {@code quota} were counted; else false. */
    public boolean tryConsume(String clientId, LocalDate day, long quota) {
        if (quota <= 0) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (consume(connection, clientId, day, quota)) {
                return true;
            }
            if (used(connection, clientId, day) >= 0) {
                return false; // the day's row exists and is at the quota
            }
            try (PreparedStatement insert = connection.prepareStatement(FIRST)) {
                insert.setString(1, clientId);
                insert.setDate(2, Date.valueOf(day));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                // another node inserted the day's first request at the same moment
                return consume(connection, clientId, day, quota);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the daily quota of client " + clientId + ": "
                    + e.getMessage(), e);
        }
    }

    /** Requests counted for the client on the day (0 when none). */
    public long used(String clientId, LocalDate day) {
        try (Connection connection = dataSource.getConnection()) {
            return Math.max(0, used(connection, clientId, day));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the daily quota of client " + clientId, e);
        }
    }

    /** Deletes the counts of days before {@code day}; returns how many rows went. */
    public int purgeBefore(LocalDate day) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(PURGE)) {
            delete.setDate(1, Date.valueOf(day));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge old daily quota counts", e);
        }
    }

    private static boolean consume(Connection connection, String clientId, LocalDate day, long quota)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(CONSUME)) {
            update.setString(1, clientId);
            update.setDate(2, Date.valueOf(day));
            update.setLong(3, quota);
            return update.executeUpdate() == 1;
        }
    }

    private static long used(Connection connection, String clientId, LocalDate day) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(USED)) {
            select.setString(1, clientId);
            select.setDate(2, Date.valueOf(day));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** SQLState 23505 (unique violation) on PostgreSQL and H2. */
    private static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
