package vn.lgsp.hub.routes.security;

import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.core.auth.TokenService;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.ClientCredential;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;

/**
 * Authenticates a department system from {@code Authorization: Bearer} (a token from {@code /token}) or
 * {@code X-API-Key}. A token whose client was removed from the catalog is refused (revocation).
 */
@Component
public class ClientAuthenticator {

    /** A valid bcrypt hash of a random value: unknown clients cost the same time as wrong secrets. */
    private static final String TIMING_DUMMY = Secrets.bcrypt("lgsp-hub-timing-equaliser");
    private final TokenService tokens;

    public ClientAuthenticator(TokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * The client with this id and secret (checked against its bcrypt hash, as for {@code POST /token} and
     * the SOAP UsernameToken), or empty; unknown clients cost the same time as wrong secrets.
     */
    public static java.util.Optional<ClientCredential> bySecret(String clientId, String secret, Catalog catalog) {
        ClientCredential client = clientId == null ? null : catalog.client(clientId).orElse(null);
        String hash = client == null || client.secretHash() == null ? TIMING_DUMMY : client.secretHash();
        boolean matches = Secrets.matches(secret == null ? "" : secret, hash);
        return client == null || client.secretHash() == null || !matches ? java.util.Optional.empty()
                : java.util.Optional.of(client);
    }

    /** The authenticated client; throws {@link HubException} AUTH_REQUIRED or AUTH_INVALID. */
    public ClientCredential authenticate(String authorization, String apiKey, Catalog catalog) {
        if (authorization != null && !authorization.isBlank()) {
            String trimmed = authorization.trim();
            if (trimmed.length() < 8 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new HubException(HubError.AUTH_INVALID,
                        "use 'Authorization: Bearer <token>' with a token from POST /token, or X-API-Key");
            }
            TokenService.TokenClaims claims = tokens.verify(trimmed.substring(7).trim());
            ClientCredential client = catalog.client(claims.clientId()).orElse(null);
            if (client == null || !client.agencyCode().equals(claims.agencyCode())) {
                throw new HubException(HubError.AUTH_INVALID, "the client of this token is no longer registered");
            }
            return client;
        }
        if (apiKey != null && !apiKey.isBlank()) {
            return catalog.clientByApiKeyDigest(Secrets.sha256Hex(apiKey.trim()))
                    .orElseThrow(() -> new HubException(HubError.AUTH_INVALID, "the API key is not valid"));
        }
        throw new HubException(HubError.AUTH_REQUIRED,
                "send 'Authorization: Bearer <token>' (from POST /token) or an X-API-Key header");
    }
}
