package vn.lgsp.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Truncation rules of {@link ColumnText#truncate}, independent of any database. */
class ColumnTextTest {

    @Test
    void shortOrNullValuesAreUnchanged() {
        assertThat(ColumnText.truncate(null, 3)).isNull();
        assertThat(ColumnText.truncate("abc", 3)).isEqualTo("abc");
        assertThat(ColumnText.truncate("Sở", 2)).isEqualTo("Sở");
    }

    @Test
    void precomposedVietnameseIsCutBetweenLetters() {
        assertThat(ColumnText.truncate("Nguyễn Thị", 5)).isEqualTo("Nguyễ");
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        assertThat(ColumnText.truncate("ab\uD83D\uDE00c", 3)).isEqualTo("ab");
        assertThat(ColumnText.truncate("ab\uD83D\uDE00c", 4)).isEqualTo("ab\uD83D\uDE00");
    }

    @Test
    void aLetterIsNotSeparatedFromItsCombiningMarks() {
        String decomposed = "Nguye\u0302\u0303n"; // "Nguyễn" in NFD: e + circumflex + tilde
        assertThat(ColumnText.truncate(decomposed, 6)).isEqualTo("Nguy");
        assertThat(ColumnText.truncate(decomposed, 7)).isEqualTo("Nguye\u0302\u0303");
        assertThat(ColumnText.truncate("\u0301\u0301\u0301", 2)).isEmpty();
    }
}
