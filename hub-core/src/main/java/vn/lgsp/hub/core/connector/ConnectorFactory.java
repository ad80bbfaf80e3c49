package vn.lgsp.hub.core.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service-provider interface for one connector type. Implementations are found with
 * {@link java.util.ServiceLoader} (declare them in
 * {@code META-INF/services/vn.lgsp.hub.core.connector.ConnectorFactory}), built in or from a plugin jar
 * ({@link ConnectorPlugins}); routes never switch on type.
 */
public interface ConnectorFactory {

    /** The {@code type} value this factory handles, e.g. {@code rest}. */
    String type();

    /**
     * The JSON Schema (as JSON text) of the connector block's properties, {@code type} excluded, or null
     * when {@link #validate} alone checks the block. When present, the catalog checks every block against it
     * first (problems name the property, e.g. {@code services[0].connector.dir}) and calls {@link #validate}
     * only for blocks that pass. A plugin whose schema does not compile is not loaded.
     */
    default String configSchema() {
        return null;
    }

    /**
     * Checks a declared connector block. Returns one message per problem, each naming the property
     * (relative to the connector block, e.g. {@code url}) and what is wrong; empty when valid.
     */
    List<ConnectorConfigProblem> validate(ConnectorSpec spec);

    /** Creates the connector for a validated spec. */
    ProviderConnector create(ConnectorSpec spec);

    /**
     * Extra documents a consumer may follow for a service using this connector, listed with the service in
     * {@code GET /api/v1/catalog} under their name (e.g. {@code wsdl} -> the path of the service's WSDL).
     * Values are paths on the hub's department port; never provider addresses or credentials.
     *
     * @param spec       the service's connector block
     * @param serviceKey the service's address {@code provider/service}
     */
    default Map<String, String> consumerLinks(ConnectorSpec spec, String serviceKey) {
        return Map.of();
    }

    /**
     * The document behind one of the {@link #consumerLinks} of a service, served on the department port to the
     * consumers who may call the service; empty when this connector has no such document.
     *
     * @param spec       the service's connector block
     * @param serviceUrl the service's address on the hub as the consumer reaches it, e.g.
     *                   {@code https://lgsp.example.gov.vn/api/v1/services/000.00.31.H99/civil-status-lookup}
     *                   (a path only when the request named no host)
     * @param name       the link's name, e.g. {@code wsdl}
     */
    default Optional<ConsumerDocument> consumerDocument(ConnectorSpec spec, String serviceUrl, String name) {
        return Optional.empty();
    }
}
