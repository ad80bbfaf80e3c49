package vn.lgsp.hub.connectors.soap;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.util.Durations;

/**
 * The checked settings of one {@code soap} connector block (see {@link SoapConnectorFactory}).
 *
 * @param wsdl           where the provider's WSDL is read from (a local copy is best: read at startup)
 * @param service        local name of the WSDL service, or null when the WSDL has exactly one
 * @param port           local name of the WSDL port, or null when the service has exactly one
 * @param operation      local name of the operation called
 * @param address        the provider's endpoint address (replaces the WSDL's)
 * @param timeout        time allowed for the provider's answer
 * @param connectTimeout TCP connect timeout
 * @param username       WS-Security UsernameToken user sent to the provider, or null
 * @param password       its password (sent as PasswordText), or null
 * @param mapping        JSON to XML mapping for REST consumers (empty when none is declared)
 */
public record SoapConnectorConfig(URL wsdl, String service, String port, String operation, URI address,
                                  Duration timeout, Duration connectTimeout, String username, String password,
                                  JsonXmlMapping mapping) {

    static final List<String> KNOWN = List.of("wsdl", "service", "port", "operation", "address", "timeout",
            "connect-timeout", "username", "password", "request", "response");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Reads a connector block; every problem is added to {@code problems} and the result is then null. */
    static SoapConnectorConfig read(ConnectorSpec spec, List<ConnectorConfigProblem> problems) {
        Map<String, Object> p = spec.properties();
        int before = problems.size();
        URL wsdl = readWsdl(p.get("wsdl"), problems);
        String service = optionalName("service", p.get("service"), problems);
        String port = optionalName("port", p.get("port"), problems);
        String operation = p.get("operation") == null ? null : optionalName("operation", p.get("operation"), problems);
        if (p.get("operation") == null) {
            problems.add(new ConnectorConfigProblem("operation", "is required (the WSDL operation to call)"));
        }
        URI address = readAddress(p.get("address"), problems);
        Duration timeout = readDuration("timeout", p.get("timeout"), DEFAULT_TIMEOUT, problems);
        Duration connectTimeout = readDuration("connect-timeout", p.get("connect-timeout"), DEFAULT_CONNECT_TIMEOUT,
                problems);
        String username = text("username", p.get("username"), problems);
        String password = text("password", p.get("password"), problems);
        if ((username == null) != (password == null)) {
            problems.add(new ConnectorConfigProblem(username == null ? "username" : "password",
                    "is required when " + (username == null ? "password" : "username") + " is set"));
        }
        Map<String, String> request = readMap("request", p.get("request"), problems);
        Map<String, String> response = readMap("response", p.get("response"), problems);
        JsonXmlMapping mapping = null;
        if (request != null && response != null) {
            mapping = JsonXmlMapping.read(request, response, problems);
        }
        for (String key : new TreeSet<>(p.keySet())) {
            if (!KNOWN.contains(key) && !"type".equals(key)) {
                problems.add(new ConnectorConfigProblem(key, "is not a known property of a soap connector (known: "
                        + String.join(", ", KNOWN) + ")"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new SoapConnectorConfig(wsdl, service, port, operation, address, timeout, connectTimeout, username,
                password, mapping);
    }

    /** {@code host:port} of the address, for failure messages. */
    public String authority() {
        return address.getHost() + ":" + (address.getPort() >= 0 ? address.getPort()
                : "https".equalsIgnoreCase(address.getScheme()) ? 443 : 80);
    }

    private static URL readWsdl(Object value, List<ConnectorConfigProblem> problems) {
        if (!(value instanceof String text) || text.isBlank()) {
            problems.add(new ConnectorConfigProblem("wsdl", value == null ? "is required (a file path, or a file:, "
                    + "http:, https: or classpath: URL of the provider's WSDL)" : "must be a text"));
            return null;
        }
        String location = text.trim();
        try {
            if (location.startsWith("classpath:")) {
                URL found = SoapConnectorConfig.class.getClassLoader()
                        .getResource(location.substring("classpath:".length()).replaceFirst("^/", ""));
                if (found == null) {
                    problems.add(new ConnectorConfigProblem("wsdl", "no such classpath resource: " + location));
                }
                return found;
            }
            if (location.matches("(?i)(file|https?):.*")) {
                return new URI(location).toURL();
            }
            Path path = Path.of(location).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                problems.add(new ConnectorConfigProblem("wsdl", "file not found: " + path
                        + " (a relative path is resolved against the hub's working directory)"));
                return null;
            }
            return path.toUri().toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            problems.add(new ConnectorConfigProblem("wsdl", "is not a valid location: " + e.getMessage()));
            return null;
        }
    }

    private static URI readAddress(Object value, List<ConnectorConfigProblem> problems) {
        if (!(value instanceof String text) || text.isBlank()) {
            problems.add(new ConnectorConfigProblem("address", value == null
                    ? "is required (the provider's endpoint URL)" : "must be a text"));
            return null;
        }
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                problems.add(new ConnectorConfigProblem("address", "must be an absolute http or https URL"));
                return null;
            }
            if (uri.getRawUserInfo() != null) {
                problems.add(new ConnectorConfigProblem("address",
                        "must not contain user credentials; use username and password"));
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(new ConnectorConfigProblem("address", "is not a valid URL (" + e.getReason() + ")"));
            return null;
        }
    }

    private static String optionalName(String key, Object value, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || !text.trim().matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            problems.add(new ConnectorConfigProblem(key, "must be the local name of a WSDL " + key + ", was '"
                    + value + "'"));
            return null;
        }
        return text.trim();
    }

    private static String text(String key, Object value, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String || value instanceof Number) || value.toString().isEmpty()) {
            problems.add(new ConnectorConfigProblem(key, "must be a non-empty text"));
            return null;
        }
        return value.toString();
    }

    private static Duration readDuration(String key, Object value, Duration fallback,
                                         List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(value.toString());
            if (d.isZero() || d.isNegative() || d.compareTo(Duration.ofHours(24)) > 0) {
                problems.add(new ConnectorConfigProblem(key, "must be between 1ms and 24h, was '" + value + "'"));
                return null;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(new ConnectorConfigProblem(key, e.getMessage()));
            return null;
        }
    }

    private static Map<String, String> readMap(String key, Object value, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new ConnectorConfigProblem(key, "must be a mapping of paths"));
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String v) || v.isBlank()) {
                problems.add(new ConnectorConfigProblem(key + "." + e.getKey(), "must be a path text"));
            } else {
                result.put(String.valueOf(e.getKey()), v.trim());
            }
        }
        return result;
    }
}
