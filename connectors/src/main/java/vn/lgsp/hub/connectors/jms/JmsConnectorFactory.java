package vn.lgsp.hub.connectors.jms;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
        List<ConnectorConfigProblem> problems = new ArrayList<>();
        JmsConnectorConfig.read(spec, problems);
        return List.copyOf(problems);
    }

    @Override
    public ProviderConnector create(ConnectorSpec spec) {
        List<ConnectorConfigProblem> problems = new ArrayList<>();
        JmsConnectorConfig config = JmsConnectorConfig.read(spec, problems);
        if (config == null) {
            throw new IllegalArgumentException("invalid jms connector: " + problems.stream()
                    .map(p -> p.property() + " " + p.reason()).collect(Collectors.joining("; ")));
        }
        return new JmsProviderConnector(config);
    }
}
