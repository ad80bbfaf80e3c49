package vn.lgsp.hub.routes.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import vn.lgsp.hub.core.catalog.RequestSchema;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.flow.ProblemResponder;

/**
 * Reading JSON request bodies the same way on every path: UTF-8 only, strict parsing (no trailing
 * content), bounded nesting and sizes, schema violations reported with their paths.
 */
public final class JsonBodies {

    /** The parser for request bodies. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1_000_000).maxNumberLength(100).build());
    }

    private JsonBodies() {
    }

    /** True for application/json and +json types; a charset other than UTF-8 is refused (415). */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String lower = contentType.toLowerCase(Locale.ROOT);
        String type = lower.split(";", 2)[0].trim();
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            return false;
        }
        int charset = lower.indexOf("charset=");
        if (charset >= 0) {
            String value = lower.substring(charset + 8).split(";", 2)[0].trim().replace("\"", "");
            if (!value.equals("utf-8")) {
                throw new HubException(HubError.UNSUPPORTED_MEDIA_TYPE, "JSON must be sent as UTF-8, not " + value);
            }
        }
        return true;
    }

    /** Parses a body; malformed JSON is a 400 MALFORMED_BODY naming line and column. */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new HubException(HubError.MALFORMED_BODY, "the body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new HubException(HubError.MALFORMED_BODY, "the body is not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HubException(HubError.MALFORMED_BODY, "the body could not be read as JSON");
        }
    }

    /** The UTF-8 bytes of a JSON value. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** Validates against a schema; on violations sets the {@code errors} problem member and throws 422. */
    public static void validate(Exchange exchange, RequestSchema schema, JsonNode body, String what) {
        List<RequestSchema.Violation> violations = schema.validate(body);
        if (violations.isEmpty()) {
            return;
        }
        ObjectNode extra = Problems.extra();
        ArrayNode errors = extra.putArray("errors");
        violations.forEach(v -> errors.addObject().put("path", v.path()).put("message", v.message()));
        exchange.setProperty(ProblemResponder.EXTRA, extra);
        RequestSchema.Violation first = violations.get(0);
        throw new HubException(HubError.VALIDATION_FAILED, "the body does not match the schema of " + what + ": "
                + first.path() + ": " + first.message());
    }
}
