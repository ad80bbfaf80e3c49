package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFactory;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.privacy.SubjectExtractor;
import vn.lgsp.hub.core.util.Durations;

/**
 * Parses and checks one participant file ({@code config/catalog/*.yaml}, format in DESIGN.md). Checks that
 * need the whole catalog (duplicates across files, group names, topic references) are done by
 * {@link CatalogLoader}.
 */
final class ParticipantFileParser {

    static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Pattern SHA256 = Pattern.compile("\\{sha256}[0-9a-f]{64}");
    private static final Pattern PUBLISHED_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Set<String> ROLES = Set.of("data-tracker");
    /** First path segments the hub itself serves (DESIGN.md, Endpoints). */
    private static final Set<String> RESERVED_SEGMENTS = Set.of("api", "token", "soap", "ops", "actuator", "console");

    private final Path configDir;
    private final ConnectorRegistry connectors;

    ParticipantFileParser(Path configDir, ConnectorRegistry connectors) {
        this.configDir = configDir;
        this.connectors = connectors;
    }

    Participant parse(JsonNode root, NodeReader in) {
        if (!in.checkKeys(root, "", Set.of("agency", "clients", "services", "topics", "subscriptions"))) {
            return null;
        }
        JsonNode agency = root.get("agency");
        String code = null;
        String name = null;
        if (agency == null) {
            in.problem("agency", "is required");
        } else if (in.checkKeys(agency, "agency", Set.of("code", "name"))) {
            code = in.requiredText(agency, "agency", "code");
            name = in.requiredText(agency, "agency", "name");
            if (code != null && !AgencyCode.isValid(code)) {
                in.problem("agency.code", "'" + code + "' is not an agency code in the QCVN 102:2016 form "
                        + "A.B.C.D (e.g. 000.00.31.H99) nor NDXP");
                code = null;
            }
        }
        List<ClientCredential> clients = new ArrayList<>();
        List<JsonNode> clientNodes = in.list(root, "clients");
        for (int i = 0; i < clientNodes.size(); i++) {
            ClientCredential c = client(clientNodes.get(i), "clients[" + i + "]", code, in);
            if (c != null) {
                clients.add(c);
            }
        }
        List<ServiceDefinition> services = new ArrayList<>();
        List<JsonNode> serviceNodes = in.list(root, "services");
        for (int i = 0; i < serviceNodes.size(); i++) {
            ServiceDefinition s = service(serviceNodes.get(i), "services[" + i + "]", code, in);
            if (s != null) {
                services.add(s);
            }
        }
        List<TopicDefinition> topics = new ArrayList<>();
        List<JsonNode> topicNodes = in.list(root, "topics");
        for (int i = 0; i < topicNodes.size(); i++) {
            TopicDefinition t = topic(topicNodes.get(i), "topics[" + i + "]", code, in);
            if (t != null) {
                topics.add(t);
            }
        }
        List<SubscriptionDefinition> subscriptions = new ArrayList<>();
        List<JsonNode> subscriptionNodes = in.list(root, "subscriptions");
        for (int i = 0; i < subscriptionNodes.size(); i++) {
            SubscriptionDefinition s = subscription(subscriptionNodes.get(i), "subscriptions[" + i + "]", code, in);
            if (s != null) {
                subscriptions.add(s);
            }
        }
        return code == null || name == null ? null
                : new Participant(code, name, in.file(), clients, services, topics, subscriptions);
    }

