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

    /** Releases pooled connections; the default does nothing. */
    @Override
    default void close() {
    }
}
