package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lgsp.hub.core.util.Durations;

/**
 * Parses the protection blocks of a participant file: a service's or subscription's {@code resilience:}
 * block ({@link ResiliencePolicy}) and a client's {@code quota:} ({@link ClientQuota}) and {@code certificate:}
 * ({@link ClientCertificate}) blocks. Problems are
 * reported with their field path; an invalid value falls back to its default (the catalog is not built while
 * any problem exists).
 */
final class EdgeBlockParser {

    private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final Pattern RATE = Pattern.compile("(\\d{1,7})\\s*/\\s*(s|sec|second|m|min|minute|h|hour)");

    private EdgeBlockParser() {
    }

    /** The {@code resilience:} block of {@code parent}, or the default policy when absent. */
    static ResiliencePolicy resilience(JsonNode parent, String parentField, NodeReader in) {
        JsonNode node = parent.get("resilience");
        String field = parentField + ".resilience";
        ResiliencePolicy d = ResiliencePolicy.DEFAULT;
        if (node == null || !in.checkKeys(node, field, Set.of("timeout", "max-concurrent", "failure-rate",
                "minimum-calls", "window", "open-for", "half-open-calls"))) {
            return d;
        }
        Duration timeout = duration(node, field, "timeout", d.timeout(), in);
        int maxConcurrent = number(node, field, "max-concurrent", d.maxConcurrent(), 1, 1024, in);
        int failureRate = number(node, field, "failure-rate", d.failureRate(), 1, 100, in);
        int window = number(node, field, "window", d.window(), 1, 10_000, in);
        int minimumCalls = number(node, field, "minimum-calls", Math.min(d.minimumCalls(), window), 1, 10_000, in);
        if (minimumCalls > window) {
            in.problem(field + ".minimum-calls", "must not be larger than window (" + window + ")");
        }
        Duration openFor = duration(node, field, "open-for", d.openFor(), in);
        int halfOpenCalls = number(node, field, "half-open-calls", d.halfOpenCalls(), 1, 100, in);
        return new ResiliencePolicy(timeout, maxConcurrent, failureRate, minimumCalls, window, openFor, halfOpenCalls);
    }

    /** The {@code quota:} block of a client, or {@link ClientQuota#NONE} when absent. */
    static ClientQuota quota(JsonNode client, String clientField, NodeReader in) {
        JsonNode node = client.get("quota");
        String field = clientField + ".quota";
        if (node == null || !in.checkKeys(node, field, Set.of("rate", "daily"))) {
            return ClientQuota.NONE;
        }
        int requests = 0;
        Duration period = ClientQuota.NONE.period();
        String rate = in.optionalText(node, field, "rate");
        if (rate != null) {
            Matcher m = RATE.matcher(rate.trim());
            if (m.matches() && Integer.parseInt(m.group(1)) >= 1) {
                requests = Integer.parseInt(m.group(1));
                period = switch (m.group(2).charAt(0)) {
                    case 's' -> Duration.ofSeconds(1);
                    case 'm' -> Duration.ofMinutes(1);
                    default -> Duration.ofHours(1);
                };
            } else {
                in.problem(field + ".rate", "must be written N/s, N/min or N/h with N >= 1 (e.g. 20/s), was '"
                        + rate + "'");
            }
        }
        long daily = 0;
        JsonNode dailyNode = node.get("daily");
        if (dailyNode != null) {
            if (dailyNode.isIntegralNumber() && dailyNode.asLong() >= 1) {
                daily = dailyNode.asLong();
            } else {
                in.problem(field + ".daily", "must be a whole number >= 1 (requests per UTC day)");
            }
        }
        return new ClientQuota(requests, period, daily);
    }

    /** The {@code certificate:} block of a client, or null when absent. */
    static ClientCertificate certificate(JsonNode client, String clientField, NodeReader in) {
        JsonNode node = client.get("certificate");
        String field = clientField + ".certificate";
        if (node == null || !in.checkKeys(node, field, Set.of("subject", "sha256"))) {
            return null;
        }
        String subject = in.optionalText(node, field, "subject");
        String sha256 = in.optionalText(node, field, "sha256");
        if (sha256 != null && !SHA256.matcher(sha256.replace(":", "")).matches()) {
            in.problem(field + ".sha256", "must be the certificate's SHA-256 fingerprint: 64 hex digits, colons allowed");
            return null;
        }
        if (subject == null && sha256 == null) {
            in.problem(field, "needs a subject, a sha256 fingerprint or both");
            return null;
        }
        return new ClientCertificate(subject, sha256);
    }

    private static int number(JsonNode node, String field, String key, int fallback, int min, int max, NodeReader in) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= min && value.asInt() <= max) {
            return value.asInt();
        }
        in.problem(field + "." + key, "must be a whole number from " + min + " to " + max);
        return fallback;
    }

    private static Duration duration(JsonNode node, String field, String key, Duration fallback, NodeReader in) {
        String text = in.optionalText(node, field, key);
        if (text == null) {
            return fallback;
        }
        try {
            Duration parsed = Durations.parse(text);
            if (parsed.isZero() || parsed.isNegative()) {
                in.problem(field + "." + key, "must be longer than zero");
                return fallback;
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            in.problem(field + "." + key, e.getMessage());
            return fallback;
        }
    }
}