    private ClientCredential client(JsonNode node, String field, String agency, NodeReader in) {
        if (!in.checkKeys(node, field, Set.of("id", "secret", "api-keys", "roles"))) {
            return null;
        }
        String id = in.requiredText(node, field, "id");
        if (id != null && !CLIENT_ID.matcher(id).matches()) {
            in.problem(field + ".id", "must be 3-64 characters of A-Z a-z 0-9 . _ -");
        }
        String secret = in.optionalText(node, field, "secret");
        if (secret != null && !BCRYPT.matcher(secret).matches()) {
            in.problem(field + ".secret", "must be a bcrypt hash written as {bcrypt}$2a$10$... "
                    + "(produce one with: java -jar lgsp-hub.jar hash-secret); plain secrets are not accepted");
        } else if (secret != null && !Secrets.isBcryptHash(secret)) {
            in.problem(field + ".secret", String.format("bcrypt cost must be between %02d and %02d (each step doubles "
                    + "the work of every token request)", Secrets.BCRYPT_MIN_COST, Secrets.BCRYPT_MAX_COST));
        }
        List<String> apiKeys = new ArrayList<>();
        List<String> declaredKeys = in.textList(node, field, "api-keys");
        for (int i = 0; i < declaredKeys.size(); i++) {
            String key = declaredKeys.get(i);
            if (SHA256.matcher(key).matches()) {
                apiKeys.add(key.substring("{sha256}".length()));
            } else {
                in.problem(field + ".api-keys[" + i + "]", "must be {sha256} followed by 64 lower-case hex digits "
                        + "(produce one with: java -jar lgsp-hub.jar new-api-key)");
            }
        }
        if (secret == null && declaredKeys.isEmpty()) {
            in.problem(field, "needs a secret or at least one api-key");
        }
        List<String> roles = in.textList(node, field, "roles");
        for (int i = 0; i < roles.size(); i++) {
            if (!ROLES.contains(roles.get(i))) {
                in.problem(field + ".roles[" + i + "]", "unknown role '" + roles.get(i) + "' (known: data-tracker)");
            }
        }
        return id == null ? null : new ClientCredential(id, agency, secret, apiKeys, Set.copyOf(roles));
    }

    private ServiceDefinition service(JsonNode node, String field, String provider, NodeReader in) {
        if (!in.checkKeys(node, field, Set.of("code", "name", "version", "connector", "methods", "request-schema",
                "personal-data", "allow", "published-path"))) {
            return null;
        }
        String code = serviceCode(node, field, in);
        String name = in.optionalText(node, field, "name");
        int version = 1;
        JsonNode versionNode = node.get("version");
        if (versionNode != null) {
            if (versionNode.canConvertToInt() && versionNode.isIntegralNumber() && versionNode.asInt() >= 1) {
                version = versionNode.asInt();
            } else {
                in.problem(field + ".version", "must be a whole number >= 1");
            }
        }
        ConnectorSpec connector = connector(node.get("connector"), field + ".connector", in);
        Set<String> methods = new LinkedHashSet<>();
        List<String> declaredMethods = in.textList(node, field, "methods");
        for (int i = 0; i < declaredMethods.size(); i++) {
            String m = declaredMethods.get(i);
            String upper = m.toUpperCase(Locale.ROOT);
            if (HTTP_METHODS.contains(upper)) {
                methods.add(upper);
            } else {
                in.problem(field + ".methods[" + i + "]", "'" + m + "' is not one of " + new TreeSet<>(HTTP_METHODS));
            }
        }
        if (methods.isEmpty()) {
            String fixed = connector == null ? null : connector.string("method");
            if (fixed != null && HTTP_METHODS.contains(fixed.toUpperCase(Locale.ROOT))) {
                methods.add(fixed.toUpperCase(Locale.ROOT));
            } else {
                methods.addAll(List.of("GET", "POST", "PUT", "DELETE"));
            }
        }
        Path schema = schemaFile(in.optionalText(node, field, "request-schema"), field + ".request-schema", in);
        PersonalDataSpec personalData = personalData(node.get("personal-data"), field + ".personal-data", in);
        List<String> allow = in.textList(node, field, "allow");
        String publishedPath = in.optionalText(node, field, "published-path");
        if (publishedPath != null) {
            List<String> segments = List.of(publishedPath.split("/", -1));
            if (!PUBLISHED_PATH.matcher(publishedPath).matches()
                    || segments.contains(".") || segments.contains("..")) {
                in.problem(field + ".published-path", "must be an absolute path of plain segments such as "
                        + "/apiHoTichTuPhap/1.0/traCuu (letters, digits, . _ ~ -, no '.' or '..' segment), "
                        + "no trailing slash");
            } else if (RESERVED_SEGMENTS.contains(segments.get(1))) {
                in.problem(field + ".published-path", "must not start with a path the hub itself serves "
                        + new TreeSet<>(RESERVED_SEGMENTS).stream().map(r -> "/" + r).toList());
            }
        }
        // A service whose connector is invalid (already reported) is kept, so the cross-file checks still
        // report its other problems; the catalog is never built while any problem exists.
        if (code == null || provider == null) {
            return null;
        }
        return new ServiceDefinition(provider, code, name == null ? code : name, version, connector, methods,
                schema, personalData, allow, publishedPath, in.file());
    }

