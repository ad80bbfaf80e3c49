package vn.lgsp.hub.routes.dmdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;
import vn.lgsp.hub.core.dmdc.DmdcCopy;
import vn.lgsp.hub.core.dmdc.JdbcDmdcStore;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.flow.ProviderConnectors;

/**
 * Fetches every configured DMDC catalog through the connector of the DMDC service (by default
 * {@code NDXP/dmdc}, an {@code ndxp} connector whose path ends in {@code /dmdc/...}): {@code GET} with the
 * catalog code as sub-path. A good answer (a JSON object with an {@code items} array) replaces the local copy;
 * anything else keeps the copy and records why.
 */
@Component
public class DmdcRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(DmdcRefresher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 300;
    private final DmdcProperties properties;
    private final CatalogHolder catalogs;
    private final ProviderConnectors connectors;
    private final JdbcDmdcStore store;
    private final Clock clock = Clock.systemUTC();

    public DmdcRefresher(DmdcProperties properties, CatalogHolder catalogs, ProviderConnectors connectors,
                         JdbcDmdcStore store) {
        this.properties = properties;
        this.catalogs = catalogs;
        this.connectors = connectors;
        this.store = store;
    }

    /** Fetches every configured catalog once; returns how many copies were replaced. */
    public int refreshAll() {
        int replaced = 0;
        for (String code : properties.getCatalogs()) {
            if (refresh(code)) {
                replaced++;
            }
        }
        return replaced;
    }

    /**
     * Fetches the catalogs that are due: never copied, copied longer than {@code refresh-interval} ago, or
     * failed at the last attempt longer than {@code retry-interval} ago.
     */
    public int refreshDue() {
        Instant now = clock.instant();
        int replaced = 0;
        for (String code : properties.getCatalogs()) {
            DmdcCopy copy = store.find(code).orElse(null);
            boolean due = copy == null
                    || !copy.fetchedAt().plus(properties.getRefreshInterval()).isAfter(now)
                    || copy.lastError() != null && !copy.lastAttemptAt().plus(properties.getRetryInterval()).isAfter(now);
            if (due && refresh(code)) {
                replaced++;
            }
        }
        return replaced;
    }

    /** Fetches one catalog; true when the copy was replaced. Never throws for a failed fetch. */
    public boolean refresh(String code) {
        Instant started = clock.instant();
        try {
            ProviderResponse response = fetch(code);
            Parsed parsed = parse(response);
            store.saveFetched(code, parsed.version(), parsed.items(), parsed.text(), started);
            LOG.info("DMDC catalog {} copied: {} items, version {}", code, parsed.items(), parsed.version());
            return true;
        } catch (FetchFailure e) {
            boolean kept = store.recordFailure(code, e.getMessage(), started);
            LOG.warn("DMDC catalog {} not refreshed ({}); {}", code, e.getMessage(),
                    kept ? "the previous copy is kept" : "there is no copy yet");
            return false;
        }
    }

    private ProviderResponse fetch(String code) {
        String[] key = properties.getService().split("/", 2);
        ServiceDefinition service = key.length < 2 ? null : catalogs.current().service(key[0], key[1]).orElse(null);
        if (service == null) {
            throw new FetchFailure("hub.dmdc.service " + properties.getService() + " is not in the catalog");
        }
        String requestId = UUID.randomUUID().toString();
        ProviderRequest request = new ProviderRequest("GET", "/" + code, null, Map.of(
                "Accept", List.of("application/json"), "X-Request-Id", List.of(requestId)), new byte[0]);
        try {
            return connectors.forSpec(service.connector()).send(request).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new FetchFailure(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (TimeoutException e) {
            throw new FetchFailure("no answer within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailure("interrupted");
        }
    }

    private Parsed parse(ProviderResponse response) {
        byte[] body = response.body();
        if (response.status() < 200 || response.status() > 299) {
            throw new FetchFailure("answered HTTP " + response.status() + problemCode(body));
        }
        if (body.length > properties.getMaxBytes()) {
            throw new FetchFailure("answer of " + body.length + " bytes is larger than hub.dmdc.max-bytes");
        }
        JsonNode root;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
            root = JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw new FetchFailure("answer is not UTF-8 text");
        } catch (IOException e) {
            throw new FetchFailure("answer is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("items").isArray()) {
            throw new FetchFailure("answer is not a catalog (a JSON object with an items array)");
        }
        JsonNode version = root.get("version");
        return new Parsed(text, version == null || version.isNull() ? null : version.asText(), root.get("items").size());
    }

    private static String problemCode(byte[] body) {
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.has("code")) {
                return " " + problem.get("code").asText() + (problem.has("nationalCode")
                        ? " (national error_code " + problem.get("nationalCode").asText() + ")" : "");
            }
        } catch (IOException | RuntimeException e) {
            // not a problem document: the status says enough
        }
        return "";
    }

    private record Parsed(String text, String version, int items) {
    }

    /** A fetch that did not produce a new copy; the message is safe to log and store. */
    private static final class FetchFailure extends RuntimeException {
        FetchFailure(String message) {
            super(message, null, false, false);
        }
    }
}
