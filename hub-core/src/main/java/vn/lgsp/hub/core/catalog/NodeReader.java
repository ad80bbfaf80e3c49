package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed values out of a parsed YAML tree while collecting {@link CatalogProblem}s that name the
 * file and the field path. Used by the catalog parsers; not part of the public API.
 */
final class NodeReader {

    private final String file;
    private final List<CatalogProblem> problems;

    NodeReader(String file, List<CatalogProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    String file() {
        return file;
    }

    void problem(String field, String reason) {
        problems.add(new CatalogProblem(file, field, reason));
    }

    /** Reports keys of an object that are not in {@code known}; false when the node is not an object. */
    boolean checkKeys(JsonNode node, String field, Set<String> known) {
        if (node == null || !node.isObject()) {
            problem(field, "must be a mapping (key: value)");
            return false;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problem(join(field, key), "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return true;
    }

    String requiredText(JsonNode parent, String parentField, String key) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            problem(join(parentField, key), "is required");
            return null;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            problem(join(parentField, key), "must be a non-empty text");
            return null;
        }
        return value.asText();
    }

    String optionalText(JsonNode parent, String parentField, String key) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            problem(join(parentField, key), "must be a non-empty text");
            return null;
        }
        return value.asText();
    }

    /** A list of texts; missing means empty. */
    List<String> textList(JsonNode parent, String parentField, String key) {
        JsonNode value = parent.get(key);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            problem(join(parentField, key), "must be a list");
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode() || item.asText().isBlank()) {
                problem(join(parentField, key) + "[" + i + "]", "must be a non-empty text");
            } else {
                result.add(item.asText());
            }
        }
        return result;
    }

    /** Elements of a list-valued key; reports a non-list. */
    List<JsonNode> list(JsonNode parent, String key) {
        JsonNode value = parent.get(key);
        List<JsonNode> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            problem(key, "must be a list");
            return result;
        }
        value.forEach(result::add);
        return result;
    }

    /** Converts a mapping to plain Java values (String, Integer, Double, Boolean, List, Map). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode node) {
        return Yaml.MAPPER.convertValue(node, Map.class);
    }

    static String join(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }
}
