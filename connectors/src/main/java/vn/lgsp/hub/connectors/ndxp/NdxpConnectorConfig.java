package vn.lgsp.hub.connectors.ndxp;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.lgsp.hub.connectors.rest.RestConnectorConfig;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.util.Durations;

/**
 * The checked settings of one {@code ndxp} connector block (see {@link NdxpConnectorFactory}).
 *
 * @param api           how national API calls are sent (gateway URL + national path, method, timeouts, pool)
 * @param token         how the token request is sent ({@code POST} to the token URL with the consumer key and
 *                      secret as HTTP Basic credentials)
 * @param tokenForm     the form body of the token request
 * @param refreshBefore a cached token is renewed this long before it expires
 * @param errorCodes    national {@code error_code} (as text) to hub error, from the {@code error-codes} block
 */
public record NdxpConnectorConfig(RestConnectorConfig api, RestConnectorConfig token, String tokenForm,
                                  Duration refreshBefore, Map<String, HubError> errorCodes) {

    static final List<String> KNOWN = List.of("url", "path", "token-url", "consumer-key", "consumer-secret",
            "scope", "method", "timeout", "connect-timeout", "token-timeout", "token-refresh-before",
            "max-connections", "error-codes");
    static final Duration DEFAULT_TOKEN_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_REFRESH_BEFORE = Duration.ofSeconds(60);
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern NATIONAL_PATH = Pattern.compile("(/[A-Za-z0-9._~\\-]+)+/?");

    public NdxpConnectorConfig {
        errorCodes = Map.copyOf(errorCodes);
    }

    /** Names the endpoints only: the token request's headers carry the consumer secret. */
    @Override
    public String toString() {
        return "NdxpConnectorConfig[api=" + api.authority() + api.basePath() + ", token=" + token.authority()
                + token.basePath() + "]";
    }

    /** Reads a block, resolving {@code ${NAME}} references from the process environment. */
    static NdxpConnectorConfig read(ConnectorSpec spec, List<ConnectorConfigProblem> problems) {
        return read(spec, problems, System::getenv);
    }

    /**
     * Reads a block. Every problem found is added to {@code problems}; the result is null when there is at
     * least one. Secret values are never echoed.
     */
    static NdxpConnectorConfig read(ConnectorSpec spec, List<ConnectorConfigProblem> problems,
                                    UnaryOperator<String> environment) {
        Map<String, Object> p = spec.properties();
        int before = problems.size();
        for (String key : new TreeSet<>(p.keySet())) {
            if (!KNOWN.contains(key) && !"type".equals(key)) {
                problems.add(new ConnectorConfigProblem(key, "is not a known property of an ndxp connector (known: "
                        + String.join(", ", KNOWN) + ")"));
            }
        }
        URI gateway = absoluteUrl("url", p.get("url"), true, problems);
        String path = nationalPath(p.get("path"), problems);
        URI tokenUrl = p.get("token-url") == null ? null : absoluteUrl("token-url", p.get("token-url"), false, problems);
        String key = secret("consumer-key", p.get("consumer-key"), environment, problems);
        String secret = secret("consumer-secret", p.get("consumer-secret"), environment, problems);
        Object scope = p.get("scope");
        if (scope != null && (!(scope instanceof String s) || s.isBlank() || s.chars().anyMatch(Character::isISOControl))) {
            problems.add(new ConnectorConfigProblem("scope", "must be a space-separated list of scope names"));
        }
        Duration tokenTimeout = duration("token-timeout", p.get("token-timeout"), DEFAULT_TOKEN_TIMEOUT, problems);
        Duration refreshBefore = duration("token-refresh-before", p.get("token-refresh-before"),
                DEFAULT_REFRESH_BEFORE, problems);
        Map<String, HubError> errorCodes = errorCodes(p.get("error-codes"), problems);

        // method, timeout, connect-timeout and max-connections mean what they mean for a rest connector
        Map<String, Object> rest = new LinkedHashMap<>();
        for (String shared : List.of("method", "timeout", "connect-timeout", "max-connections")) {
            if (p.containsKey(shared)) {
                rest.put(shared, p.get(shared));
            }
        }
        if (gateway != null && path != null) {
            rest.put("url", join(gateway, path));
        } else {
            rest.put("url", "http://placeholder.invalid/");
        }
        RestConnectorConfig api = RestConnectorConfig.read(new ConnectorSpec("rest", rest), problems);
        if (problems.size() > before) {
            return null;
        }
        URI tokenTarget = tokenUrl != null ? tokenUrl : URI.create(join(gateway, "/token"));
        Map<String, String> tokenHeaders = new LinkedHashMap<>();
        tokenHeaders.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        tokenHeaders.put("Content-Type", "application/x-www-form-urlencoded");
        tokenHeaders.put("Accept", "application/json");
        Map<String, Object> tokenSpec = new LinkedHashMap<>();
        tokenSpec.put("url", tokenTarget.toString());
        tokenSpec.put("method", "POST");
        tokenSpec.put("timeout", tokenTimeout.toMillis() + "ms");
        tokenSpec.put("connect-timeout", api.connectTimeout().toMillis() + "ms");
        tokenSpec.put("max-connections", 4);
        RestConnectorConfig tokenConfig = RestConnectorConfig.read(new ConnectorSpec("rest", tokenSpec), problems);
        RestConnectorConfig token = new RestConnectorConfig(tokenConfig.ssl(), tokenConfig.host(), tokenConfig.port(),
                tokenConfig.basePath(), "POST", tokenTimeout, api.connectTimeout(), tokenHeaders, 4);
        String form = "grant_type=client_credentials" + (scope == null ? ""
                : "&scope=" + java.net.URLEncoder.encode(scope.toString().trim(), StandardCharsets.UTF_8));
        return new NdxpConnectorConfig(api, token, form, refreshBefore, errorCodes);
    }

    private static String join(URI base, String path) {
        String text = base.toString();
        return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path;
    }

    private static URI absoluteUrl(String property, Object value, boolean required, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            if (required) {
                problems.add(new ConnectorConfigProblem(property, "is required (the NDXP gateway, e.g. https://api.ndxp.example)"));
            }
            return null;
        }
        String reason = null;
        URI uri = null;
        if (!(value instanceof String text) || text.isBlank()) {
            reason = "must be an absolute http or https URL";
        } else {
            try {
                uri = new URI(text.trim());
                if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                    reason = "must be an absolute http or https URL";
                } else if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    reason = "must not contain user credentials, a query string or a fragment";
                }
            } catch (URISyntaxException e) {
                reason = "is not a valid URL (" + e.getReason() + ")";
            }
        }
        if (reason != null) {
            problems.add(new ConnectorConfigProblem(property, reason));
            return null;
        }
        return uri;
    }

    private static String nationalPath(Object value, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            problems.add(new ConnectorConfigProblem("path",
                    "is required: the versioned national path, e.g. /apiCSDLDanCu/1.0/traCuuThongTinCongDan"));
            return null;
        }
        String text = value.toString().trim();
        if (!(value instanceof String) || !NATIONAL_PATH.matcher(text).matches()
                || text.contains("/../") || text.contains("/./") || text.endsWith("/..")) {
            problems.add(new ConnectorConfigProblem("path", "must be an absolute path such as "
                    + "/apiCSDLDKDN/1.0/doanhNghiep (letters, digits, . _ ~ - between slashes; no query)"));
            return null;
        }
        return text;
    }

    private static String secret(String property, Object value, UnaryOperator<String> environment,
                                 List<ConnectorConfigProblem> problems) {
        if (value == null || value.toString().isBlank()) {
            problems.add(new ConnectorConfigProblem(property, "is required (a value or ${ENVIRONMENT_VARIABLE})"));
            return null;
        }
        String text = value.toString().trim();
        Matcher reference = ENV_REFERENCE.matcher(text);
        if (reference.matches()) {
            String resolved = environment.apply(reference.group(1));
            if (resolved == null || resolved.isBlank()) {
                problems.add(new ConnectorConfigProblem(property, "refers to environment variable "
                        + reference.group(1) + ", which is not set"));
                return null;
            }
            text = resolved;
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            problems.add(new ConnectorConfigProblem(property, "must not contain control characters"));
            return null;
        }
        return text;
    }

    private static Duration duration(String property, Object value, Duration fallback, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(value.toString());
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
                problems.add(new ConnectorConfigProblem(property, "must be between 1ms and 1h, was '" + value + "'"));
                return null;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(new ConnectorConfigProblem(property, e.getMessage()));
            return null;
        }
    }

    private static Map<String, HubError> errorCodes(Object value, List<ConnectorConfigProblem> problems) {
        Map<String, HubError> codes = new LinkedHashMap<>();
        if (value == null) {
            return codes;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new ConnectorConfigProblem("error-codes",
                    "must map national error codes to hub codes, e.g. { \"201\": NOT_FOUND }"));
            return codes;
        }
        List<String> known = new ArrayList<>();
        for (HubError e : HubError.values()) {
            known.add(e.name());
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String national = String.valueOf(e.getKey()).trim();
            String hub = String.valueOf(e.getValue()).trim();
            if (!known.contains(hub)) {
                problems.add(new ConnectorConfigProblem("error-codes." + national, "must be a hub error code (one of "
                        + String.join(", ", known) + "), was '" + hub + "'"));
            } else {
                codes.put(national, HubError.valueOf(hub));
            }
        }
        return codes;
    }
}
