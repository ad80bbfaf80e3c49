package vn.lgsp.hub.core.connector;

import java.util.Map;

/**
 * A connector as declared in a catalog file: its {@code type} and the remaining properties, exactly as
 * written (validated by the {@link ConnectorFactory} of that type).
 *
 * @param type       connector type, e.g. {@code rest}
 * @param properties the other keys of the {@code connector:} block
 */
public record ConnectorSpec(String type, Map<String, Object> properties) {
    public ConnectorSpec {
        properties = Map.copyOf(properties);
    }

    /** A property as a string, or null when absent. */
    public String string(String key) {
        Object value = properties.get(key);
        return value == null ? null : value.toString();
    }
}
