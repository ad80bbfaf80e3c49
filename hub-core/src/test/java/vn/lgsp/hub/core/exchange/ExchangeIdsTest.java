package vn.lgsp.hub.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Exchange ids are RFC 9562 UUIDv7, strictly increasing within the JVM. */
class ExchangeIdsTest {

    static long millis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }

    /** True when b sorts after a both as 128-bit numbers and as text (how databases and logs order them). */
    static boolean after(UUID a, UUID b) {
        int byNumber = Long.compareUnsigned(b.getMostSignificantBits(), a.getMostSignificantBits());
        return byNumber > 0 && b.toString().compareTo(a.toString()) > 0;
    }

    /** Index of the first id that does not sort after its predecessor, or -1. */
    static int firstNotIncreasing(List<UUID> ids) {
        for (int i = 1; i < ids.size(); i++) {
            if (!after(ids.get(i - 1), ids.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void version7WithTheIetfVariant() {
        UUID id = ExchangeIds.next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(ExchangeIds.nextString())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void timePrefixIsCloseToNow() {
        long before = System.currentTimeMillis();
        UUID id = ExchangeIds.next();
        long after = System.currentTimeMillis();
        // may run a little ahead when earlier tests drew more than 4096 ids in one millisecond
        assertThat(millis(id)).isBetween(before, after + 1_000);
    }

    @Test
    void strictlyIncreasingInATightLoop() {
        List<UUID> ids = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            ids.add(ExchangeIds.next());
        }
        assertThat(firstNotIncreasing(ids)).isEqualTo(-1);
        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void randomBitsDifferBetweenIds() {
        Set<Long> low = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            low.add(ExchangeIds.next().getLeastSignificantBits());
        }
        assertThat(low).hasSize(1000);
    }

    @Test
    void uniqueAndIncreasingPerThreadAcrossFourThreads() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<UUID>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<UUID>> task = () -> {
                    start.await();
                    List<UUID> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(ExchangeIds.next());
                    }
                    return ids;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> f : results) {
                List<UUID> ids = f.get(60, TimeUnit.SECONDS);
                assertThat(firstNotIncreasing(ids)).as("first id out of order in one thread").isEqualTo(-1);
                all.addAll(ids);
            }
            assertThat(all).hasSize(threads * perThread);
            Set<Long> timeAndCounter = new HashSet<>();
            all.forEach(id -> timeAndCounter.add(id.getMostSignificantBits()));
            assertThat(timeAndCounter).as("the time+counter half alone is unique").hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }
}
