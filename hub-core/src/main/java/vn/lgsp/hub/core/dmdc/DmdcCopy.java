package vn.lgsp.hub.core.dmdc;

import java.time.Duration;
import java.time.Instant;

/**
 * The local copy of one national shared catalog (DMDC), as last fetched from NDXP.
 *
 * @param code          the catalog's code, e.g. {@code donvihanhchinhcap3}
 * @param version       the version NDXP gave it, or null
 * @param itemCount     number of items
 * @param content       the catalog document as NDXP answered it (UTF-8 JSON text)
 * @param contentSha256 hex SHA-256 of {@code content}'s UTF-8 bytes
 * @param fetchedAt     when this content was fetched
 * @param lastAttemptAt when the hub last tried to fetch it (successfully or not)
 * @param lastError     why the last attempt failed, or null when it succeeded
 */
public record DmdcCopy(String code, String version, int itemCount, String content, String contentSha256,
                       Instant fetchedAt, Instant lastAttemptAt, String lastError) {

    /** How old the copy is at {@code now} (never negative). */
    public Duration age(Instant now) {
        Duration age = Duration.between(fetchedAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
