package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.core.connector.ConnectorSpec;

/**
 * Parses a {@code connector:} block (of a service or a subscription): its {@code type} must be known to the
 * {@link ConnectorRegistry} (built in or from a plugin), which then checks the remaining properties against
 * the type's config schema and validation.
 */
final class ConnectorBlockParser {

    private final ConnectorRegistry connectors;

    ConnectorBlockParser(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    /** The spec (also when the factory reported problems), or null when the block or its type is unusable. */
    ConnectorSpec parse(JsonNode node, String field, NodeReader in) {
        if (node == null) {
            in.problem(field, "is required");
            return null;
        }
        if (!node.isObject()) {
            in.problem(field, "must be a mapping with at least a type");
            return null;
        }
        String type = in.requiredText(node, field, "type");
        if (type == null) {
            return null;
        }
        if (connectors.find(type).isEmpty()) {
            in.problem(field + ".type", "unknown connector type '" + type + "' (known: "
                    + String.join(", ", connectors.types()) + ")");
            return null;
        }
        Map<String, Object> properties = NodeReader.toMap(node);
        properties.remove("type");
        ConnectorSpec spec = new ConnectorSpec(type, properties);
        List<ConnectorConfigProblem> problems = connectors.check(spec);
        problems.forEach(p -> in.problem(p.property() == null || p.property().isEmpty() ? field
                : NodeReader.join(field, p.property()), p.reason()));
        return spec;
    }
}
