package vn.lgsp.hub.core.audit.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.checkpoint.Checkpoint;

/**
 * JSON lines of archive files: the header, one object per audit record (every field, nulls written as null,
 * time as ISO-8601 exactly as hashed), and checkpoints. Malformed input is an {@link IllegalArgumentException}.
 */
public final class ArchiveCodec {

    static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveCodec() {
    }

    /** The header line. */
    public static String header(ArchiveHeader h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", ArchiveHeader.FORMAT).put("version", ArchiveHeader.VERSION).put("node", h.node())
                .put("firstSeq", h.firstSeq()).put("lastSeq", h.lastSeq()).put("count", h.count())
                .put("prevHash", h.prevHash()).put("lastHash", h.lastHash()).put("created", iso(h.created()));
        ArrayNode cps = n.putArray("checkpoints");
        h.checkpoints().forEach(cp -> cps.add(checkpoint(cp)));
        ObjectNode certs = n.putObject("certificates");
        h.certificates().forEach(certs::put);
        return write(n);
    }

    /** Parses the header line. */
    public static ArchiveHeader header(String line) {
        JsonNode n = read(line);
        if (!ArchiveHeader.FORMAT.equals(n.path("format").asText()) || n.path("version").asInt() != ArchiveHeader.VERSION) {
            throw new IllegalArgumentException("not an " + ArchiveHeader.FORMAT + " v" + ArchiveHeader.VERSION + " header");
        }
        List<Checkpoint> cps = new ArrayList<>();
        n.path("checkpoints").forEach(c -> cps.add(checkpoint(c)));
        Map<String, String> certs = new LinkedHashMap<>();
        n.path("certificates").fields().forEachRemaining(e -> certs.put(e.getKey(), e.getValue().asText()));
        return new ArchiveHeader(text(n, "node"), n.path("firstSeq").asLong(), n.path("lastSeq").asLong(),
                n.path("count").asLong(), text(n, "prevHash"), text(n, "lastHash"), Instant.parse(text(n, "created")),
                cps, certs);
    }

    /** One record line. */
    public static String record(AuditRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id()).put("node", r.node()).put("seq", r.seq()).put("time", iso(r.time()))
                .put("kind", r.kind() == null ? null : r.kind().name()).put("exchangeId", r.exchangeId())
                .put("requestId", r.requestId()).put("consumer", r.consumer()).put("provider", r.provider())
                .put("service", r.service()).put("topic", r.topic()).put("subscriber", r.subscriber())
                .put("purpose", r.purpose()).put("subjectKeys", r.subjectKeys()).put("status", r.status())
                .put("code", r.code()).put("durationMs", r.durationMs()).put("requestBytes", r.requestBytes())
                .put("responseBytes", r.responseBytes()).put("requestSha256", r.requestSha256())
                .put("responseSha256", r.responseSha256()).put("detail", r.detail()).put("prevHash", r.prevHash())
                .put("hash", r.hash());
        return write(n);
    }

    /** Parses a record line. */
    public static AuditRecord record(String line) {
        JsonNode n = read(line);
        String kind = text(n, "kind");
        String time = text(n, "time");
        return new AuditRecord(longOrNull(n, "id"), text(n, "node"), longOrNull(n, "seq"),
                time == null ? null : Instant.parse(time), kind == null ? null : AuditKind.valueOf(kind),
                text(n, "exchangeId"), text(n, "requestId"), text(n, "consumer"), text(n, "provider"),
                text(n, "service"), text(n, "topic"), text(n, "subscriber"), text(n, "purpose"),
                text(n, "subjectKeys"), n.path("status").asInt(), text(n, "code"), n.path("durationMs").asLong(),
                n.path("requestBytes").asLong(), n.path("responseBytes").asLong(), text(n, "requestSha256"),
                text(n, "responseSha256"), text(n, "detail"), text(n, "prevHash"), text(n, "hash"));
    }

    static ObjectNode checkpoint(Checkpoint cp) {
        return JSON.createObjectNode().put("node", cp.node()).put("seq", cp.seq()).put("hash", cp.hash())
                .put("time", iso(cp.time())).put("algorithm", cp.algorithm()).put("keyId", cp.keyId())
                .put("signature", cp.signature());
    }

    static Checkpoint checkpoint(JsonNode c) {
        return new Checkpoint(null, text(c, "node"), c.path("seq").asLong(), text(c, "hash"),
                Instant.parse(text(c, "time")), text(c, "algorithm"), text(c, "keyId"), text(c, "signature"));
    }

    static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode read(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String iso(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }
}
