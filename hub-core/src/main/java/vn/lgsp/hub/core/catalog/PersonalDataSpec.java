package vn.lgsp.hub.core.catalog;

import java.util.List;

/**
 * Declares that a service or topic carries personal data: where the subject id is in the payload (a JSON path
 * such as {@code $.soDinhDanh}, or an XPath starting with {@code /} for XML bodies), which purposes (X-Purpose
 * codes) are accepted, and optionally where subject ids are in the provider's response ({@code response-subject}).
 *
 * @param subject         path of the subject id(s) in requests (and published records)
 * @param purposes        accepted X-Purpose codes (exact, case-sensitive)
 * @param responseSubject path of subject id(s) in responses, or null
 */
public record PersonalDataSpec(String subject, List<String> purposes, String responseSubject) {
    public PersonalDataSpec {
        purposes = List.copyOf(purposes);
    }

    /** A declaration without response subjects. */
    public PersonalDataSpec(String subject, List<String> purposes) {
        this(subject, purposes, null);
    }
}
