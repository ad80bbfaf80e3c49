package vn.lgsp.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Truncation rules of {@link JdbcAuditStore#truncate}, independent of any database. */
class JdbcAuditStoreTruncateTest {

    @Test
    void shortOrNullValuesAreUnchanged() {
        assertThat(JdbcAuditStore.truncate(null, 3)).isNull();
        assertThat(JdbcAuditStore.truncate("abc", 3)).isEqualTo("abc");
        assertThat(JdbcAuditStore.truncate("Sở", 2)).isEqualTo("Sở");
    }

    @Test
    void precomposedVietnameseIsCutBetweenLetters() {
        assertThat(JdbcAuditStore.truncate("Nguyễn Thị", 5)).isEqualTo("Nguyễ");
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        assertThat(JdbcAuditStore.truncate("ab\uD83D\uDE00c", 3)).isEqualTo("ab");
        assertThat(JdbcAuditStore.truncate("ab\uD83D\uDE00c", 4)).isEqualTo("ab\uD83D\uDE00");
    }

    @Test
    void aLetterIsNotSeparatedFromItsCombiningMarks() {
        String decomposed = "Nguye\u0302\u0303n"; // "Nguyễn" in NFD: e + circumflex + tilde
        assertThat(JdbcAuditStore.truncate(decomposed, 6)).isEqualTo("Nguy");
        assertThat(JdbcAuditStore.truncate(decomposed, 7)).isEqualTo("Nguye\u0302\u0303");
        assertThat(JdbcAuditStore.truncate("\u0301\u0301\u0301", 2)).isEmpty();
    }
}
