package vn.lgsp.hub.core.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;

/**
 * The compiled {@link ConnectorFactory#configSchema()} of a connector type (networknt json-schema-validator;
 * draft from {@code $schema}, 2020-12 when absent), turning violations into {@link ConnectorConfigProblem}s
 * that name the property inside the connector block.
 */
final class ConnectorConfigSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonSchema schema;

    private ConnectorConfigSchema(JsonSchema schema) {
        this.schema = schema;
    }

    /** Compiles a schema; throws IllegalArgumentException (with the reason) when it is not one. */
    static ConnectorConfigSchema compile(String type, String schemaText) {
        try {
            JsonNode node = JSON.readTree(schemaText);
            SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(node, false)
                    .orElse(SpecVersion.VersionFlag.V202012);
            JsonSchema schema = JsonSchemaFactory.getInstance(version).getSchema(node);
            schema.initializeValidators();
            return new ConnectorConfigSchema(schema);
        } catch (Exception e) {
            throw new IllegalArgumentException("the config schema of connector type '" + type
                    + "' is not a valid JSON Schema: " + e.getMessage(), e);
        }
    }

    List<ConnectorConfigProblem> check(ConnectorSpec spec) {
        JsonNode block = JSON.valueToTree(spec.properties());
        return schema.validate(block).stream()
                .map(m -> new ConnectorConfigProblem(property(m), reason(m)))
                .sorted(Comparator.comparing(ConnectorConfigProblem::property)
                        .thenComparing(ConnectorConfigProblem::reason))
                .toList();
    }

    /** {@code $.headers.X} -> {@code headers.X}; a missing required property is located at itself. */
    private static String property(ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        String relative = at.equals("$") ? "" : at.startsWith("$.") ? at.substring(2) : at.substring(1);
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            return relative.isEmpty() ? m.getProperty() : relative + "." + m.getProperty();
        }
        if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
            return relative.isEmpty() ? m.getProperty() : relative + "." + m.getProperty();
        }
        return relative;
    }

    /** The message without its leading instance location, so it reads after the field name. */
    private static String reason(ValidationMessage m) {
        if ("required".equals(m.getType())) {
            return "is required";
        }
        if ("additionalProperties".equals(m.getType())) {
            return "is not a property of this connector type";
        }
        String message = m.getMessage();
        String at = m.getInstanceLocation().toString() + ": ";
        return message.startsWith(at) ? message.substring(at.length()) : message;
    }
}
