package vn.lgsp.hub.connectors.jms;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.util.Durations;

/**
 * The checked settings of one {@code jms} connector block (see {@link JmsConnectorFactory}).
 *
 * @param url         Artemis core URL of the remote broker, e.g. {@code tcp://broker.example:61616}
 * @param queue       the queue messages are sent to
 * @param username    broker user, or null
 * @param password    broker password, or null
 * @param timeout     time allowed to connect and send (and, in request-reply mode, for the reply)
 * @param requestReply true: wait for a reply on a temporary queue; false: answer 202 once the broker has the message
 * @param persistent  persistent delivery mode
 * @param maxSessions most sessions (and sending threads) used at once
 */
public record JmsConnectorConfig(String url, String queue, String username, String password, Duration timeout,
                                 boolean requestReply, boolean persistent, int maxSessions) {

    static final List<String> KNOWN = List.of("url", "queue", "username", "password", "timeout", "mode",
            "persistent", "max-sessions");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern URL = Pattern.compile("(?i)(tcp|ssl|vm|udp)://[^\\s]+|\\([^\\s]+\\)[^\\s]*");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    /** Names the broker's queue only: the URL may hold credentials, the password is secret. */
    @Override
    public String toString() {
        return "JmsConnectorConfig[queue=" + queue + ", requestReply=" + requestReply + "]";
    }

    static JmsConnectorConfig read(ConnectorSpec spec, List<ConnectorConfigProblem> problems) {
        Map<String, Object> p = spec.properties();
        int before = problems.size();
        for (String key : new TreeSet<>(p.keySet())) {
            if (!KNOWN.contains(key) && !"type".equals(key)) {
                problems.add(new ConnectorConfigProblem(key, "is not a known property of a jms connector (known: "
                        + String.join(", ", KNOWN) + ")"));
            }
        }
        Object url = p.get("url");
        if (url == null) {
            problems.add(new ConnectorConfigProblem("url", "is required: the remote broker, e.g. tcp://broker.example:61616"));
        } else if (!(url instanceof String text) || !URL.matcher(text.trim()).matches()) {
            problems.add(new ConnectorConfigProblem("url", "must be an Artemis broker URL such as tcp://broker.example:61616"));
        }
        Object queue = p.get("queue");
        if (queue == null) {
            problems.add(new ConnectorConfigProblem("queue", "is required"));
        } else if (!(queue instanceof String q) || !QUEUE.matcher(q).matches()) {
            problems.add(new ConnectorConfigProblem("queue", "must be a queue name (letters, digits, '.', '_', ':', '-')"));
        }
        String username = optionalSecret("username", p.get("username"), problems);
        String password = optionalSecret("password", p.get("password"), problems);
        if (password != null && username == null) {
            problems.add(new ConnectorConfigProblem("password", "needs a username"));
        }
        Duration timeout = DEFAULT_TIMEOUT;
        if (p.get("timeout") != null) {
            try {
                timeout = Durations.parse(p.get("timeout").toString());
                if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofHours(1)) > 0) {
                    problems.add(new ConnectorConfigProblem("timeout", "must be between 1ms and 1h, was '" + p.get("timeout") + "'"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ConnectorConfigProblem("timeout", e.getMessage()));
            }
        }
        Object mode = p.getOrDefault("mode", "send");
        if (!"send".equals(mode) && !"request-reply".equals(mode)) {
            problems.add(new ConnectorConfigProblem("mode", "must be send or request-reply, was '" + mode + "'"));
        }
        Object persistent = p.getOrDefault("persistent", Boolean.TRUE);
        if (!(persistent instanceof Boolean)) {
            problems.add(new ConnectorConfigProblem("persistent", "must be true or false"));
        }
        int maxSessions = 4;
        Object sessions = p.get("max-sessions");
        if (sessions != null) {
            BigInteger n = sessions instanceof Integer || sessions instanceof Long ? BigInteger.valueOf(((Number) sessions).longValue())
                    : sessions instanceof String s && s.matches("\\d{1,4}") ? new BigInteger(s) : null;
            if (n == null || n.intValue() < 1 || n.intValue() > 64) {
                problems.add(new ConnectorConfigProblem("max-sessions", "must be a whole number between 1 and 64"));
            } else {
                maxSessions = n.intValue();
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new JmsConnectorConfig(url.toString().trim(), queue.toString(), username, password, timeout,
                "request-reply".equals(mode), (Boolean) persistent, maxSessions);
    }

    private static String optionalSecret(String property, Object value, List<ConnectorConfigProblem> problems) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        Matcher reference = ENV_REFERENCE.matcher(text.trim());
        if (reference.matches()) {
            String resolved = System.getenv(reference.group(1));
            if (resolved == null) {
                problems.add(new ConnectorConfigProblem(property, "refers to environment variable "
                        + reference.group(1) + ", which is not set"));
                return null;
            }
            return resolved;
        }
        return text;
    }
}
