package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.lgsp.hub.core.connector.ConnectorRegistry;

/**
 * Parses and checks one participant file ({@code config/catalog/*.yaml}, format in DESIGN.md): the
 * {@code agency} block here, each list entry by its own parser ({@link ClientParser}, {@link ServiceParser},
 * {@link TopicParser}, {@link SubscriptionParser}). Checks that need the whole catalog (duplicates across
 * files, group names, topic references) are done by {@link CatalogLoader}.
 */
final class ParticipantFileParser {

    private static final Set<String> KEYS = Set.of("agency", "clients", "services", "topics", "subscriptions");

    private final ClientParser clients = new ClientParser();
    private final ServiceParser services;
    private final TopicParser topics;
    private final SubscriptionParser subscriptions;

    ParticipantFileParser(Path configDir, ConnectorRegistry connectors) {
        EntryFields fields = new EntryFields(configDir);
        ConnectorBlockParser connectorBlocks = new ConnectorBlockParser(connectors);
        this.services = new ServiceParser(fields, connectorBlocks);
        this.topics = new TopicParser(fields);
        this.subscriptions = new SubscriptionParser(connectorBlocks);
    }

    Participant parse(JsonNode root, NodeReader in) {
        if (!in.checkKeys(root, "", KEYS)) {
            return null;
        }
        AgencyBlock agency = agency(root.get("agency"), in);
        String code = agency.code();
        String name = agency.name();
        List<ClientCredential> clientList = entries(root, "clients", in,
                (node, field) -> clients.parse(node, field, code, in));
        List<ServiceDefinition> serviceList = entries(root, "services", in,
                (node, field) -> services.parse(node, field, code, in));
        List<TopicDefinition> topicList = entries(root, "topics", in,
                (node, field) -> topics.parse(node, field, code, in));
        List<SubscriptionDefinition> subscriptionList = entries(root, "subscriptions", in,
                (node, field) -> subscriptions.parse(node, field, code, in));
        return code == null || name == null ? null
                : new Participant(code, name, in.file(), clientList, serviceList, topicList, subscriptionList);
    }

    /** The {@code agency} block; a part is null when missing or invalid (reported). */
    private record AgencyBlock(String code, String name) {
    }

    private static AgencyBlock agency(JsonNode agency, NodeReader in) {
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
        return new AgencyBlock(code, name);
    }

    /** Parses each element of a list-valued key; entries the parser rejects (null) are left out. */
    private static <T> List<T> entries(JsonNode root, String key, NodeReader in, EntryParser<T> parser) {
        List<T> result = new ArrayList<>();
        List<JsonNode> nodes = in.list(root, key);
        for (int i = 0; i < nodes.size(); i++) {
            T entry = parser.parse(nodes.get(i), key + "[" + i + "]");
            if (entry != null) {
                result.add(entry);
            }
        }
        return result;
    }

    /** Parses one list element found at {@code field}, e.g. {@code services[2]}. */
    @FunctionalInterface
    private interface EntryParser<T> {
        T parse(JsonNode node, String field);
    }
}
