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

    private final TokenService tokens;

    public ClientAuthenticator(TokenService tokens) {
        this.tokens = tokens;
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
