package vn.lgsp.hub.connectors.ndxp;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import vn.lgsp.hub.connectors.rest.RestProviderConnector;
import vn.lgsp.hub.core.connector.ProbeResult;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;
import vn.lgsp.hub.core.exchange.HubError;

/**
 * An {@code ndxp} connector: calls one national API of NDXP with a bearer token from NDXP's token endpoint.
 *
 * <p>Each call takes the cached token (fetching one when needed) and sends the request to the gateway URL +
 * national path, like a {@code rest} connector. When NDXP answers 401 the token is dropped, a new one is
 * fetched and the call is sent once more; the second answer is final. A national error answer
 * ({@code error_code} other than 0) becomes a problem document (see {@link NationalErrors}). When no token can
 * be obtained the future fails with a {@code ConnectorFailure} of kind {@code UNAVAILABLE}.
 */
public final class NdxpProviderConnector implements ProviderConnector {

    private final RestProviderConnector api;
    private final NdxpTokenSource tokens;
    private final NationalErrors errors;

    /** A connector on the shared connector Vert.x instance, timing tokens with the system clock. */
    public NdxpProviderConnector(NdxpConnectorConfig config) {
        this(config, new RestProviderConnector(config.api()), new RestProviderConnector(config.token()),
                Clock.systemUTC());
    }

    NdxpProviderConnector(NdxpConnectorConfig config, RestProviderConnector api, ProviderConnector tokenEndpoint,
                          Clock clock) {
        this.api = api;
        this.tokens = new NdxpTokenSource(tokenEndpoint, config.token().authority(), config.tokenForm(),
                config.refreshBefore(), clock);
        this.errors = new NationalErrors(config.errorCodes());
    }

    @Override
    public CompletableFuture<ProviderResponse> send(ProviderRequest request) {
        return tokens.token()
                .thenCompose(token -> call(request, token)
                        .thenCompose(response -> {
                            if (response.status() != 401) {
                                return CompletableFuture.completedFuture(response);
                            }
                            tokens.invalidate(token);
                            return tokens.token().thenCompose(fresh -> call(request, fresh));
                        }))
                .thenApply(response -> national(request, response));
    }

    private CompletableFuture<ProviderResponse> call(ProviderRequest request, NdxpTokenSource.Token token) {
        Map<String, List<String>> headers = new HashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization"));
        headers.put("Authorization", List.of("Bearer " + token.value()));
        return api.send(new ProviderRequest(request.method(), request.subPath(), request.rawQuery(), headers,
                request.body()));
    }

    private ProviderResponse national(ProviderRequest request, ProviderResponse response) {
        List<String> ids = request.headers().get("X-Hub-Exchange-Id");
        String exchangeId = ids == null || ids.isEmpty() ? null : ids.get(0);
        NationalErrors.NationalError error = NationalErrors.find(response);
        if (error != null) {
            return errors.problem(error, response.status(), exchangeId);
        }
        if (response.status() == 401) { // also with a token issued a moment ago: the consumer can do nothing about it
            return NationalErrors.problem(HubError.PROVIDER_UNAVAILABLE,
                    "the national platform refused the hub's access token (HTTP 401), also a newly issued one",
                    exchangeId);
        }
        return response;
    }

    /**
     * Asks for a fresh token (checks the consumer key and secret) and then sends {@code HEAD} to the national
     * path with it (checks that the gateway routes the API).
     */
    @Override
    public CompletableFuture<ProbeResult> probe() {
        return tokens.fresh()
                .thenCompose(token -> {
                    Map<String, List<String>> headers = Map.of("Authorization", List.of("Bearer " + token.value()));
                    return api.send(new ProviderRequest("HEAD", "", null, headers, new byte[0]), "HEAD");
                })
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        return cause instanceof NdxpTokenSource.TokenFailure refused && refused.credentialsRefused()
                                ? new ProbeResult(ProbeResult.Outcome.CREDENTIALS_REJECTED, null, refused.getMessage())
                                : ProbeResult.fromFailure(cause);
                    }
                    ProbeResult result = ProbeResult.fromStatus(response.status());
                    return new ProbeResult(result.outcome(), result.status(),
                            "token obtained; the national API answered " + response.status());
                });
    }

    @Override
    public void close() {
        api.close();
        tokens.close();
    }
}
