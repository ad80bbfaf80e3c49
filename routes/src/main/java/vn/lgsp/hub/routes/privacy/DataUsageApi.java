package vn.lgsp.hub.routes.privacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.audit.AuditSubjects;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.Participant;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.core.privacy.SubjectKeys;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.flow.ProblemResponder;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.http.JsonBodies;
import vn.lgsp.hub.routes.http.Replies;
import vn.lgsp.hub.routes.security.ClientAuthenticator;

/**
 * {@code GET /api/v1/data-usage/{subjectId}[?before=&limit=]}: every audited exchange that named the person —
 * sync calls (and refused attempts), published records and their deliveries, earlier data-usage reports —
 * newest first, with time, kind, the agency that requested or received the data (code and catalog name),
 * service or topic, purpose and outcome. Only for clients with role {@code data-tracker} (e.g. the provincial
 * citizen portal), others get 403. The subject id is looked up by its keyed hash (the audit trail holds no
 * ids) and answered masked. Each report is itself audited: kind OPS, code {@value #AUDIT_CODE}, the tracker's
 * agency as consumer and the subject's key, so later reports list it too.
 */
@Component
public class DataUsageApi {

    static final String PREFIX = "/api/v1/data-usage";
    /** Audit code of a data-usage report. */
    public static final String AUDIT_CODE = "DATA_USAGE_REPORT";
    /** The role a client needs. */
    public static final String ROLE = "data-tracker";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final Pattern SUBJECT_ID = Pattern.compile("[0-9A-Za-z]{1,64}");

    private final CatalogHolder catalogs;
    private final ClientAuthenticator authenticator;
    private final SubjectKeys subjectKeys;
    private final AuditSubjects subjects;
    private final AuditStore audit;

    public DataUsageApi(CatalogHolder catalogs, ClientAuthenticator authenticator, SubjectKeys subjectKeys,
                        AuditSubjects subjects, AuditStore audit) {
        this.catalogs = catalogs;
        this.authenticator = authenticator;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.audit = audit;
    }

    public void handle(Exchange exchange) throws IOException {
        ExchangeContext ctx = ExchangeContext.begin(exchange);
        Catalog catalog = catalogs.current();
        ctx.client(authenticator.authenticate(ctx, catalog));
        if (!ctx.client().roles().contains(ROLE)) {
            throw new HubException(HubError.ACCESS_DENIED, "the data-usage report is only for clients with role "
                    + ROLE + "; client " + ctx.client().id() + " does not have it");
        }
        if (!"GET".equals(ctx.method())) {
            exchange.setProperty(ProblemResponder.HEADERS, Map.of("Allow", List.of("GET")));
            throw new HubException(HubError.METHOD_NOT_ALLOWED, "the data-usage report is read with GET");
        }
        String rest = ctx.rawPath().substring(PREFIX.length());
        if (!rest.startsWith("/") || rest.indexOf('/', 1) >= 0) {
            throw new HubException(HubError.NOT_FOUND, "ask GET /api/v1/data-usage/{subjectId}");
        }
        String subjectId = rest.substring(1);
        if (!SUBJECT_ID.matcher(subjectId).matches()) {
            throw new HubException(HubError.INVALID_REQUEST, "the subject id must be 1 to 64 letters or digits");
        }
        Map<String, String> query = query(ctx.rawQuery());
        Long before = before(query.get("before"));
        int limit = limit(query.get("limit"));
        String key = subjectKeys.key(subjectId);
        ctx.subjectKeys(key);
        List<AuditRecord> records = subjects.find(key, before, limit);
        ObjectNode answer = JsonBodies.MAPPER.createObjectNode();
        answer.put("subject", SubjectKeys.mask(subjectId));
        ArrayNode items = answer.putArray("items");
        records.forEach(r -> item(items.addObject(), r, catalog));
        if (records.size() == limit) {
            answer.put("next", records.get(records.size() - 1).id());
        } else {
            answer.putNull("next");
        }
        audit.append(AuditRecord.builder(AuditKind.OPS).time(ctx.receivedAt()).exchangeId(ctx.exchangeId())
                .requestId(ctx.requestId()).consumer(ctx.consumer()).subjectKeys(key).status(200).code(AUDIT_CODE)
                .detail("data-usage report for client " + ctx.client().id() + ": " + records.size() + " items")
                .durationMs(ctx.elapsedMillis()).build());
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Cache-Control", List.of("no-store"));
        Replies.reply(exchange, ctx, 200, "application/json", JsonBodies.MAPPER.writeValueAsBytes(answer), headers);
    }

    private static void item(ObjectNode item, AuditRecord r, Catalog catalog) {
        String agency = r.kind() == AuditKind.DELIVERY ? r.subscriber() : r.consumer();
        item.put("time", r.time() == null ? null : r.time().toString());
        item.put("kind", r.kind().name());
        item.put("exchangeId", r.exchangeId());
        item.put("consumer", agency);
        item.put("consumerName", name(catalog, agency));
        item.put("provider", r.provider());
        item.put("providerName", name(catalog, r.provider()));
        item.put("service", r.service());
        item.put("topic", r.topic());
        item.put("subscriber", r.subscriber());
        item.put("purpose", r.purpose());
        item.put("status", r.status());
        item.put("code", r.code());
    }

    private static String name(Catalog catalog, String code) {
        return code == null ? null : catalog.participant(code).map(Participant::name).orElse(null);
    }

    private static Long before(String value) {
        if (value == null) {
            return null;
        }
        try {
            long before = Long.parseLong(value);
            if (before < 1) {
                throw new NumberFormatException("not positive");
            }
            return before;
        } catch (NumberFormatException e) {
            throw new HubException(HubError.INVALID_REQUEST, "before must be the 'next' value of the previous page");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw badLimit();
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw badLimit();
        }
        return limit;
    }

    private static HubException badLimit() {
        return new HubException(HubError.INVALID_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        try {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException e) {
            throw new HubException(HubError.INVALID_REQUEST, "the query string is not correctly URL-encoded");
        }
        return out;
    }
}