    private TopicDefinition topic(JsonNode node, String field, String publisher, NodeReader in) {
        if (!in.checkKeys(node, field, Set.of("code", "name", "schema", "personal-data", "allow"))) {
            return null;
        }
        String code = serviceCode(node, field, in);
        Path schema = schemaFile(in.optionalText(node, field, "schema"), field + ".schema", in);
        PersonalDataSpec personalData = personalData(node.get("personal-data"), field + ".personal-data", in);
        if (personalData != null && (personalData.subject().startsWith("/") || personalData.responseSubject() != null)) {
            in.problem(field + ".personal-data", "records are JSON: declare 'subject' as a JSONPath ($...) and no "
                    + "'response-subject'");
        }
        List<String> allow = in.textList(node, field, "allow");
        return code == null || publisher == null ? null
                : new TopicDefinition(publisher, code, schema, personalData, allow, in.file());
    }

    private SubscriptionDefinition subscription(JsonNode node, String field, String subscriber, NodeReader in) {
        if (!in.checkKeys(node, field, Set.of("topic", "connector", "retry", "filter", "consumers"))) {
            return null;
        }
        String topic = in.requiredText(node, field, "topic");
        if (topic != null && topic.split("/").length != 2) {
            in.problem(field + ".topic", "must be written publisherCode/topicCode, was '" + topic + "'");
            topic = null;
        }
        ConnectorSpec connector = connector(node.get("connector"), field + ".connector", in);
        RetryPolicy retry = retry(node.get("retry"), field + ".retry", in);
        RecordFilter filter = null;
        String filterText = in.optionalText(node, field, "filter");
        if (filterText != null) {
            try {
                filter = RecordFilter.compile(filterText);
            } catch (IllegalArgumentException e) {
                in.problem(field + ".filter", e.getMessage());
            }
        }
        int consumers = 1;
        JsonNode consumersNode = node.get("consumers");
        if (consumersNode != null) {
            if (consumersNode.isIntegralNumber() && consumersNode.asInt() >= 1 && consumersNode.asInt() <= 64) {
                consumers = consumersNode.asInt();
            } else {
                in.problem(field + ".consumers", "must be a whole number from 1 to 64");
            }
        }
        // kept even when its connector is invalid (already reported), so its topic is still checked
        return topic == null || subscriber == null ? null
                : new SubscriptionDefinition(subscriber, topic, connector, retry, filter, consumers, in.file());
    }

    private String serviceCode(JsonNode node, String field, NodeReader in) {
        String code = in.requiredText(node, field, "code");
        if (code != null && !CODE.matcher(code).matches()) {
            in.problem(field + ".code", "must be 1-64 characters of a-z 0-9 and '-', starting with a letter or digit");
            return null;
        }
        return code;
    }

