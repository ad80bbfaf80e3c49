package vn.lgsp.hub.core.catalog;

import java.nio.file.Path;
import java.util.List;

/**
 * A stream of records a publisher emits, addressed {@code {publisherCode}/{code}}; {@code allow} says who
 * may subscribe.
 */
public record TopicDefinition(String publisherCode, String code, Path schema, PersonalDataSpec personalData,
                              List<String> allow, String sourceFile) {
    public TopicDefinition {
        allow = List.copyOf(allow);
    }

    /** {@code publisher/code}. */
    public String key() {
        return publisherCode + "/" + code;
    }
}
