package vn.lgsp.hub.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/** The daily quota count on a migrated database; run on H2 and PostgreSQL by the subclasses. */
abstract class DailyQuotaStoreTest {

    abstract MigratedDatabase database();

    @Test
    void countsUpToTheQuotaThenRefuses() {
        DailyQuotaStore store = new DailyQuotaStore(database().dataSource());
        LocalDate day = LocalDate.of(2026, 11, 25);
        for (int i = 0; i < 3; i++) {
            assertThat(store.tryConsume("client-a", day, 3)).as("request %d", i + 1).isTrue();
        }
        assertThat(store.tryConsume("client-a", day, 3)).isFalse();
        assertThat(store.used("client-a", day)).isEqualTo(3);
        assertThat(store.tryConsume("client-a", day.plusDays(1), 3)).as("a new day").isTrue();
        assertThat(store.tryConsume("client-b", day, 3)).as("another client").isTrue();
        assertThat(store.purgeBefore(day.plusDays(1))).isEqualTo(2);
        assertThat(store.used("client-a", day)).isZero();
    }

    @Test
    void concurrentRequestsNeverExceedTheQuota() throws Exception {
        DailyQuotaStore store = new DailyQuotaStore(database().dataSource());
        LocalDate day = LocalDate.of(2026, 11, 26);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(() -> store.tryConsume("client-c", day, 25));
            }
            long accepted = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                accepted += f.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(25);
            assertThat(store.used("client-c", day)).isEqualTo(25);
        } finally {
            pool.shutdownNow();
        }
    }
}
