package vn.lgsp.hub.core.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that need every participant file at once: unique client ids, API keys, services and published
 * paths; allow-list entries that name known groups and well-formed codes; subscriptions to existing topics
 * the publisher allows.
 */
final class CrossFileChecks {

    private final Collection<Participant> participants;
    private final Map<String, Set<String>> groups;
    private final List<CatalogProblem> problems;

    CrossFileChecks(Collection<Participant> participants, Map<String, Set<String>> groups,
                    List<CatalogProblem> problems) {
        this.participants = participants;
        this.groups = groups;
        this.problems = problems;
    }

    void run() {
        Map<String, String> clientIds = new HashMap<>();
        Map<String, String> apiKeys = new HashMap<>();
        Map<String, String> publishedPaths = new HashMap<>();
        Map<String, TopicDefinition> topics = new HashMap<>();
        participants.forEach(p -> p.topics().forEach(t -> topics.put(t.key(), t)));
        for (Participant p : participants) {
            for (int i = 0; i < p.clients().size(); i++) {
                ClientCredential c = p.clients().get(i);
                String field = "clients[" + i + "]";
                unique(clientIds, c.id(), p.sourceFile(), field + ".id", "client id '" + c.id() + "'");
                c.apiKeyHashes().forEach(h -> unique(apiKeys, h, p.sourceFile(), field + ".api-keys", "this api key"));
            }
            Map<String, Integer> serviceCodes = new HashMap<>();
            for (int i = 0; i < p.services().size(); i++) {
                ServiceDefinition s = p.services().get(i);
                String field = "services[" + i + "]";
                Integer first = serviceCodes.putIfAbsent(s.code(), i);
                if (first != null) {
                    problem(p.sourceFile(), field + ".code", "duplicate service '" + s.code()
                            + "' (already declared as services[" + first + "])");
                }
                if (s.publishedPath() != null) {
                    unique(publishedPaths, s.publishedPath(), p.sourceFile(), field + ".published-path",
                            "published path '" + s.publishedPath() + "'");
                }
                checkAllow(s.allow(), p.sourceFile(), field + ".allow");
            }
            Map<String, Integer> topicCodes = new HashMap<>();
            for (int i = 0; i < p.topics().size(); i++) {
                TopicDefinition t = p.topics().get(i);
                Integer first = topicCodes.putIfAbsent(t.code(), i);
                if (first != null) {
                    problem(p.sourceFile(), "topics[" + i + "].code", "duplicate topic '" + t.code()
                            + "' (already declared as topics[" + first + "])");
                }
                checkAllow(t.allow(), p.sourceFile(), "topics[" + i + "].allow");
            }
            Map<String, Integer> subscribed = new HashMap<>();
            for (int i = 0; i < p.subscriptions().size(); i++) {
                SubscriptionDefinition s = p.subscriptions().get(i);
                TopicDefinition topic = topics.get(s.topic());
                String field = "subscriptions[" + i + "].topic";
                Integer first = subscribed.putIfAbsent(s.topic(), i);
                if (first != null) {
                    // one subscription per subscriber and topic: they would share one queue (see queueName())
                    problem(p.sourceFile(), field, "duplicate subscription to '" + s.topic()
                            + "' (already declared as subscriptions[" + first + "])");
                } else if (topic == null) {
                    problem(p.sourceFile(), field, "unknown topic '" + s.topic() + "'");
                } else if (!Catalog.AllowList.resolve(topic.allow(), groups).permits(p.code())) {
                    problem(p.sourceFile(), field, "the publisher of '" + s.topic() + "' does not allow "
                            + p.code() + " to subscribe (see " + topic.sourceFile() + ")");
                }
            }
        }
    }

    private void checkAllow(List<String> allow, String file, String field) {
        for (int i = 0; i < allow.size(); i++) {
            String entry = allow.get(i);
            if (entry.equals("*")) {
                continue;
            }
            if (entry.startsWith("group:")) {
                if (!groups.containsKey(entry.substring(6))) {
                    problem(file, field + "[" + i + "]", "unknown group '" + entry.substring(6)
                            + "' (declare it in groups.yaml)");
                }
            } else if (!AgencyCode.isValid(entry)) {
                problem(file, field + "[" + i + "]", "'" + entry + "' is neither an agency code, group:NAME nor *");
            }
        }
    }

    private void unique(Map<String, String> seen, String value, String file, String field, String what) {
        String previous = seen.putIfAbsent(value, file);
        if (previous != null) {
            problem(file, field, what + " is already used in " + previous);
        }
    }

    private void problem(String file, String field, String reason) {
        problems.add(new CatalogProblem(file, field, reason));
    }
}
