package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import vn.lgsp.hub.core.connector.ConnectorSpec;

/** Parses one {@code services[i]} entry of a participant file into a {@link ServiceDefinition}. */
final class ServiceParser {

    static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final Set<String> KEYS = Set.of("code", "name", "version", "connector", "methods",
            "request-schema", "personal-data", "allow", "published-path", "resilience");
    private static final Pattern PUBLISHED_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    /** First path segments the hub itself serves (DESIGN.md, Endpoints). */
    private static final Set<String> RESERVED_SEGMENTS = Set.of("api", "token", "soap", "ops", "actuator", "console");

    private final EntryFields fields;
    private final ConnectorBlockParser connectors;

    ServiceParser(EntryFields fields, ConnectorBlockParser connectors) {
        this.fields = fields;
        this.connectors = connectors;
    }

    ServiceDefinition parse(JsonNode node, String field, String provider, NodeReader in) {
        if (!in.checkKeys(node, field, KEYS)) {
            return null;
        }
        String code = fields.code(node, field, in);
        String name = in.optionalText(node, field, "name");
        int version = version(node.get("version"), field + ".version", in);
        ConnectorSpec connector = connectors.parse(node.get("connector"), field + ".connector", in);
        Set<String> methods = methods(node, field, connector, in);
        Path schema = fields.schemaFile(in.optionalText(node, field, "request-schema"), field + ".request-schema", in);
        PersonalDataSpec personalData = fields.personalData(node.get("personal-data"), field + ".personal-data", in);
        List<String> allow = in.textList(node, field, "allow");
        String publishedPath = in.optionalText(node, field, "published-path");
        checkPublishedPath(publishedPath, field + ".published-path", in);
        // A service whose connector is invalid (already reported) is kept, so the cross-file checks still
        // report its other problems; the catalog is never built while any problem exists.
        if (code == null || provider == null) {
            return null;
        }
        return new ServiceDefinition(provider, code, name == null ? code : name, version, connector, methods,
                schema, personalData, allow, publishedPath, in.file(), EdgeBlockParser.resilience(node, field, in));
    }

    private static int version(JsonNode versionNode, String field, NodeReader in) {
        if (versionNode == null) {
            return 1;
        }
        if (versionNode.canConvertToInt() && versionNode.isIntegralNumber() && versionNode.asInt() >= 1) {
            return versionNode.asInt();
        }
        in.problem(field, "must be a whole number >= 1");
        return 1;
    }

    /** The declared methods; when none, the connector's fixed {@code method}, else GET POST PUT DELETE. */
    private static Set<String> methods(JsonNode node, String field, ConnectorSpec connector, NodeReader in) {
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
        return methods;
    }

    private static void checkPublishedPath(String publishedPath, String field, NodeReader in) {
        if (publishedPath == null) {
            return;
        }
        List<String> segments = List.of(publishedPath.split("/", -1));
        if (!PUBLISHED_PATH.matcher(publishedPath).matches() || segments.contains(".") || segments.contains("..")) {
            in.problem(field, "must be an absolute path of plain segments such as "
                    + "/apiHoTichTuPhap/1.0/traCuu (letters, digits, . _ ~ -, no '.' or '..' segment), "
                    + "no trailing slash");
        } else if (RESERVED_SEGMENTS.contains(segments.get(1))) {
            in.problem(field, "must not start with a path the hub itself serves "
                    + new TreeSet<>(RESERVED_SEGMENTS).stream().map(r -> "/" + r).toList());
        }
    }
}
