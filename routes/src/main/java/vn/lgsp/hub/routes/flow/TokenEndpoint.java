package vn.lgsp.hub.routes.flow;

import vn.lgsp.hub.routes.metrics.HubMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.core.auth.TokenService;
import vn.lgsp.hub.core.catalog.ClientCredential;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.security.ClientAuthenticator;
import vn.lgsp.hub.routes.limits.TokenGuessingGuard;
import vn.lgsp.hub.routes.http.Problems;
import vn.lgsp.hub.routes.http.Replies;

/**
 * {@code POST /token}: OAuth2 client credentials (RFC 6749 section 4.4). Credentials come as HTTP Basic or
 * as {@code client_id}/{@code client_secret} form fields; failures are problem+json that also carry the
 * OAuth2 {@code error} member existing LGSP clients look for.
 */
@Component
public class TokenEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogHolder catalog;
    private final TokenService tokens;
    private final HubMetrics metrics;
    private final TokenGuessingGuard guessing;

    public TokenEndpoint(CatalogHolder catalog, TokenService tokens, HubMetrics metrics, TokenGuessingGuard guessing) {
        this.catalog = catalog;
        this.tokens = tokens;
        this.metrics = metrics;
        this.guessing = guessing;
    }

    public void issue(Exchange exchange) throws Exception {
        ExchangeContext ctx = ExchangeContext.begin(exchange);
        guessing.checkAllowed(exchange);
        try {
            issue(exchange, ctx);
        } catch (HubException e) {
            if (e.error() == HubError.AUTH_INVALID) {
                guessing.failed(exchange);
            }
            throw e;
        }
    }

    private void issue(Exchange exchange, ExchangeContext ctx) throws Exception {
        if (!"POST".equals(ctx.method())) {
            exchange.setProperty(ProblemResponder.HEADERS, Map.of("Allow", List.of("POST")));
            throw new HubException(HubError.METHOD_NOT_ALLOWED, "use POST for /token");
        }
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw oauth(exchange, HubError.UNSUPPORTED_MEDIA_TYPE, "invalid_request",
                    "send the token request as application/x-www-form-urlencoded");
        }
        Map<String, String> form = parseForm(new String(ctx.body(), StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw oauth(exchange, HubError.INVALID_REQUEST, "unsupported_grant_type",
                    "grant_type must be client_credentials");
        }
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = ctx.header("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decodeBasic(exchange, basic.substring(6).trim());
            clientId = pair[0];
            secret = pair[1];
        }
        if (clientId == null || clientId.isEmpty() || secret == null || secret.isEmpty()) {
            throw oauth(exchange, HubError.AUTH_REQUIRED, "invalid_client",
                    "send client_id and client_secret (form fields or HTTP Basic)");
        }
        ClientCredential client = ClientAuthenticator.bySecret(clientId, secret, catalog.current()).orElse(null);
        if (client == null) {
            throw oauth(exchange, HubError.AUTH_INVALID, "invalid_client", "unknown client or wrong secret");
        }
        ctx.client(client);
        TokenService.IssuedToken token = tokens.issue(client.id(), client.agencyCode());
        metrics.tokenIssued(client.agencyCode());
        ObjectNode answer = JSON.createObjectNode()
                .put("access_token", token.accessToken())
                .put("token_type", "Bearer")
                .put("expires_in", token.expiresInSeconds());
        Replies.reply(exchange, ctx, 200, "application/json", JSON.writeValueAsBytes(answer),
                Map.of("Cache-Control", List.of("no-store"), "Pragma", List.of("no-cache")));
    }

    private static HubException oauth(Exchange exchange, HubError error, String oauthError, String detail) {
        exchange.setProperty(ProblemResponder.EXTRA, Problems.extra().put("error", oauthError));
        if (error.status() == 401) {
            exchange.setProperty(ProblemResponder.HEADERS,
                    Map.of("WWW-Authenticate", List.of("Basic realm=\"lgsp-hub\"")));
        }
        return new HubException(error, detail);
    }

    private static String[] decodeBasic(Exchange exchange, String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("no colon");
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw oauth(exchange, HubError.AUTH_INVALID, "invalid_client", "the HTTP Basic credentials are malformed");
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                throw new HubException(HubError.MALFORMED_BODY, "the form body is not valid URL encoding");
            }
        }
        return form;
    }
}
