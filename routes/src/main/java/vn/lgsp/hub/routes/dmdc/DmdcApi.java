package vn.lgsp.hub.routes.dmdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.dmdc.DmdcCopy;
import vn.lgsp.hub.core.dmdc.JdbcDmdcStore;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.flow.ProblemResponder;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.http.Replies;
import vn.lgsp.hub.routes.security.ClientAuthenticator;

/**
 * {@code GET /api/v1/dmdc}: the DMDC copies the hub keeps, and {@code GET /api/v1/dmdc/{code}}: one copy,
 * served from the database (so also while NDXP is unreachable). Any authenticated client may read them. The
 * answer carries the copy's age: {@code fetchedAt} and {@code ageSeconds} in the body, {@code Age} (seconds)
 * and {@code Last-Modified} headers.
 */
@Component
public class DmdcApi {

    static final String PREFIX = "/api/v1/dmdc";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CatalogHolder catalogs;
    private final ClientAuthenticator authenticator;
    private final JdbcDmdcStore store;
    private final Clock clock = Clock.systemUTC();

    public DmdcApi(CatalogHolder catalogs, ClientAuthenticator authenticator, JdbcDmdcStore store) {
        this.catalogs = catalogs;
        this.authenticator = authenticator;
        this.store = store;
    }

    public void handle(Exchange exchange) throws IOException {
        ExchangeContext ctx = ExchangeContext.begin(exchange);
        ctx.client(authenticator.authenticate(ctx.header("Authorization"), ctx.header("X-API-Key"), catalogs.current()));
        if (!"GET".equals(ctx.method())) {
            exchange.setProperty(ProblemResponder.HEADERS, Map.of("Allow", List.of("GET")));
            throw new HubException(HubError.METHOD_NOT_ALLOWED, "shared catalogs are read with GET");
        }
        String rest = ctx.rawPath().substring(PREFIX.length());
        Instant now = clock.instant();
        if (rest.isEmpty() || rest.equals("/")) {
            ArrayNode list = JSON.createArrayNode();
            for (DmdcCopy copy : store.all()) {
                ObjectNode entry = list.addObject();
                entry.put("code", copy.code());
                entry.put("version", copy.version());
                entry.put("itemCount", copy.itemCount());
                age(entry, copy, now);
                entry.put("href", PREFIX + "/" + copy.code());
            }
            Replies.reply(exchange, ctx, 200, "application/json", JSON.writeValueAsBytes(list), null);
            return;
        }
        String code = rest.substring(1);
        DmdcCopy copy = DmdcConfiguration.CODE.matcher(code).matches() ? store.find(code).orElse(null) : null;
        if (copy == null) {
            throw new HubException(HubError.NOT_FOUND, "the hub keeps no copy of a shared catalog '"
                    + (code.length() > 100 || !DmdcConfiguration.CODE.matcher(code).matches() ? "?" : code)
                    + "' (see GET " + PREFIX + ")");
        }
        JsonNode content = JSON.readTree(copy.content());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("code", copy.code());
        answer.put("version", copy.version());
        age(answer, copy, now);
        answer.put("source", "NDXP");
        answer.set("items", content.get("items"));
        Replies.reply(exchange, ctx, 200, "application/json", JSON.writeValueAsBytes(answer), Map.of(
                "Age", List.of(Long.toString(copy.age(now).toSeconds())),
                "Last-Modified", List.of(DateTimeFormatter.RFC_1123_DATE_TIME.format(copy.fetchedAt().atOffset(ZoneOffset.UTC))),
                "Cache-Control", List.of("no-cache")));
    }

    private static void age(ObjectNode node, DmdcCopy copy, Instant now) {
        node.put("fetchedAt", copy.fetchedAt().toString());
        node.put("ageSeconds", copy.age(now).toSeconds());
        node.put("lastAttemptAt", copy.lastAttemptAt().toString());
    }
}
