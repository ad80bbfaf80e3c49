package vn.lgsp.hub.core.connector;

/**
 * What a {@link ProviderConnector#probe() probe} found out about a provider: whether it is reachable and
 * accepts the hub's credentials. Latency is measured by the caller.
 *
 * @param outcome the verdict
 * @param status  the status the provider answered with (HTTP or the connector's equivalent), or null when
 *                it gave no answer
 * @param detail  a short explanation safe to show to operators (never a secret, token or URL query)
 */
public record ProbeResult(Outcome outcome, Integer status, String detail) {

    /** The verdict of a probe. */
    public enum Outcome {
        /** The provider answered and did not refuse the hub's credentials. */
        OK,
        /** The provider answered but refused the hub's credentials (e.g. 401/403, a refused token request). */
        CREDENTIALS_REJECTED,
        /** The provider answered with a server error (5xx). */
        PROVIDER_ERROR,
        /** No answer: connection refused, unknown host, TLS failure, ... */
        UNAVAILABLE,
        /** No answer in time. */
        TIMEOUT
    }

    /** True for {@link Outcome#OK}. */
    public boolean ok() {
        return outcome == Outcome.OK;
    }

    /** Classifies an HTTP-like status answered to a probe request. */
    public static ProbeResult fromStatus(int status) {
        if (status == 401 || status == 403) {
            return new ProbeResult(Outcome.CREDENTIALS_REJECTED, status, "the provider answered " + status);
        }
        if (status >= 500) {
            return new ProbeResult(Outcome.PROVIDER_ERROR, status, "the provider answered " + status);
        }
        return new ProbeResult(Outcome.OK, status, "the provider answered " + status);
    }

    /** Classifies a failure to get an answer ({@link ConnectorFailure} or anything else). */
    public static ProbeResult fromFailure(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectorFailure known) {
            return new ProbeResult(known.kind() == ConnectorFailure.Kind.TIMEOUT ? Outcome.TIMEOUT
                    : Outcome.UNAVAILABLE, null, known.getMessage());
        }
        return new ProbeResult(Outcome.UNAVAILABLE, null, "probe failed (" + cause.getClass().getSimpleName() + ")");
    }
}
