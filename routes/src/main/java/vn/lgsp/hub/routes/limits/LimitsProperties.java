package vn.lgsp.hub.routes.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the department-facing listener ({@code hub.limits.*}); what each defends is in
 * docs/security.md. Body size and batch size stay under {@code hub.http.max-body-size} and
 * {@code hub.async.batch-max-size}.
 */
@ConfigurationProperties(prefix = "hub.limits")
public class LimitsProperties {

    /** Failed {@code /token} requests one IP address may make per {@link #tokenFailureWindow}; then 429. */
    private int tokenFailuresPerIp = 10;
    private Duration tokenFailureWindow = Duration.ofMinutes(1);
    /** Longest request line (method, path and query). */
    private DataSize maxRequestLine = DataSize.ofKilobytes(8);
    /** Largest total size of the request headers. */
    private DataSize maxHeaderSize = DataSize.ofKilobytes(16);
    /** A connection with no traffic either way for this long is closed; keep it above every resilience.timeout. */
    private Duration idleTimeout = Duration.ofSeconds(120);
    /** A request body must have fully arrived this long after the request started; else 408 (slow clients). */
    private Duration bodyReadTimeout = Duration.ofSeconds(10);

    public int getTokenFailuresPerIp() { return tokenFailuresPerIp; }
    public void setTokenFailuresPerIp(int tokenFailuresPerIp) { this.tokenFailuresPerIp = tokenFailuresPerIp; }
    public Duration getTokenFailureWindow() { return tokenFailureWindow; }
    public void setTokenFailureWindow(Duration tokenFailureWindow) { this.tokenFailureWindow = tokenFailureWindow; }
    public DataSize getMaxRequestLine() { return maxRequestLine; }
    public void setMaxRequestLine(DataSize maxRequestLine) { this.maxRequestLine = maxRequestLine; }
    public DataSize getMaxHeaderSize() { return maxHeaderSize; }
    public void setMaxHeaderSize(DataSize maxHeaderSize) { this.maxHeaderSize = maxHeaderSize; }
    public Duration getIdleTimeout() { return idleTimeout; }
    public void setIdleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; }
    public Duration getBodyReadTimeout() { return bodyReadTimeout; }
    public void setBodyReadTimeout(Duration bodyReadTimeout) { this.bodyReadTimeout = bodyReadTimeout; }
}
