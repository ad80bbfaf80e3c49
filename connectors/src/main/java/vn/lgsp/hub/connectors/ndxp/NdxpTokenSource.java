package vn.lgsp.hub.connectors.ndxp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;

/**
 * OAuth2 client-credentials tokens from NDXP's {@code /token} endpoint (consumer key and secret as HTTP Basic
 * credentials), cached until shortly before they expire. Concurrent callers share one token request.
 *
 * <p>Every failure to obtain a token completes the future with a {@link ConnectorFailure} of kind
 * {@code UNAVAILABLE} (the hub answers {@code 502 PROVIDER_UNAVAILABLE}) whose message says what went wrong
 * and names only the token endpoint's {@code host:port}: never the key, the secret or a token.
 */
final class NdxpTokenSource {

    /** A bearer token and the instant after which it is not used any more. */
    record Token(String value, Instant renewAt) {
        @Override
        public String toString() { // never print the token itself
            return "Token[renewAt=" + renewAt + "]";
        }
    }

    /** No token could be obtained; {@code credentialsRefused} when NDXP refused the consumer key/secret. */
    static final class TokenFailure extends ConnectorFailure {
        private final boolean credentialsRefused;

        TokenFailure(String message, boolean credentialsRefused, Throwable cause) {
            super(Kind.UNAVAILABLE, message, cause);
            this.credentialsRefused = credentialsRefused;
        }

        boolean credentialsRefused() {
            return credentialsRefused;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_EXPIRES_IN = 300;
    private final ProviderConnector endpoint;
    private final String authority;
    private final byte[] form;
    private final Duration refreshBefore;
    private final Clock clock;
    private Token current;
    private CompletableFuture<Token> pending;

    NdxpTokenSource(ProviderConnector endpoint, String authority, String form, Duration refreshBefore, Clock clock) {
        this.endpoint = endpoint;
        this.authority = authority;
        this.form = form.getBytes(StandardCharsets.US_ASCII);
        this.refreshBefore = refreshBefore;
        this.clock = clock;
    }

    /** A valid token: the cached one, or a new one when there is none or it is about to expire. */
    synchronized CompletableFuture<Token> token() {
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return CompletableFuture.completedFuture(current);
        }
        CompletableFuture<Token> request = pending;
        if (request == null) {
            CompletableFuture<Token> fetching = fetch();
            pending = fetching;
            fetching.whenComplete((token, failure) -> finished(fetching, token));
            request = fetching;
        }
        return request;
    }

    /** A new token, whatever is cached (the probe checks the credentials with it). */
    synchronized CompletableFuture<Token> fresh() {
        current = null;
        return token();
    }

    /** Forgets {@code rejected} (NDXP answered 401 to it) so that the next {@link #token()} asks for a new one. */
    synchronized void invalidate(Token rejected) {
        if (current == rejected) {
            current = null;
        }
    }

    private synchronized void finished(CompletableFuture<Token> request, Token token) {
        if (pending == request) {
            pending = null;
            if (token != null) {
                current = token;
            }
        }
    }

    private CompletableFuture<Token> fetch() {
        Map<String, java.util.List<String>> noHeaders = Map.of();
        CompletableFuture<ProviderResponse> sent;
        try {
            sent = endpoint.send(new ProviderRequest("POST", "", null, noHeaders, form));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(unavailable("could not be called (" + e.getClass().getSimpleName() + ")", e));
        }
        return sent.handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw unavailable("is unreachable: " + cause.getMessage(), cause);
            }
            return parse(response);
        });
    }

    private Token parse(ProviderResponse response) {
        int status = response.status();
        JsonNode body = readJson(response.body());
        if (status == 400 || status == 401 || status == 403) {
            String error = body == null ? "" : body.path("error").asText("");
            throw new TokenFailure("NDXP token endpoint " + authority + " refused the hub's consumer key/secret (HTTP "
                    + status + (error.matches("[a-z_]{1,64}") ? ", " + error : "") + ")", true, null);
        }
        if (status < 200 || status > 299) {
            throw unavailable("answered HTTP " + status + " instead of a token", null);
        }
        String value = body == null ? "" : body.path("access_token").asText("");
        if (value.isBlank()) {
            throw unavailable("answered without an access_token", null);
        }
        long expiresIn = body.path("expires_in").canConvertToLong() ? body.path("expires_in").asLong()
                : body.path("expires_in").asText("").matches("\\d{1,9}") ? Long.parseLong(body.path("expires_in").asText())
                : DEFAULT_EXPIRES_IN;
        // renew refresh-before ahead of expiry, but never spend more than half a short-lived token's life early
        long margin = Math.min(refreshBefore.toSeconds(), expiresIn / 2);
        return new Token(value, clock.instant().plusSeconds(Math.max(0, expiresIn - margin)));
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private TokenFailure unavailable(String what, Throwable cause) {
        return new TokenFailure("NDXP token endpoint " + authority + " " + what, false, cause);
    }

    void close() {
        endpoint.close();
    }
}
