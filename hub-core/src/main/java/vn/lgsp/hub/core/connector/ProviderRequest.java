package vn.lgsp.hub.core.connector;

import java.util.List;
import java.util.Map;

/**
 * A request the hub sends to a provider through a connector: the method, the sub-path after the service
 * address, the raw query string, the headers already filtered by the hub, and the body bytes.
 *
 * @param method     HTTP method (or the connector's notion of an operation verb)
 * @param subPath    path after {@code /api/v1/services/{provider}/{service}}, starting with '/' or empty
 * @param rawQuery   query string without '?', or null
 * @param headers    headers to send (hub headers included, consumer credentials already removed)
 * @param body       request body, never null (empty array when there is none)
 */
public record ProviderRequest(String method, String subPath, String rawQuery,
                              Map<String, List<String>> headers, byte[] body) {
    public ProviderRequest {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        subPath = subPath == null ? "" : subPath;
    }
}