    private ConnectorSpec connector(JsonNode node, String field, NodeReader in) {
        if (node == null) {
            in.problem(field, "is required");
            return null;
        }
        if (!node.isObject()) {
            in.problem(field, "must be a mapping with at least a type");
            return null;
        }
        String type = in.requiredText(node, field, "type");
        if (type == null) {
            return null;
        }
        ConnectorFactory factory = connectors.find(type).orElse(null);
        if (factory == null) {
            in.problem(field + ".type", "unknown connector type '" + type + "' (known: "
                    + String.join(", ", connectors.types()) + ")");
            return null;
        }
        Map<String, Object> properties = NodeReader.toMap(node);
        properties.remove("type");
        ConnectorSpec spec = new ConnectorSpec(type, properties);
        List<ConnectorConfigProblem> problems = factory.validate(spec);
        problems.forEach(p -> in.problem(NodeReader.join(field, p.property()), p.reason()));
        return spec;
    }

    private Path schemaFile(String relative, String field, NodeReader in) {
        if (relative == null) {
            return null;
        }
        Path resolved = configDir.resolve(relative).normalize();
        if (!resolved.startsWith(configDir.normalize())) {
            in.problem(field, "must be a path inside the configuration directory, was '" + relative + "'");
            return null;
        }
        if (!Files.isRegularFile(resolved)) {
            in.problem(field, "schema file not found: " + resolved);
            return null;
        }
        return resolved;
    }

    private PersonalDataSpec personalData(JsonNode node, String field, NodeReader in) {
        if (node == null) {
            return null;
        }
        if (!in.checkKeys(node, field, Set.of("subject", "purposes", "response-subject"))) {
            return null;
        }
        String subject = subjectPath(in.requiredText(node, field, "subject"), field + ".subject", in);
        String responseSubject = subjectPath(in.optionalText(node, field, "response-subject"),
                field + ".response-subject", in);
        List<String> purposes = in.textList(node, field, "purposes");
        if (purposes.isEmpty()) {
            in.problem(field + ".purposes", "must list at least one purpose code");
        }
        return subject == null ? null : new PersonalDataSpec(subject, purposes, responseSubject);
    }

    /** The path when it compiles (JSONPath or XPath), else null with a problem. */
    private static String subjectPath(String path, String field, NodeReader in) {
        if (path == null) {
            return null;
        }
        try {
            return SubjectExtractor.compile(path).path();
        } catch (IllegalArgumentException e) {
            in.problem(field, e.getMessage());
            return null;
        }
    }

    private RetryPolicy retry(JsonNode node, String field, NodeReader in) {
        if (node == null) {
            return RetryPolicy.DEFAULT;
        }
        if (!in.checkKeys(node, field, Set.of("max-attempts", "initial-backoff", "multiplier", "max-backoff"))) {
            return RetryPolicy.DEFAULT;
        }
        RetryPolicy d = RetryPolicy.DEFAULT;
        int maxAttempts = d.maxAttempts();
        JsonNode attempts = node.get("max-attempts");
        if (attempts != null) {
            if (attempts.isIntegralNumber() && attempts.asInt() >= 1) {
                maxAttempts = attempts.asInt();
            } else {
                in.problem(field + ".max-attempts", "must be a whole number >= 1");
            }
        }
        double multiplier = d.multiplier();
        JsonNode mult = node.get("multiplier");
        if (mult != null) {
            if (mult.isNumber() && mult.asDouble() >= 1.0) {
                multiplier = mult.asDouble();
            } else {
                in.problem(field + ".multiplier", "must be a number >= 1.0");
            }
        }
        Duration initial = duration(node, field, "initial-backoff", d.initialBackoff(), in);
        Duration max = duration(node, field, "max-backoff", d.maxBackoff(), in);
        return new RetryPolicy(maxAttempts, initial, multiplier, max);
    }

    private Duration duration(JsonNode node, String field, String key, Duration fallback, NodeReader in) {
        String text = in.optionalText(node, field, key);
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            in.problem(field + "." + key, e.getMessage());
            return fallback;
        }
    }
}
