package vn.lgsp.hub.core.connector;

import java.util.List;
import java.util.Map;

/**
 * What a provider answered: status, headers (names as received) and body bytes.
 *
 * @param status  HTTP status (or the connector's equivalent)
 * @param headers response headers, hop-by-hop ones may still be present
 * @param body    response body, never null
 */
public record ProviderResponse(int status, Map<String, List<String>> headers, byte[] body) {
    public ProviderResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}
