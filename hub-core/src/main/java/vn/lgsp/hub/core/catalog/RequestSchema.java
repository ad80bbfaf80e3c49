package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Set;

/**
 * A compiled JSON Schema for a service's request bodies (networknt json-schema-validator).
 */
public final class RequestSchema {

    /** One failed constraint: where in the instance (JSON pointer-like path) and why. */
    public record Violation(String path, String message) {
    }

    private final String file;
    private final JsonSchema schema;

    RequestSchema(String file, JsonSchema schema) {
        this.file = file;
        this.schema = schema;
    }

    /** The schema file, relative to the configuration directory. */
    public String file() {
        return file;
    }

    /** Where the violation is; a missing required property is located at the property itself. */
    private static String path(ValidationMessage message) {
        String at = message.getInstanceLocation().toString();
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            return at + "." + message.getProperty();
        }
        return at;
    }

    /** Validates a parsed body; empty when valid. */
    public List<Violation> validate(JsonNode body) {
        Set<ValidationMessage> messages = schema.validate(body);
        return messages.stream()
                .map(m -> new Violation(path(m), m.getMessage()))
                .sorted((a, b) -> a.path().compareTo(b.path()))
                .toList();
    }
}
