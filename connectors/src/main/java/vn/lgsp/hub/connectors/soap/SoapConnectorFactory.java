package vn.lgsp.hub.connectors.soap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFactory;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ConsumerDocument;
import vn.lgsp.hub.core.connector.ProviderConnector;

/**
 * The {@code soap} connector type: calls one document/literal operation of a SOAP 1.1 provider with Apache
 * CXF (a JAX-WS {@code Dispatch} built from the provider's WSDL).
 *
 * <p>Properties of the {@code connector:} block:
 * <ul>
 *   <li>{@code wsdl} (required): file path (relative to the working directory) or {@code file:},
 *       {@code http(s):}, {@code classpath:} URL of the provider's WSDL; read once at startup.</li>
 *   <li>{@code operation} (required): the operation's local name.</li>
 *   <li>{@code address} (required): the provider's endpoint URL (replaces the WSDL's address).</li>
 *   <li>{@code service}, {@code port}: local names, needed only when the WSDL has several.</li>
 *   <li>{@code timeout} (default 30s), {@code connect-timeout} (default 5s).</li>
 *   <li>{@code username}, {@code password}: WS-Security UsernameToken (PasswordText) sent to the provider.</li>
 *   <li>{@code request}, {@code response}: the JSON mapping for REST consumers ({@link JsonXmlMapping}).</li>
 * </ul>
 * A consumer sending XML (a SOAP consumer, or a REST consumer with an XML content type) passes the
 * operation's request element unchanged and gets the response element unchanged.
 *
 * <p>Consumers find the provider's WSDL at {@code /api/v1/catalog/{provider}/{service}/service.wsdl}
 * (link {@code wsdl}), its endpoint addresses replaced by the hub's address of the service.
 */
public final class SoapConnectorFactory implements ConnectorFactory {

    /** The connector type handled by this factory. */
    public static final String TYPE = "soap";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConnectorConfigProblem> validate(ConnectorSpec spec) {
        return ConnectorConfigProblem.check(spec, SoapConnectorConfig::read);
    }

    /**
     * Reads the WSDL and creates the connector.
     *
     * @throws IllegalArgumentException when the spec is invalid or the WSDL lacks what it names
     */
    @Override
    public ProviderConnector create(ConnectorSpec spec) {
        SoapConnectorConfig config = ConnectorConfigProblem.require(TYPE, spec, SoapConnectorConfig::read);
        return new SoapProviderConnector(config);
    }

    /** The {@code wsdl} link: where the hub serves the provider's WSDL ({@link #consumerDocument}). */
    @Override
    public Map<String, String> consumerLinks(ConnectorSpec spec, String serviceKey) {
        return Map.of("wsdl", "/api/v1/catalog/" + serviceKey + "/service.wsdl");
    }

    /**
     * The provider's WSDL with its endpoint addresses replaced by the hub's service address.
     *
     * @throws ConnectorFailure ({@code UNAVAILABLE}) when the provider's WSDL cannot be read now
     */
    @Override
    public Optional<ConsumerDocument> consumerDocument(ConnectorSpec spec, String serviceUrl, String name) {
        if (!"wsdl".equals(name)) {
            return Optional.empty();
        }
        try {
            // the block was valid when the catalog was loaded: failing now means the WSDL went away
            SoapConnectorConfig config = ConnectorConfigProblem.require(TYPE, spec, SoapConnectorConfig::read);
            return Optional.of(ConsumerWsdl.of(config.wsdl(), serviceUrl));
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new ConnectorFailure(ConnectorFailure.Kind.UNAVAILABLE, e.getMessage(), e);
        }
    }
}
