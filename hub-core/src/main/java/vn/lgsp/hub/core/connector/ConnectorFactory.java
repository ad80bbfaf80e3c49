package vn.lgsp.hub.core.connector;

import java.util.List;

/**
 * Service-provider interface for one connector type. Implementations are found with
 * {@link java.util.ServiceLoader} (declare them in
 * {@code META-INF/services/vn.lgsp.hub.core.connector.ConnectorFactory}); routes never switch on type.
 */
public interface ConnectorFactory {

    /** The {@code type} value this factory handles, e.g. {@code rest}. */
    String type();

    /**
     * Checks a declared connector block. Returns one message per problem, each naming the property
     * (relative to the connector block, e.g. {@code url}) and what is wrong; empty when valid.
     */
    List<ConnectorConfigProblem> validate(ConnectorSpec spec);

    /** Creates the connector for a validated spec. */
    ProviderConnector create(ConnectorSpec spec);
}
