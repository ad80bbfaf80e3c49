package vn.lgsp.hub.connectors.rest;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.util.Durations;

/**
 * The checked settings of one {@code rest} connector block (see {@link RestConnectorFactory} for the
 * properties and their defaults).
 *
 * @param ssl            true for an {@code https} URL
 * @param host           provider host (IPv6 literals without brackets)
 * @param port           provider port (the scheme's default when the URL has none)
 * @param basePath       raw (still percent-encoded) path of the URL, possibly empty
 * @param method         fixed HTTP method, or null to use the consumer's method
 * @param timeout        total time allowed for the provider's answer
 * @param connectTimeout TCP connect timeout
 * @param headers        the provider's own fixed headers, added to every request
 * @param maxConnections connection pool size
 * @param trustStore     PKCS#12 trust store the provider's certificate must chain to (https only), or null
 *                       for the JVM's default trust store; certificates and host names are always verified
 * @param trustStorePassword password of the trust store (may be empty)
 */
public record RestConnectorConfig(boolean ssl, String host, int port, String basePath, String method,
                                  Duration timeout, Duration connectTimeout, Map<String, String> headers,
                                  int maxConnections, Path trustStore, String trustStorePassword) {

    static final List<String> KNOWN = List.of("url", "method", "timeout", "connect-timeout", "headers",
            "max-connections", "trust-store", "trust-store-password");
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");
    /** Headers the HTTP client computes itself; never copied from the consumer or configurable. */
    static final Set<String> MANAGED_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_MAX_CONNECTIONS = 64;
    private static final Duration MAX_DURATION = Duration.ofHours(24);
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    public RestConnectorConfig {
        headers = Map.copyOf(headers);
    }

    /** A configuration verifying https providers against the JVM's default CAs. */
    public RestConnectorConfig(boolean ssl, String host, int port, String basePath, String method, Duration timeout,
                               Duration connectTimeout, Map<String, String> headers, int maxConnections) {
        this(ssl, host, port, basePath, method, timeout, connectTimeout, headers, maxConnections, null, "");
    }

    /** {@code host:port}, used in failure messages (never the path, query or headers). */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Reads a connector block. Every problem found is added to {@code problems}; the result is null when
     * there is at least one.
     */
    public static RestConnectorConfig read(ConnectorSpec spec, List<ConnectorConfigProblem> problems) {
        Map<String, Object> p = spec.properties();
        int before = problems.size();
        URI url = readUrl(p.get("url"), problems);
        String method = readMethod(p.get("method"), problems);
        Duration timeout = readDuration("timeout", p.get("timeout"), DEFAULT_TIMEOUT, problems);
        Duration connectTimeout = readDuration("connect-timeout", p.get("connect-timeout"),
                DEFAULT_CONNECT_TIMEOUT, problems);
        Map<String, String> headers = readHeaders(p.get("headers"), problems);
        int maxConnections = readMaxConnections(p.get("max-connections"), problems);
        Path trustStore = readTrustStore(p.get("trust-store"), p.get("url"), problems);
        String trustStorePassword = p.get("trust-store-password") == null ? "" : p.get("trust-store-password").toString();
        for (String key : new TreeSet<>(p.keySet())) {
            if (!KNOWN.contains(key) && !"type".equals(key)) {
                problems.add(new ConnectorConfigProblem(key, "is not a known property of a rest connector (known: "
                        + String.join(", ", KNOWN) + ")"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        boolean ssl = "https".equalsIgnoreCase(url.getScheme());
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = url.getPort() >= 0 ? url.getPort() : ssl ? 443 : 80;
        String basePath = url.getRawPath() == null ? "" : url.getRawPath();
        return new RestConnectorConfig(ssl, host, port, basePath, method, timeout, connectTimeout, headers,
                maxConnections, trustStore, trustStorePassword);
    }

    /** A readable trust-store file for an https URL, or null when not given. */
    private static Path readTrustStore(Object value, Object url, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return null;
        }
        Path file = Path.of(value.toString().trim()).toAbsolutePath().normalize();
        if (!Files.isReadable(file)) {
            problems.add(new ConnectorConfigProblem("trust-store", "PKCS#12 file " + file + " is missing or unreadable"));
            return null;
        }
        if (url == null || !url.toString().trim().regionMatches(true, 0, "https:", 0, 6)) {
            problems.add(new ConnectorConfigProblem("trust-store", "only applies to an https url"));
            return null;
        }
        return file;
    }

    private static URI readUrl(Object value, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            problems.add(new ConnectorConfigProblem("url", "is required"));
            return null;
        }
        String reason;
        if (!(value instanceof String text) || text.isBlank()) {
            reason = "must be an absolute http or https URL such as https://provider.example/api";
        } else {
            reason = urlProblem(text.trim());
            if (reason == null) {
                return URI.create(text.trim());
            }
        }
        problems.add(new ConnectorConfigProblem("url", reason));
        return null;
    }

    /** Why the URL is unusable, or null when it is fine. Never echoes the URL (it may hold secrets). */
    private static String urlProblem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return "is not a valid URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return "must be an absolute http or https URL such as https://provider.example/api";
        }
        if (uri.getHost() == null) {
            return "must name a host, such as https://provider.example/api";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain user credentials; put them in headers";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not contain a query string or fragment";
        }
        return null;
    }

    private static String readMethod(Object value, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return null;
        }
        String method = value.toString().trim().toUpperCase(Locale.ROOT);
        if (!(value instanceof String) || !METHODS.contains(method)) {
            problems.add(new ConnectorConfigProblem("method",
                    "must be one of GET, POST, PUT, DELETE, PATCH, HEAD, was '" + value + "'"));
            return null;
        }
        return method;
    }

    private static Duration readDuration(String key, Object value, Duration fallback,
                                         List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(value.toString());
            if (d.isZero() || d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
                problems.add(new ConnectorConfigProblem(key, "must be between 1ms and 24h, was '" + value + "'"));
                return null;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(new ConnectorConfigProblem(key, e.getMessage()));
            return null;
        }
    }

    private static Map<String, String> readHeaders(Object value, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new ConnectorConfigProblem("headers", "must be a map of header name to value"));
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            Object v = e.getValue();
            String property = "headers." + name;
            String lower = name.toLowerCase(Locale.ROOT);
            if (!isToken(name)) {
                problems.add(new ConnectorConfigProblem(property, "is not a valid HTTP header name"));
            } else if (MANAGED_HEADERS.contains(lower)) {
                problems.add(new ConnectorConfigProblem(property, "is set by the hub and cannot be configured"));
            } else if (seen.contains(lower)) {
                problems.add(new ConnectorConfigProblem(property, "is declared twice (header names ignore case)"));
            } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                // values are never echoed: they are often API keys
                problems.add(new ConnectorConfigProblem(property, "must be a single text value"));
            } else if (v.toString().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                problems.add(new ConnectorConfigProblem(property, "must not contain line breaks"));
            } else {
                seen.add(lower);
                headers.put(name, v.toString());
            }
        }
        return headers;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_CHARS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int readMaxConnections(Object value, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return DEFAULT_MAX_CONNECTIONS;
        }
        BigInteger n = null;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            n = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            n = big;
        } else if (value instanceof String s && s.trim().matches("\\d{1,9}")) {
            n = new BigInteger(s.trim());
        }
        if (n == null || n.compareTo(BigInteger.ONE) < 0 || n.compareTo(BigInteger.valueOf(1000)) > 0) {
            problems.add(new ConnectorConfigProblem("max-connections",
                    "must be a whole number between 1 and 1000, was '" + value + "'"));
            return -1;
        }
        return n.intValue();
    }
}
