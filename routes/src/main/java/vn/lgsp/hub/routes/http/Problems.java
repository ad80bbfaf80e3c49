package vn.lgsp.hub.routes.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.core.exchange.HubError;

/**
 * Renders RFC 9457 {@code application/problem+json} bodies with the hub's stable {@code code}.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** The problem document as UTF-8 bytes; {@code extra} (may be null) adds members such as OAuth2 {@code error}. */
    public static byte[] render(HubError error, String detail, String exchangeId, ObjectNode extra) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", error.typeUri());
        problem.put("title", error.title());
        problem.put("status", error.status());
        problem.put("detail", detail == null ? error.title() : detail);
        problem.put("code", error.name());
        if (exchangeId != null) {
            problem.put("exchangeId", exchangeId);
        }
        if (extra != null) {
            problem.setAll(extra);
        }
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a problem document", e);
        }
    }

    /** A fresh object for extra members. */
    public static ObjectNode extra() {
        return JSON.createObjectNode();
    }
}
