package vn.lgsp.hub.core.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable, validated snapshot of the hub's configuration with the look-ups the request path needs:
 * participants, clients (by id and by API-key digest), services (by address and by published path),
 * topics, groups, compiled request schemas and the resolved allow-lists. Build it with {@link CatalogLoader}.
 */
public final class Catalog {

    /** A published path matched to its service; {@code subPath} is what followed the alias ("" or "/..."). */
    public record PublishedMatch(ServiceDefinition service, String subPath) {
    }

    private final Map<String, Participant> participants;
    private final Map<String, Set<String>> groups;
    private final Map<String, ClientCredential> clientsById = new HashMap<>();
    private final Map<String, ClientCredential> clientsByApiKeyHash = new HashMap<>();
    private final Map<String, ServiceDefinition> services = new HashMap<>();
    /** Key prefix of topic record schemas in the compiled schema map. */
    static final String TOPIC_SCHEMA_PREFIX = "topic:";
    private final Map<String, TopicDefinition> topics = new HashMap<>();
    private final Map<String, List<SubscriptionDefinition>> subscriptionsByTopic = new HashMap<>();
    private final Map<String, ServiceDefinition> publishedPaths = new HashMap<>();
    private final Map<String, AllowList> serviceAllowLists = new HashMap<>();
    private final Map<String, RequestSchema> requestSchemas;

    Catalog(Collection<Participant> participants, Map<String, Set<String>> groups,
            Map<String, RequestSchema> requestSchemas) {
        Map<String, Participant> byCode = new TreeMap<>();
        participants.forEach(p -> byCode.put(p.code(), p));
        this.participants = Collections.unmodifiableMap(byCode);
        this.groups = Map.copyOf(groups);
        this.requestSchemas = Map.copyOf(requestSchemas);
        for (Participant p : participants) {
            for (ClientCredential c : p.clients()) {
                clientsById.put(c.id(), c);
                c.apiKeyHashes().forEach(h -> clientsByApiKeyHash.put(h, c));
            }
            for (ServiceDefinition s : p.services()) {
                services.put(s.key(), s);
                serviceAllowLists.put(s.key(), AllowList.resolve(s.allow(), this.groups));
                if (s.publishedPath() != null) {
                    publishedPaths.put(s.publishedPath(), s);
                }
            }
            p.topics().forEach(t -> topics.put(t.key(), t));
            p.subscriptions().forEach(sub ->
                    subscriptionsByTopic.computeIfAbsent(sub.topic(), k -> new ArrayList<>()).add(sub));
        }
    }

    /** Every participant, ordered by agency code. */
    public Collection<Participant> participants() {
        return participants.values();
    }

    public Optional<Participant> participant(String code) {
        return Optional.ofNullable(participants.get(code));
    }

    public Map<String, Set<String>> groups() {
        return groups;
    }

    public Optional<ClientCredential> client(String clientId) {
        return Optional.ofNullable(clientsById.get(clientId));
    }

    /** The client owning an API key, by the key's SHA-256 hex digest. */
    public Optional<ClientCredential> clientByApiKeyDigest(String sha256Hex) {
        return Optional.ofNullable(clientsByApiKeyHash.get(sha256Hex));
    }

    public Optional<ServiceDefinition> service(String providerCode, String serviceCode) {
        return Optional.ofNullable(services.get(providerCode + "/" + serviceCode));
    }

    public Collection<ServiceDefinition> services() {
        return services.values();
    }

    public Optional<TopicDefinition> topic(String publisherCode, String topicCode) {
        return Optional.ofNullable(topics.get(publisherCode + "/" + topicCode));
    }

    /**
     * The service whose published path is the longest prefix of {@code path} on a segment boundary.
     */
    public Optional<PublishedMatch> byPublishedPath(String path) {
        String prefix = path;
        while (!prefix.isEmpty()) {
            ServiceDefinition service = publishedPaths.get(prefix);
            if (service != null) {
                return Optional.of(new PublishedMatch(service, path.substring(prefix.length())));
            }
            prefix = prefix.substring(0, Math.max(prefix.lastIndexOf('/'), 0));
        }
        return Optional.empty();
    }

    /** Default deny: true only when the consumer is on the service's allow-list (directly, by group or {@code *}). */
    public boolean mayCall(String consumerCode, ServiceDefinition service) {
        AllowList allow = serviceAllowLists.get(service.key());
        return allow != null && allow.permits(consumerCode);
    }

    /** The services the consumer may call, ordered by address. */
    public List<ServiceDefinition> servicesCallableBy(String consumerCode) {
        List<ServiceDefinition> result = new ArrayList<>();
        for (ServiceDefinition s : services.values()) {
            if (mayCall(consumerCode, s)) {
                result.add(s);
            }
        }
        result.sort(Comparator.comparing(ServiceDefinition::key));
        return result;
    }

    /** The subscriptions of a topic ({@code publisher/topic}), in catalog order. */
    public List<SubscriptionDefinition> subscriptionsOf(String topicKey) {
        return subscriptionsByTopic.getOrDefault(topicKey, List.of());
    }

    /** Every subscription of the catalog. */
    public List<SubscriptionDefinition> subscriptions() {
        List<SubscriptionDefinition> all = new ArrayList<>();
        participants.values().forEach(p -> all.addAll(p.subscriptions()));
        return all;
    }

    /** The compiled record schema of a topic, when it declares one. */
    public Optional<RequestSchema> recordSchema(TopicDefinition topic) {
        return Optional.ofNullable(requestSchemas.get(TOPIC_SCHEMA_PREFIX + topic.key()));
    }

    /** The compiled request schema of a service, when it declares one. */
    public Optional<RequestSchema> requestSchema(ServiceDefinition service) {
        return Optional.ofNullable(requestSchemas.get(service.key()));
    }

    /** An allow-list with groups expanded, for O(1) checks on the request path. */
    record AllowList(boolean anyone, Set<String> codes) {
        static AllowList resolve(List<String> entries, Map<String, Set<String>> groups) {
            boolean anyone = false;
            Set<String> codes = new HashSet<>();
            for (String entry : entries) {
                if ("*".equals(entry)) {
                    anyone = true;
                } else if (entry.startsWith("group:")) {
                    codes.addAll(groups.getOrDefault(entry.substring(6), Set.of()));
                } else {
                    codes.add(entry);
                }
            }
            return new AllowList(anyone, Set.copyOf(codes));
        }

        boolean permits(String code) {
            return code != null && (anyone || codes.contains(code));
        }
    }
}
