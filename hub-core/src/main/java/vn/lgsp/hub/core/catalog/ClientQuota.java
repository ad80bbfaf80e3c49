package vn.lgsp.hub.core.catalog;

import java.time.Duration;

/**
 * A client's limits, declared in its {@code quota:} block: a rate ({@code requests} per {@code period},
 * counted on each node) and an optional daily quota (counted in the database, shared by all nodes).
 *
 * @param requests requests allowed per period, or 0 for no rate limit
 * @param period   the period of the rate limit
 * @param daily    requests allowed per calendar day (UTC), or 0 for no daily quota
 */
public record ClientQuota(int requests, Duration period, long daily) {

    /** No limits: the quota of a client that declares no {@code quota:} block. */
    public static final ClientQuota NONE = new ClientQuota(0, Duration.ofSeconds(1), 0);

    /** True when a rate limit applies. */
    public boolean limitsRate() {
        return requests > 0;
    }

    /** True when a daily quota applies. */
    public boolean limitsDaily() {
        return daily > 0;
    }
}
