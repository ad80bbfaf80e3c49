package vn.lgsp.hub.core.util;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the short durations used in catalog files: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h},
 * {@code 1d}, or an ISO-8601 duration such as {@code PT5S}.
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Returns the duration, or throws {@link IllegalArgumentException} with a message fit for a config
     * error ("must be a duration such as 5s, 500ms or 2m").
     */
    public static Duration parse(String text) {
        if (text != null) {
            String trimmed = text.trim();
            Matcher m = SHORT.matcher(trimmed);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
                try {
                    Duration d = Duration.parse(trimmed);
                    if (!d.isNegative()) { // "PT-5S" parses; a negative timeout or backoff makes no sense
                        return d;
                    }
                } catch (RuntimeException e) {
                    // fall through to the common message
                }
            }
        }
        throw new IllegalArgumentException("must be a duration such as 5s, 500ms or 2m, was '" + text + "'");
    }
}
