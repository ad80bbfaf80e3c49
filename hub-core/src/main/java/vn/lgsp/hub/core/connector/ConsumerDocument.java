package vn.lgsp.hub.core.connector;

/**
 * A document a connector offers to the consumers of a service (e.g. the WSDL of a SOAP provider), served by
 * the hub at the path the connector lists in {@link ConnectorFactory#consumerLinks}.
 *
 * @param mediaType the {@code Content-Type} it is served with
 * @param content   its bytes, already cleaned of provider addresses and credentials
 */
public record ConsumerDocument(String mediaType, byte[] content) {
}
