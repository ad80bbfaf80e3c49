package vn.lgsp.hub.core.catalog;

import java.util.List;
import java.util.Set;

/**
 * Credentials one system of a participant uses to call the hub.
 *
 * @param id           the OAuth2 {@code client_id}, unique across the catalog
 * @param agencyCode   the participant the client acts for
 * @param secretHash   {@code {bcrypt}$2a$...} hash of the client secret, or null when the client uses API keys only
 * @param apiKeyHashes SHA-256 hex digests of the client's API keys (declared as {@code {sha256}<hex>})
 * @param roles        extra roles, e.g. {@code data-tracker}
 * @param quota        rate limit and daily quota ({@link ClientQuota#NONE} when not declared)
 * @param certificate  TLS client certificate the client may authenticate with, or null
 */
public record ClientCredential(String id, String agencyCode, String secretHash, List<String> apiKeyHashes,
                               Set<String> roles, ClientQuota quota, ClientCertificate certificate) {
    public ClientCredential {
        apiKeyHashes = List.copyOf(apiKeyHashes);
        roles = Set.copyOf(roles);
        quota = quota == null ? ClientQuota.NONE : quota;
    }

    /** A client without quota. */
    public ClientCredential(String id, String agencyCode, String secretHash, List<String> apiKeyHashes, Set<String> roles) {
        this(id, agencyCode, secretHash, apiKeyHashes, roles, ClientQuota.NONE, null);
    }
}
