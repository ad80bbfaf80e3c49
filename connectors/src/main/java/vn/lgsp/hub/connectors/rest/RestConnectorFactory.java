package vn.lgsp.hub.connectors.rest;

import java.util.List;

import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFactory;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;

/**
 * The {@code rest} connector type: forwards a synchronous call to an HTTP/1.1 REST provider.
 *
 * <p>Properties of the {@code connector:} block:
 * <ul>
 *   <li>{@code url} (required): absolute {@code http}/{@code https} URL, may have a path, no query or fragment;
 *       the consumer's sub-path and query are appended to it.</li>
 *   <li>{@code method}: GET, POST, PUT, DELETE, PATCH or HEAD; when absent the consumer's method is used.</li>
 *   <li>{@code timeout} (default {@code 30s}): total time allowed for the provider's answer.</li>
 *   <li>{@code connect-timeout} (default {@code 5s}): TCP connect timeout.</li>
 *   <li>{@code headers}: map of the provider's own fixed headers (e.g. its API key), added to every request
 *       and replacing same-named incoming headers.</li>
 *   <li>{@code max-connections} (1..1000, default 64): size of the connection pool to the provider.</li>
 *   <li>{@code trust-store}, {@code trust-store-password} (https only): PKCS#12 file of the CA certificates the
 *       provider's certificate must chain to, instead of the JVM's default ones. Certificates and host names
 *       are always verified; there is no way to trust everything.</li>
 * </ul>
 */
public final class RestConnectorFactory implements ConnectorFactory {

    /** The connector type handled by this factory. */
    public static final String TYPE = "rest";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConnectorConfigProblem> validate(ConnectorSpec spec) {
        return ConnectorConfigProblem.check(spec, RestConnectorConfig::read);
    }

    /**
     * Creates a connector on the shared connector Vert.x instance.
     *
     * @throws IllegalArgumentException when the spec is not valid (see {@link #validate})
     */
    @Override
    public ProviderConnector create(ConnectorSpec spec) {
        RestConnectorConfig config = ConnectorConfigProblem.require(TYPE, spec, RestConnectorConfig::read);
        return new RestProviderConnector(config);
    }
}
