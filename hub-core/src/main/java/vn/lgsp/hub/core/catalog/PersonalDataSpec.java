package vn.lgsp.hub.core.catalog;

import java.util.List;

/**
 * Declares that a service or topic carries personal data: where the subject id is in the payload
 * (a JSON path such as {@code $.soDinhDanh}) and which purposes (X-Purpose codes) are accepted.
 */
public record PersonalDataSpec(String subject, List<String> purposes) {
    public PersonalDataSpec {
        purposes = List.copyOf(purposes);
    }
}
