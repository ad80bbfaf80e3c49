package vn.lgsp.hub.routes.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.core.auth.TokenService;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.ClientCredential;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.limits.ClientCertificateTrust;

/**
 * Authenticates a department system from {@code Authorization: Bearer} (a token from {@code /token}) or
 * {@code X-API-Key}, or from a TLS client certificate mapped to a catalog client. A token whose client was
 * removed from the catalog is refused (revocation).
 */
@Component
public class ClientAuthenticator {

    /** A valid bcrypt hash of a random value: unknown clients cost the same time as wrong secrets. */
    private static final String TIMING_DUMMY = Secrets.bcrypt("lgsp-hub-timing-equaliser");
    private final TokenService tokens;
    private final ClientCertificateTrust certificates;

    public ClientAuthenticator(TokenService tokens, ClientCertificateTrust certificates) {
        this.tokens = tokens;
        this.certificates = certificates;
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

    /**
     * The client of an exchange: from its token or API key, else from its verified TLS client certificate
     * (matched against the catalog clients' {@code certificate:} blocks).
     */
    public ClientCredential authenticate(ExchangeContext ctx, Catalog catalog) {
        String authorization = ctx.header("Authorization");
        String apiKey = ctx.header("X-API-Key");
        X509Certificate[] chain = ctx.peerCertificates();
        boolean noHeaders = (authorization == null || authorization.isBlank()) && (apiKey == null || apiKey.isBlank());
        if (noHeaders && chain != null) {
            if (!certificates.trusted(chain)) {
                throw new HubException(HubError.AUTH_INVALID, "the TLS client certificate is not issued by a trusted CA");
            }
            X509Certificate certificate = chain[0];
            String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
            String fingerprint = fingerprint(certificate);
            return catalog.participants().stream().flatMap(p -> p.clients().stream())
                    .filter(c -> c.certificate() != null && c.certificate().matches(subject, fingerprint))
                    .findFirst()
                    .orElseThrow(() -> new HubException(HubError.AUTH_INVALID,
                            "the TLS client certificate is not registered for any client"));
        }
        return authenticate(authorization, apiKey, catalog);
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the client certificate", e);
        }
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
