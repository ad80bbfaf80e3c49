package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Parses one {@code topics[i]} entry of a participant file into a {@link TopicDefinition}. */
final class TopicParser {

    private final EntryFields fields;

    TopicParser(EntryFields fields) {
        this.fields = fields;
    }

    TopicDefinition parse(JsonNode node, String field, String publisher, NodeReader in) {
        if (!in.checkKeys(node, field, Set.of("code", "name", "schema", "personal-data", "allow"))) {
            return null;
        }
        String code = fields.code(node, field, in);
        Path schema = fields.schemaFile(in.optionalText(node, field, "schema"), field + ".schema", in);
        PersonalDataSpec personalData = fields.personalData(node.get("personal-data"), field + ".personal-data", in);
        if (personalData != null && (personalData.subject().startsWith("/") || personalData.responseSubject() != null)) {
            in.problem(field + ".personal-data", "records are JSON: declare 'subject' as a JSONPath ($...) and no "
                    + "'response-subject'");
        }
        List<String> allow = in.textList(node, field, "allow");
        return code == null || publisher == null ? null
                : new TopicDefinition(publisher, code, schema, personalData, allow, in.file());
    }
}
