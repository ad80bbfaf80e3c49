package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFactory;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.core.connector.ConnectorSpec;

/**
 * Parses a {@code connector:} block (of a service or a subscription): finds the factory of its {@code type}
 * in the {@link ConnectorRegistry} and lets the factory validate the remaining properties.
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
        ConnectorFactory factory = connectors.find(type).orElse(null);
        if (factory == null) {
            in.problem(field + ".type", "unknown connector type '" + type + "' (known: "
                    + String.join(", ", connectors.types()) + ")");
            return null;
        }
        Map<String, Object> properties = NodeReader.toMap(node);
        properties.remove("type");
        ConnectorSpec spec = new ConnectorSpec(type, properties);
        List<ConnectorConfigProblem> problems = factory.validate(spec);
        problems.forEach(p -> in.problem(NodeReader.join(field, p.property()), p.reason()));
        return spec;
    }
}
