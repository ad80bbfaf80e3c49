package vn.lgsp.hub.routes.async;

import vn.lgsp.hub.routes.metrics.HubMetrics;
import vn.lgsp.hub.routes.tracing.ExchangeTracing;
import io.micrometer.tracing.Span;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.RequestSchema;
import vn.lgsp.hub.core.catalog.TopicDefinition;
import vn.lgsp.hub.core.exchange.HeaderPolicy;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.config.HubProperties;
import vn.lgsp.hub.routes.flow.ProblemResponder;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.http.JsonBodies;
import vn.lgsp.hub.routes.http.Problems;
import vn.lgsp.hub.routes.http.Replies;
import vn.lgsp.hub.routes.privacy.PersonalDataSteps;
import vn.lgsp.hub.routes.security.ClientAuthenticator;

/**
 * Steps of the publish flow ({@link PublishRoute}): authenticate, resolve the topic, authorize (only the
 * topic's owner publishes), read and validate the record(s), make them durable, audit, answer 202.
 */
@Component
public class PublishSteps {

    static final String PREFIX = "/api/v1/topics/";
    private static final String TOPIC = "lgsp.topic";
    private static final String BATCH = "lgsp.batch";
    private static final String RECORDS = "lgsp.records";
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final CatalogHolder catalogs;
    private final ClientAuthenticator authenticator;
    private final RecordPublisher publisher;
    private final AuditStore audit;
    private final HubProperties properties;
    private final PersonalDataSteps personalData;
    private final HubMetrics metrics;
    private final ExchangeTracing tracing;

