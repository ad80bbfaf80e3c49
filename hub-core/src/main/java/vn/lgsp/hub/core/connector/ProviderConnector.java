package vn.lgsp.hub.core.connector;

import java.util.concurrent.CompletableFuture;

/**
 * A live connection to one provider endpoint, created from a {@link ConnectorSpec} by a
 * {@link ConnectorFactory}. Implementations are thread-safe and non-blocking: {@link #send} returns at once
 * and completes the future with the provider's answer, or exceptionally with a {@link ConnectorFailure}.
 */
public interface ProviderConnector extends AutoCloseable {

    /** Sends one request to the provider. */
    CompletableFuture<ProviderResponse> send(ProviderRequest request);

    /**
     * Checks that the provider is reachable and accepts the hub's credentials, without doing real work
     * (the onboarding smoke test of {@code POST /ops/v1/services/{provider}/{service}:probe}). The future
     * always completes normally. The default sends a {@code HEAD} request with an empty sub-path and no body
     * through {@link #send} and classifies the answer with {@link ProbeResult#fromStatus}; a connector whose
     * {@code send} would do real work for such a request (or that has a cheaper check) overrides it.
     */
    default CompletableFuture<ProbeResult> probe() {
        CompletableFuture<ProviderResponse> sent;
        try {
            sent = send(new ProviderRequest("HEAD", "", null, java.util.Map.of(), new byte[0]));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ProbeResult.fromFailure(e));
        }
        return sent.handle((response, failure) -> failure == null ? ProbeResult.fromStatus(response.status())
                : ProbeResult.fromFailure(failure));
    }

    /** Releases pooled connections; the default does nothing. */
    @Override
    default void close() {
    }
}
