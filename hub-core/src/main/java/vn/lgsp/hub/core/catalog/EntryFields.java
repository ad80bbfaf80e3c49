package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.lgsp.hub.core.privacy.SubjectExtractor;

/**
 * Fields services and topics share: the entry {@code code}, a schema file inside the configuration
 * directory and the {@code personal-data} block.
 */
final class EntryFields {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Path configDir;

    EntryFields(Path configDir) {
        this.configDir = configDir;
    }

    /** The required {@code code} when well-formed, else null (reported). */
    String code(JsonNode node, String field, NodeReader in) {
        String code = in.requiredText(node, field, "code");
        if (code != null && !CODE.matcher(code).matches()) {
            in.problem(field + ".code", "must be 1-64 characters of a-z 0-9 and '-', starting with a letter or digit");
            return null;
        }
        return code;
    }

    /** The schema file resolved inside the configuration directory, or null (absent, or reported). */
    Path schemaFile(String relative, String field, NodeReader in) {
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

    PersonalDataSpec personalData(JsonNode node, String field, NodeReader in) {
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
}
