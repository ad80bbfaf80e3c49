package vn.lgsp.hub.connectors.ndxp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.lgsp.hub.core.connector.ProviderResponse;
import vn.lgsp.hub.core.exchange.HubError;

/**
 * Turns NDXP's {@code {"error_code": ..., "message": "..."}} answers into the hub's RFC 9457 problem documents,
 * keeping the national code and message as the extension members {@code nationalCode} and
 * {@code nationalMessage}.
 *
 * <p>The hub code is chosen, first match wins: the connector's {@code error-codes} table (national code to hub
 * code); the symbolic prefix of the message ({@code RECORD_NOT_FOUND: ...}); the HTTP status NDXP answered
 * with; otherwise {@code PROVIDER_FAULT} (502). An {@code error_code} of {@code 0} means success and the answer
 * passes unchanged, as does any answer without an {@code error_code}.
 */
final class NationalErrors {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SYMBOL = Pattern.compile("^\\s*([A-Z][A-Z0-9_]{2,63})\\s*[:\\-]");
    private static final Map<String, HubError> SYMBOLS = Map.ofEntries(
            Map.entry("RECORD_NOT_FOUND", HubError.NOT_FOUND),
            Map.entry("NOT_FOUND", HubError.NOT_FOUND),
            Map.entry("DATA_NOT_FOUND", HubError.NOT_FOUND),
            Map.entry("INVALID_PARAM", HubError.INVALID_REQUEST),
            Map.entry("INVALID_PARAMETER", HubError.INVALID_REQUEST),
            Map.entry("INVALID_REQUEST", HubError.INVALID_REQUEST),
            Map.entry("BAD_REQUEST", HubError.INVALID_REQUEST),
            Map.entry("VALIDATION_FAILED", HubError.VALIDATION_FAILED),
            Map.entry("ACCESS_DENIED", HubError.ACCESS_DENIED),
            Map.entry("FORBIDDEN", HubError.ACCESS_DENIED),
            Map.entry("RATE_LIMITED", HubError.RATE_LIMITED),
            Map.entry("QUOTA_EXCEEDED", HubError.RATE_LIMITED),
            Map.entry("TIMEOUT", HubError.PROVIDER_TIMEOUT),
            Map.entry("SYSTEM_ERROR", HubError.PROVIDER_FAULT),
            Map.entry("SERVICE_UNAVAILABLE", HubError.PROVIDER_UNAVAILABLE));

    private final Map<String, HubError> configured;

    NationalErrors(Map<String, HubError> configured) {
        this.configured = configured;
    }

    /** The national error in an answer, or null when the answer is not one. */
    static NationalError find(ProviderResponse response) {
        byte[] body = response.body();
        if (body.length == 0 || body.length > 64 * 1024 || !looksLikeJsonObject(body)) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject() || !root.has("error_code") || root.get("error_code").isNull()) {
            return null;
        }
        String code = root.get("error_code").asText().trim();
        if (code.isEmpty() || code.matches("0+")) {
            return null;
        }
        return new NationalError(code, root.path("message").asText(""));
    }

    private static boolean looksLikeJsonObject(byte[] body) {
        for (byte b : body) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    /** The hub code for a national error answered with the given HTTP status. */
    HubError classify(NationalError error, int httpStatus) {
        HubError fixed = configured.get(error.code());
        if (fixed != null) {
            return fixed;
        }
        Matcher symbol = SYMBOL.matcher(error.message());
        if (symbol.find() && SYMBOLS.containsKey(symbol.group(1))) {
            return SYMBOLS.get(symbol.group(1));
        }
        return switch (httpStatus) {
            case 400 -> HubError.INVALID_REQUEST;
            case 403 -> HubError.ACCESS_DENIED;
            case 404 -> HubError.NOT_FOUND;
            case 408, 504 -> HubError.PROVIDER_TIMEOUT;
            case 413 -> HubError.PAYLOAD_TOO_LARGE;
            case 422 -> HubError.VALIDATION_FAILED;
            case 429 -> HubError.RATE_LIMITED;
            case 502, 503 -> HubError.PROVIDER_UNAVAILABLE;
            default -> HubError.PROVIDER_FAULT;
        };
    }

    /** The problem answer replacing NDXP's error answer. */
    ProviderResponse problem(NationalError error, int httpStatus, String exchangeId) {
        ObjectNode problem = problemNode(classify(error, httpStatus), "the national platform answered error_code "
                + error.code() + (error.message().isBlank() ? "" : ": " + error.message()), exchangeId);
        problem.put("nationalCode", error.code());
        problem.put("nationalMessage", error.message());
        problem.put("nationalStatus", httpStatus);
        return render(problem);
    }

    /** A problem answer of the connector itself (e.g. NDXP refusing a freshly issued token). */
    static ProviderResponse problem(HubError hub, String detail, String exchangeId) {
        return render(problemNode(hub, detail, exchangeId));
    }

    private static ObjectNode problemNode(HubError hub, String detail, String exchangeId) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", hub.typeUri());
        problem.put("title", hub.title());
        problem.put("status", hub.status());
        problem.put("detail", detail);
        problem.put("code", hub.name());
        if (exchangeId != null) {
            problem.put("exchangeId", exchangeId);
        }
        return problem;
    }

    private static ProviderResponse render(ObjectNode problem) {
        HubError hub = HubError.valueOf(problem.get("code").asText());
        try {
            return new ProviderResponse(hub.status(), Map.of("Content-Type", List.of(PROBLEM_JSON)),
                    JSON.writeValueAsBytes(problem));
        } catch (IOException e) {
            throw new IllegalStateException("cannot render a problem document", e);
        }
    }

    /** One national error answer. */
    record NationalError(String code, String message) {
    }
}
