package vn.lgsp.hub.core.connector;

/**
 * One problem in a connector block found by {@link ConnectorFactory#validate}.
 *
 * @param property the property inside the connector block, e.g. {@code timeout}
 * @param reason   what is wrong, e.g. "must be a duration such as 5s or 500ms"
 */
public record ConnectorConfigProblem(String property, String reason) {
}
