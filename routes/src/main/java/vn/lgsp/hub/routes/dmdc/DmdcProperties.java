package vn.lgsp.hub.routes.dmdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Local copies of the national shared catalogs (DMDC), {@code hub.dmdc.*}: which catalogs to copy, through
 * which catalog service, and how often.
 */
@ConfigurationProperties(prefix = "hub.dmdc")
public class DmdcProperties {

    /** Catalog codes to copy, e.g. donvihanhchinhcap3, dantoc. Empty: nothing is fetched. */
    private List<String> catalogs = new ArrayList<>();
    /** The catalog service ({provider}/{service}) whose connector fetches {code} as its sub-path. */
    private String service = "NDXP/dmdc";
    /** Time between two fetches of every catalog. */
    private Duration refreshInterval = Duration.ofHours(6);
    /** Time after a failed fetch before that catalog is tried again (sooner than the refresh interval). */
    private Duration retryInterval = Duration.ofMinutes(5);
    /** Time after startup before the first fetch. */
    private Duration initialDelay = Duration.ofSeconds(5);
    /** Largest catalog document accepted. */
    private int maxBytes = 16 * 1024 * 1024;

    public List<String> getCatalogs() { return catalogs; }
    public void setCatalogs(List<String> catalogs) { this.catalogs = catalogs; }
    public String getService() { return service; }
    public void setService(String service) { this.service = service; }
    public Duration getRefreshInterval() { return refreshInterval; }
    public void setRefreshInterval(Duration refreshInterval) { this.refreshInterval = refreshInterval; }
    public Duration getRetryInterval() { return retryInterval; }
    public void setRetryInterval(Duration retryInterval) { this.retryInterval = retryInterval; }
    public Duration getInitialDelay() { return initialDelay; }
    public void setInitialDelay(Duration initialDelay) { this.initialDelay = initialDelay; }
    public int getMaxBytes() { return maxBytes; }
    public void setMaxBytes(int maxBytes) { this.maxBytes = maxBytes; }
}
