package vn.lgsp.hub.connectors.ndxp;

import java.util.List;

import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFactory;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;

/**
 * The {@code ndxp} connector type: calls a national API through NDXP (the national data exchange platform)
 * with OAuth2 client-credentials tokens.
 *
 * <p>Properties of the {@code connector:} block:
 * <ul>
 *   <li>{@code url} (required): the NDXP gateway, e.g. {@code https://api.ndxp.example};</li>
 *   <li>{@code path} (required): the versioned national path, e.g. {@code /apiCSDLDanCu/1.0/traCuuThongTinCongDan};</li>
 *   <li>{@code consumer-key}, {@code consumer-secret} (required): the hub's credentials at NDXP, as values or
 *       {@code ${ENVIRONMENT_VARIABLE}} references;</li>
 *   <li>{@code token-url} (default {@code url + /token}), {@code scope}, {@code token-timeout} (10s),
 *       {@code token-refresh-before} (60s);</li>
 *   <li>{@code method}, {@code timeout}, {@code connect-timeout}, {@code max-connections}: as for {@code rest};</li>
 *   <li>{@code error-codes}: map of national {@code error_code} to hub error code.</li>
 * </ul>
 */
public final class NdxpConnectorFactory implements ConnectorFactory {

    /** The connector type handled by this factory. */
    public static final String TYPE = "ndxp";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConnectorConfigProblem> validate(ConnectorSpec spec) {
        return ConnectorConfigProblem.check(spec, NdxpConnectorConfig::read);
    }

    /**
     * Creates a connector on the shared connector Vert.x instance.
     *
     * @throws IllegalArgumentException when the spec is not valid (see {@link #validate})
     */
    @Override
    public ProviderConnector create(ConnectorSpec spec) {
        NdxpConnectorConfig config = ConnectorConfigProblem.require(TYPE, spec, NdxpConnectorConfig::read);
        return new NdxpProviderConnector(config);
    }
}
