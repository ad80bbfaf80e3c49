package vn.lgsp.hub.core.dmdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The DMDC copy store; run on H2 and PostgreSQL by the subclasses. */
abstract class DmdcStoreTest {

    static final String UNITS = """
            {"code":"donvihanhchinhcap3","version":"2026-07-01","items":[
              {"ma":"99001","ten":"Phường 1","maCapTren":"990","cap":3},
              {"ma":"99010","ten":"Xã Long Sơn","maCapTren":"990","cap":3}]}""";
    static final Instant T0 = Instant.parse("2026-11-25T01:00:00Z");

    protected abstract DataSource dataSource();

    @Test
    void storesReplacesAndKeepsTheCopyOnAFailedFetch() {
        JdbcDmdcStore store = new JdbcDmdcStore(dataSource());
        assertThat(store.find("donvihanhchinhcap3")).isEmpty();
        assertThat(store.recordFailure("donvihanhchinhcap3", "NDXP down", T0)).isFalse();

        store.saveFetched("donvihanhchinhcap3", "2026-07-01", 2, UNITS, T0);
        DmdcCopy first = store.find("donvihanhchinhcap3").orElseThrow();
        assertThat(first.content()).isEqualTo(UNITS).contains("Xã Long Sơn");
        assertThat(first.itemCount()).isEqualTo(2);
        assertThat(first.fetchedAt()).isEqualTo(T0);
        assertThat(first.lastError()).isNull();
        assertThat(first.contentSha256()).hasSize(64);

        Instant later = T0.plus(Duration.ofHours(6));
        assertThat(store.recordFailure("donvihanhchinhcap3", "NDXP token endpoint 10.0.0.1:443 is unreachable", later)).isTrue();
        DmdcCopy kept = store.find("donvihanhchinhcap3").orElseThrow();
        assertThat(kept.content()).isEqualTo(UNITS);
        assertThat(kept.fetchedAt()).isEqualTo(T0);
        assertThat(kept.lastAttemptAt()).isEqualTo(later);
        assertThat(kept.lastError()).contains("unreachable");
        assertThat(kept.age(later)).isEqualTo(Duration.ofHours(6));

        String replaced = UNITS.replace("2026-07-01", "2026-10-01");
        Instant fetched = later.plus(1, ChronoUnit.MINUTES);
        store.saveFetched("donvihanhchinhcap3", "2026-10-01", 2, replaced, fetched);
        DmdcCopy now = store.find("donvihanhchinhcap3").orElseThrow();
        assertThat(now.version()).isEqualTo("2026-10-01");
        assertThat(now.lastError()).isNull();
        assertThat(now.fetchedAt()).isEqualTo(fetched);

        store.saveFetched("dantoc", null, 0, "{\"items\":[]}", fetched);
        assertThat(store.all()).extracting(DmdcCopy::code).containsExactly("dantoc", "donvihanhchinhcap3");
    }
}
