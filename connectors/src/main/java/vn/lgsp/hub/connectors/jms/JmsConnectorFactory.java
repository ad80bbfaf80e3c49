package vn.lgsp.hub.connectors.jms;

import java.util.List;

import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFactory;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;

/**
 * The {@code jms} connector type: forwards a sync call or a delivery to a queue on a remote Artemis broker.
 *
 * <p>Properties: {@code url} (required, e.g. {@code tcp://broker.example:61616}), {@code queue} (required),
 * {@code username}, {@code password} (values or {@code ${ENVIRONMENT_VARIABLE}}), {@code timeout} (10s),
 * {@code mode} ({@code send}, default, or {@code request-reply}), {@code persistent} (true),
 * {@code max-sessions} (4).
 */
public final class JmsConnectorFactory implements ConnectorFactory {

    /** The connector type handled by this factory. */
    public static final String TYPE = "jms";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConnectorConfigProblem> validate(ConnectorSpec spec) {
        return ConnectorConfigProblem.check(spec, JmsConnectorConfig::read);
    }

    @Override
    public ProviderConnector create(ConnectorSpec spec) {
        JmsConnectorConfig config = ConnectorConfigProblem.require(TYPE, spec, JmsConnectorConfig::read);
        return new JmsProviderConnector(config);
    }
}
