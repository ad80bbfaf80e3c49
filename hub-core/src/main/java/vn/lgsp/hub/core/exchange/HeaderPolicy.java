package vn.lgsp.hub.core.exchange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which headers cross the hub. Towards a provider: hop-by-hop headers, the consumer's credentials, anything
 * claiming to be set by the hub or a proxy ({@code X-Hub-*}, {@code X-Forwarded-*}) are dropped, and the
 * hub's own headers are added from what it authenticated. Towards the consumer: hop-by-hop headers and
 * provider cookies are dropped.
 */
public final class HeaderPolicy {

    /** Headers the hub sets on requests to providers. */
    public static final String CONSUMER = "X-Hub-Consumer";
    public static final String EXCHANGE_ID = "X-Hub-Exchange-Id";
    public static final String MESSAGE_ID = "X-Hub-Message-Id";
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String PURPOSE = "X-Purpose";
    public static final String TRACEPARENT = "traceparent";

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
            "host", "content-length", "expect");
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "x-api-key", "cookie", "forwarded",
            "x-real-ip", "x-request-id", "x-purpose", "traceparent", "tracestate");
    private static final Set<String> NOT_RETURNED = Set.of("set-cookie", "set-cookie2");
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern PURPOSE_FORMAT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private HeaderPolicy() {
    }

    /** What the hub itself states about the exchange, added to every provider request. */
    public record HubHeaders(String consumer, String exchangeId, String messageId, String requestId) {
    }

    /**
     * The headers to send to a provider: the consumer's headers minus what must not cross, plus the hub's.
     * {@code X-Purpose} and {@code traceparent} are kept only when well-formed.
     */
    public static Map<String, List<String>> toProvider(Map<String, List<String>> inbound, HubHeaders hub) {
        Set<String> connectionListed = connectionTokens(inbound);
        Map<String, List<String>> out = new LinkedHashMap<>();
        String purpose = null;
        String traceparent = null;
        for (Map.Entry<String, List<String>> e : inbound.entrySet()) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            if (lower.equals("x-purpose")) {
                purpose = first(e.getValue());
            } else if (lower.equals("traceparent")) {
                traceparent = first(e.getValue());
            }
            if (HOP_BY_HOP.contains(lower) || NOT_FORWARDED.contains(lower) || connectionListed.contains(lower)
                    || lower.startsWith("x-hub-") || lower.startsWith("x-forwarded-")) {
                continue;
            }
            out.put(e.getKey(), List.copyOf(e.getValue()));
        }
        out.put(CONSUMER, List.of(hub.consumer()));
        out.put(EXCHANGE_ID, List.of(hub.exchangeId()));
        out.put(MESSAGE_ID, List.of(hub.messageId()));
        out.put(REQUEST_ID, List.of(hub.requestId()));
        if (purpose != null && PURPOSE_FORMAT.matcher(purpose).matches()) {
            out.put(PURPOSE, List.of(purpose));
        }
        if (traceparent != null && TRACEPARENT_FORMAT.matcher(traceparent).matches()) {
            out.put(TRACEPARENT, List.of(traceparent));
        }
        return out;
    }

    /** The provider's response headers that may reach the consumer (the hub adds its own ids after). */
    public static Map<String, List<String>> toConsumer(Map<String, List<String>> providerHeaders) {
        Set<String> connectionListed = connectionTokens(providerHeaders);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : providerHeaders.entrySet()) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || NOT_RETURNED.contains(lower) || connectionListed.contains(lower)
                    || lower.startsWith("x-hub-") || lower.equals("x-request-id")) {
                continue;
            }
            out.put(e.getKey(), new ArrayList<>(e.getValue()));
        }
        return out;
    }

    private static Set<String> connectionTokens(Map<String, List<String>> headers) {
        Set<String> tokens = new HashSet<>();
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase("connection")) {
                values.forEach(v -> {
                    for (String token : v.split(",")) {
                        tokens.add(token.trim().toLowerCase(Locale.ROOT));
                    }
                });
            }
        });
        return tokens;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
