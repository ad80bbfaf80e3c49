package vn.lgsp.hub.routes.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.lgsp.hub.core.exchange.HeaderPolicy;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;

/**
 * Fuzzes what the hub reads from a request before any provider is involved: the request id, path and
 * query split, Content-Type, the JSON body and the headers forwarded to a provider. Allowed outcomes are a
 * result or a {@link HubException} with a 4xx code; the request id kept must be a safe token, and the
 * caller can never choose the {@code X-Hub-*} headers a provider sees.
 */
@Tag("fuzz")
class RequestEnvelopeFuzzTest {

    private static final Set<HubError> BODY_ERRORS = Set.of(HubError.MALFORMED_BODY, HubError.UNSUPPORTED_MEDIA_TYPE);
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    @FuzzTest(maxDuration = "5m")
    void envelopeParsingOnlyFailsWithProblems(FuzzedDataProvider data) {
        String requestId = data.consumeString(200);
        String uri = data.consumeString(600);
        String contentType = data.consumeString(120);
        String forgedConsumer = data.consumeString(60);
        byte[] body = data.consumeRemainingAsBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(contentType));
        headers.put("x-hub-consumer", List.of(forgedConsumer));
        headers.put("X-Request-Id", List.of(requestId));

        ExchangeContext ctx = ExchangeContext.begin(requestId, METHODS.get(body.length % METHODS.size()), uri, headers);
        if (!ctx.requestId().matches("[A-Za-z0-9._:@/+=-]{1,128}")) {
            throw new AssertionError("unsafe request id kept: " + ctx.requestId());
        }
        if (ctx.rawPath().indexOf('?') >= 0) {
            throw new AssertionError("query left in the path: " + ctx.rawPath());
        }
        try {
            if (JsonBodies.isJson(contentType)) {
                JsonBodies.parse(body);
            }
        } catch (HubException e) {
            if (!BODY_ERRORS.contains(e.error())) {
                throw new AssertionError("unexpected code " + e.error(), e);
            }
        }
        Map<String, List<String>> toProvider = HeaderPolicy.toProvider(headers,
                new HeaderPolicy.HubHeaders("000.00.01.H99", "exchange-1", "message-1", ctx.requestId()));
        toProvider.forEach((name, values) -> {
            if (name.equalsIgnoreCase(HeaderPolicy.CONSUMER) && !values.equals(List.of("000.00.01.H99"))) {
                throw new AssertionError("the caller chose X-Hub-Consumer: " + values);
            }
        });
    }
}
