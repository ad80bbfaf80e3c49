package vn.lgsp.hub.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The short durations of catalog files. */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S",
            "5s, PT5S",
            "2m, PT2M",
            "1h, PT1H",
            "1d, PT24H",
            "0s, PT0S",
            "' 5s ', PT5S",
            "999999999ms, PT277H46M39.999S",
            "PT5S, PT5S",
            "pt5s, PT5S",
            "PT1.5S, PT1.5S",
            "P1D, PT24H",
            "PT0S, PT0S"})
    void parses(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"5", "5x", "-1s", "-PT5S", "PT-5S", "P-1D", "PT5S-", "5 s", "5S", "5MS", "1.5s", "s", "ms",
            "1000000000s", "1e3ms", "5s5", "P1M", "P1Y", "PT", "P", "   ", "5秒"})
    void refuses(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a duration such as 5s, 500ms or 2m")
                .hasMessageEndingWith("was '" + text + "'");
    }

    @Test
    void largestShortFormFits() {
        assertThat(Durations.parse("999999999d")).isEqualTo(Duration.ofDays(999_999_999));
    }
}