    public PublishSteps(CatalogHolder catalogs, ClientAuthenticator authenticator, RecordPublisher publisher,
                        AuditStore audit, HubProperties properties, PersonalDataSteps personalData,
                        HubMetrics metrics, ExchangeTracing tracing) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.catalogs = catalogs;
        this.authenticator = authenticator;
        this.publisher = publisher;
        this.audit = audit;
        this.properties = properties;
        this.personalData = personalData;
    }

    public void authenticate(Exchange exchange) {
        ExchangeContext ctx = ExchangeContext.begin(exchange);
        Catalog catalog = catalogs.pin(exchange);
        ctx.client(authenticator.authenticate(ctx, catalog));
    }

    public void resolveTopic(Exchange exchange) {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        String[] parts = ctx.rawPath().substring(Math.min(PREFIX.length(), ctx.rawPath().length())).split("/", -1);
        boolean single = parts.length == 3 && parts[2].equals("records");
        boolean batch = parts.length == 3 && parts[2].equals("records:batch");
        if (!single && !batch) {
            throw new HubException(HubError.NOT_FOUND,
                    "publish at /api/v1/topics/{publisher}/{topic}/records or .../records:batch");
        }
        resolveTopic(exchange, parts[0], parts[1], batch);
        if (!"POST".equals(ctx.method())) {
            exchange.setProperty(ProblemResponder.HEADERS, Map.of("Allow", List.of("POST")));
            throw new HubException(HubError.METHOD_NOT_ALLOWED, "records are published with POST");
        }
    }

    /** Resolves a topic by publisher and code (404 NOT_FOUND); also used by SOAP. */
    public void resolveTopic(Exchange exchange, String publisher, String code, boolean batch) {
        TopicDefinition topic = catalog(exchange).topic(publisher, code).orElseThrow(() -> new HubException(
                HubError.NOT_FOUND, "no topic '" + code + "' of publisher '" + publisher + "'"));
        exchange.setProperty(TOPIC, topic);
        exchange.setProperty(BATCH, batch);
    }

    public void authorize(Exchange exchange) {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        TopicDefinition topic = exchange.getProperty(TOPIC, TopicDefinition.class);
        if (!topic.publisherCode().equals(ctx.consumer())) {
            throw new HubException(HubError.ACCESS_DENIED, "only " + topic.publisherCode() + " publishes to "
                    + topic.key() + "; you are " + ctx.consumer());
        }
    }

    /** For a topic with personal data: X-Purpose must be one of its purposes (400 PURPOSE_REQUIRED). */
    public void checkPurpose(Exchange exchange) {
        personalData.checkTopic(ExchangeContext.of(exchange), exchange.getProperty(TOPIC, TopicDefinition.class));
    }

    public void readRecords(Exchange exchange) {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        TopicDefinition topic = exchange.getProperty(TOPIC, TopicDefinition.class);
        if (!JsonBodies.isJson(ctx.header("Content-Type"))) {
            throw new HubException(HubError.UNSUPPORTED_MEDIA_TYPE, "records are published as application/json");
        }
        JsonNode body = JsonBodies.parse(ctx.body());
        RequestSchema schema = catalog(exchange).recordSchema(topic).orElse(null);
        List<RecordPublisher.OutgoingRecord> records = new ArrayList<>();
        if (!exchange.getProperty(BATCH, Boolean.class)) {
            if (schema != null) {
                JsonBodies.validate(exchange, schema, body, topic.key());
            }
            records.add(new RecordPublisher.OutgoingRecord(ctx.body(), body.toString()));
        } else {
            readBatch(exchange, body, schema, topic, records);
        }
        exchange.setProperty(RECORDS, records);
    }

    private void readBatch(Exchange exchange, JsonNode body, RequestSchema schema, TopicDefinition topic,
                           List<RecordPublisher.OutgoingRecord> records) {
        if (!body.isArray() || body.isEmpty()) {
            throw new HubException(HubError.VALIDATION_FAILED, "a batch is a non-empty JSON array of records");
        }
        int max = properties.getAsync().getBatchMaxSize();
        if (body.size() > max) {
            throw new HubException(HubError.PAYLOAD_TOO_LARGE, "a batch holds at most " + max + " records, this one "
                    + body.size());
        }
        ObjectNode extra = Problems.extra();
        ArrayNode errors = extra.putArray("errors");
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            if (!item.isObject()) {
                errors.addObject().put("index", i).put("path", "$").put("message", "a record must be a JSON object");
                continue;
            }
            if (schema != null) {
                for (RequestSchema.Violation v : schema.validate(item)) {
                    errors.addObject().put("index", i).put("path", v.path()).put("message", v.message());
                }
            }
            records.add(new RecordPublisher.OutgoingRecord(JsonBodies.bytes(item), item.toString()));
        }
        if (!errors.isEmpty()) {
            exchange.setProperty(ProblemResponder.EXTRA, extra);
            List<Integer> bad = new ArrayList<>();
            errors.forEach(e -> {
                if (!bad.contains(e.path("index").asInt())) {
                    bad.add(e.path("index").asInt());
                }
            });
            throw new HubException(HubError.VALIDATION_FAILED, "records at index " + bad + " of " + topic.key()
                    + " are not valid; nothing of this batch was published");
        }
    }

    public void publish(Exchange exchange) throws Exception {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        boolean batch = exchange.getProperty(BATCH, Boolean.class);
        RecordPublisher.PublishResult result = publishRecords(exchange);
        ObjectNode answer = JsonBodies.MAPPER.createObjectNode();
        Map<String, List<String>> headers = new java.util.HashMap<>();
        if (batch) {
            result.exchangeIds().forEach(answer.putArray("exchangeIds")::add);
        } else {
            answer.put("exchangeId", result.exchangeIds().get(0));
            headers.put("Location", List.of("/api/v1/exchanges/" + result.exchangeIds().get(0)));
        }
        if (result.replayed()) {
            headers.put("Idempotent-Replayed", List.of("true"));
        }
        Replies.reply(exchange, ctx, 202, "application/json", JsonBodies.MAPPER.writeValueAsBytes(answer), headers);
    }

    /**
     * Makes the validated records durable (idempotency included) and writes their PUBLISH audit records;
     * also used by SOAP.
     */
    @SuppressWarnings("unchecked")
    public RecordPublisher.PublishResult publishRecords(Exchange exchange) throws Exception {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        TopicDefinition topic = exchange.getProperty(TOPIC, TopicDefinition.class);
        boolean batch = exchange.getProperty(BATCH, Boolean.class);
        String key = ctx.header("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new HubException(HubError.INVALID_REQUEST, "Idempotency-Key must be 1-200 visible ASCII characters");
        }
        List<RecordPublisher.OutgoingRecord> records = personalData.withSubjects(topic,
                exchange.getProperty(RECORDS, List.class));
        List<String> ids = batch ? null : List.of(ctx.exchangeId());
        Map<String, List<String>> trace = new java.util.HashMap<>();
        ExchangeTracing.HubSpan span = tracing.start("publish " + topic.publisherCode() + "/" + topic.code(),
                Span.Kind.PRODUCER, ctx.requestHeaders(), trace, Map.of("hub.exchange_id", ctx.exchangeId()));
        String traceparent = span == ExchangeTracing.NONE ? ctx.header(HeaderPolicy.TRACEPARENT)
                : trace.getOrDefault(HeaderPolicy.TRACEPARENT, List.of()).stream().findFirst().orElse(null);
        RecordPublisher.PublishResult result;
        try {
            result = publisher.publish(new RecordPublisher.PublishCommand(catalog(exchange), topic, records, key,
                    ctx.requestId(), ctx.header("Content-Type"), traceparent, ids, ctx.purpose()));
        } finally {
            tracing.end(span, 202, null);
        }
        List<AuditRecord> trail = new ArrayList<>(records.size());
        for (int i = 0; i < records.size() && i < result.exchangeIds().size(); i++) {
            String exchangeId = result.exchangeIds().get(i);
            if (result.replayed() && publishAudited(exchangeId)) {
                continue; // a replay only completes a PUBLISH record lost to a crash right after the commit
            }
            trail.add(AuditRecord.builder(AuditKind.PUBLISH).time(ctx.receivedAt())
                    .exchangeId(exchangeId).requestId(ctx.requestId())
                    .consumer(ctx.consumer()).provider(topic.publisherCode()).topic(topic.code())
                    .purpose(ctx.purpose()).subjectKeys(records.get(i).subjectKeys())
                    .status(202).durationMs(ctx.elapsedMillis()).requestBytes(records.get(i).bytes().length)
                    .requestSha256(Secrets.sha256Hex(records.get(i).bytes())).build());
            if (!result.replayed()) {
                personalData.published(exchangeId, records.get(i).bytes());
            }
        }
        audit.appendAll(trail); // one wait: the rows share the audit writer's group commit
        if (!result.replayed()) {
            metrics.published(topic.publisherCode(), topic.code(), records.size());
        }
        return result;
    }

    private boolean publishAudited(String exchangeId) {
        return !audit.find(new vn.lgsp.hub.core.audit.AuditQuery(exchangeId, null, AuditKind.PUBLISH, null, null, 1))
                .isEmpty();
    }

    private static Catalog catalog(Exchange exchange) {
        return CatalogHolder.pinned(exchange);
    }
}
