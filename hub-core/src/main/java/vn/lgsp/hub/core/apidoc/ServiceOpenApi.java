package vn.lgsp.hub.core.apidoc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.lgsp.hub.core.catalog.ServiceDefinition;

/**
 * Generates the OpenAPI 3.1 document of one service from its catalog entry: its address (and published path),
 * the methods it accepts, its request schema (embedded as is: OpenAPI 3.1 schemas are JSON Schema 2020-12),
 * the {@code X-Purpose} codes of a personal-data service, the hub's two ways to authenticate, and the hub's
 * problem answers. Served at {@code /api/v1/catalog/{provider}/{service}/openapi.json}; the server URL is
 * relative, so the document works behind whatever host name the department uses.
 */
public final class ServiceOpenApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final String SUB_PATH = "_sub_path";
    /** Answers the hub itself may give, with the problem codes behind each status. */
    private static final Map<String, String> HUB_ANSWERS = new java.util.LinkedHashMap<>();

    static {
        HUB_ANSWERS.put("400", "MALFORMED_BODY, PURPOSE_REQUIRED, INVALID_REQUEST");
        HUB_ANSWERS.put("401", "AUTH_REQUIRED, AUTH_INVALID");
        HUB_ANSWERS.put("403", "ACCESS_DENIED");
        HUB_ANSWERS.put("404", "SERVICE_NOT_FOUND");
        HUB_ANSWERS.put("405", "METHOD_NOT_ALLOWED");
        HUB_ANSWERS.put("413", "PAYLOAD_TOO_LARGE");
        HUB_ANSWERS.put("415", "UNSUPPORTED_MEDIA_TYPE");
        HUB_ANSWERS.put("422", "VALIDATION_FAILED (the body breaks the request schema)");
        HUB_ANSWERS.put("429", "RATE_LIMITED");
        HUB_ANSWERS.put("502", "PROVIDER_UNAVAILABLE, PROVIDER_FAULT");
        HUB_ANSWERS.put("503", "SUSPENDED, CIRCUIT_OPEN");
        HUB_ANSWERS.put("504", "PROVIDER_TIMEOUT");
    }

    private ServiceOpenApi() {
    }

    /**
     * @param service      the catalog entry
     * @param providerName the provider's name
     * @param schema       the request schema as written in its file, or null
     * @param links        other documents of the service (e.g. {@code wsdl}), listed in the description
     */
    public static ObjectNode document(ServiceDefinition service, String providerName, JsonNode schema, Map<String, String> links) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", service.name() + " (" + service.key() + ")");
        info.put("version", String.valueOf(service.version()));
        StringBuilder description = new StringBuilder("Provided by ").append(providerName == null
                ? service.providerCode() : providerName + " (" + service.providerCode() + ")")
                .append(" through the LGSP hub. The hub checks the caller, the purpose and the body, then passes the"
                        + " request to the provider and its answer back unchanged; its own refusals are RFC 9457"
                        + " problem documents with a stable `code`.");
        links.forEach((name, href) -> description.append(" ").append(name).append(": ").append(href).append("."));
        info.put("description", description.toString());
        doc.putArray("servers").addObject().put("url", "/")
                .put("description", "the hub's department port (this document's own origin)");
        ArrayNode security = doc.putArray("security");
        security.addObject().putArray("bearer");
        security.addObject().putArray("apiKey");

        ObjectNode paths = doc.putObject("paths");
        String address = "/api/v1/services/" + service.key();
        paths.set(address, pathItem(service, schema, ""));
        paths.set(address + "/{subPath}", pathItem(service, schema, SUB_PATH));
        if (service.publishedPath() != null) {
            paths.set(service.publishedPath(), pathItem(service, schema, "_published_path"));
        }
        components(doc.putObject("components"), schema);
        return doc;
    }

    /** @param variant suffix of the operation ids: "" (the address), {@link #SUB_PATH} or the published path's */
    private static ObjectNode pathItem(ServiceDefinition service, JsonNode schema, String variant) {
        ObjectNode item = JSON.createObjectNode();
        if (variant.equals(SUB_PATH)) {
            item.putArray("parameters").addObject().put("name", "subPath").put("in", "path").put("required", true)
                    .put("description", "anything after the service address (one or more segments) is passed to "
                            + "the provider as is, with the query string")
                    .putObject("schema").put("type", "string");
        }
        service.methods().stream().sorted().forEach(method -> item.set(method.toLowerCase(Locale.ROOT),
                operation(service, method, schema, variant)));
        return item;
    }

    private static ObjectNode operation(ServiceDefinition service, String method, JsonNode schema, String variant) {
        ObjectNode op = JSON.createObjectNode();
        op.put("operationId", method.toLowerCase(Locale.ROOT) + "_" + service.code().replace('-', '_') + variant);
        op.put("summary", service.name());
        ArrayNode parameters = op.putArray("parameters");
        parameters.addObject().put("name", "X-Request-Id").put("in", "header").put("required", false)
                .put("description", "your correlation id, echoed (one is made when absent)")
                .putObject("schema").put("type", "string").put("pattern", "^[A-Za-z0-9._:@/+=-]{1,128}$");
        if (service.personalData() != null) {
            ObjectNode purpose = parameters.addObject().put("name", "X-Purpose").put("in", "header")
                    .put("required", true).put("description", "why you process this person's data; one of the "
                            + "accepted purpose codes (otherwise 400 PURPOSE_REQUIRED)");
            ArrayNode codes = purpose.putObject("schema").put("type", "string").putArray("enum");
            service.personalData().purposes().forEach(codes::add);
        }
        if (BODY_METHODS.contains(method)) {
            ObjectNode body = op.putObject("requestBody").put("required", schema != null);
            ObjectNode content = body.putObject("content");
            if (schema != null) {
                content.putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Request");
            } else {
                body.put("description", "passed to the provider as is");
                content.putObject("*/*").putObject("schema").put("type", "string").put("format", "binary");
            }
        }
        ObjectNode responses = op.putObject("responses");
        responses.putObject("2XX").put("description", "the provider's answer, passed through")
                .putObject("content").putObject("*/*").putObject("schema").put("type", "string").put("format", "binary");
        HUB_ANSWERS.forEach((status, codes) -> {
            if (!status.equals("422") || schema != null) {
                responses.putObject(status).put("$ref", "#/components/responses/Problem" + status);
            }
        });
        return op;
    }

    private static void components(ObjectNode components, JsonNode schema) {
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "access token from POST /token (OAuth2 client credentials)");
        schemes.putObject("apiKey").put("type", "apiKey").put("in", "header").put("name", "X-API-Key");
        ObjectNode schemas = components.putObject("schemas");
        if (schema != null) {
            schemas.set("Request", schema);
        }
        ObjectNode problem = schemas.putObject("Problem").put("type", "object")
                .put("description", "RFC 9457 problem details with the hub's stable code");
        ObjectNode props = problem.putObject("properties");
        for (String text : List.of("type", "title", "detail", "code", "exchangeId")) {
            props.putObject(text).put("type", "string");
        }
        props.putObject("status").put("type", "integer");
        problem.putArray("required").add("status").add("code");
        ObjectNode responses = components.putObject("responses");
        HUB_ANSWERS.forEach((status, codes) -> responses.putObject("Problem" + status)
                .put("description", "refused by the hub: " + codes)
                .putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", "#/components/schemas/Problem"));
    }
}
