package vn.lgsp.hub.routes.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.ClientCredential;
import vn.lgsp.hub.core.catalog.Participant;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.core.catalog.TopicDefinition;
import vn.lgsp.hub.routes.config.CatalogHolder;

/**
 * {@code GET /ops/v1/catalog} (operator): the catalog in force as operators need to see it: participants with
 * their client ids (never secrets or key digests), groups, services and topics with their allow-lists as
 * written ({@code allow}) and resolved to participant codes ({@code allowed}; {@code anyone} for {@code *}),
 * and subscriptions. Connector settings are left out (they may hold credentials); only their type is shown.
 */
@RestController
public class OpsCatalogController {

    private final CatalogHolder catalog;

    public OpsCatalogController(CatalogHolder catalog) {
        this.catalog = catalog;
    }

    /** One participant: agency code, name, catalog file and client ids. */
    public record ParticipantView(String code, String name, String sourceFile, List<String> clients) {
    }

    /** One service and who may call it. */
    public record ServiceView(String provider, String providerName, String service, String name, int version,
                              String connectorType, Set<String> methods, boolean personalData,
                              String publishedPath, List<String> allow, boolean anyone, Set<String> allowed) {
    }

    /** One topic and who may subscribe to it. */
    public record TopicView(String publisher, String publisherName, String topic, boolean personalData,
                            List<String> allow, boolean anyone, Set<String> allowed) {
    }

    /** One subscription. */
    public record SubscriptionView(String id, String subscriber, String subscriberName, String topic,
                                   String connectorType, boolean filtered, int consumers, int maxAttempts) {
    }

    /** The whole view. */
    public record CatalogView(List<ParticipantView> participants, Map<String, Set<String>> groups,
                              List<ServiceView> services, List<TopicView> topics,
                              List<SubscriptionView> subscriptions) {
    }

    @GetMapping(path = "/ops/v1/catalog", produces = "application/json")
    public CatalogView catalog() {
        Catalog current = catalog.current();
        List<ParticipantView> participants = new ArrayList<>();
        List<ServiceView> services = new ArrayList<>();
        List<TopicView> topics = new ArrayList<>();
        List<SubscriptionView> subscriptions = new ArrayList<>();
        for (Participant p : current.participants()) {
            participants.add(new ParticipantView(p.code(), p.name(), p.sourceFile(),
                    p.clients().stream().map(ClientCredential::id).sorted().toList()));
            for (ServiceDefinition s : p.services()) {
                services.add(new ServiceView(p.code(), p.name(), s.code(), s.name(), s.version(),
                        s.connector() == null ? null : s.connector().type(), new TreeSet<>(s.methods()),
                        s.personalData() != null, s.publishedPath(), s.allow(), s.allow().contains("*"),
                        resolve(s.allow(), current)));
            }
            for (TopicDefinition t : p.topics()) {
                topics.add(new TopicView(p.code(), p.name(), t.code(), t.personalData() != null, t.allow(),
                        t.allow().contains("*"), resolve(t.allow(), current)));
            }
            for (SubscriptionDefinition sub : p.subscriptions()) {
                subscriptions.add(new SubscriptionView(sub.id(), p.code(), p.name(), sub.topic(),
                        sub.connector() == null ? null : sub.connector().type(), sub.filter() != null,
                        sub.consumers(), sub.retry() == null ? 0 : sub.retry().maxAttempts()));
            }
        }
        Map<String, Set<String>> groups = new TreeMap<>();
        current.groups().forEach((name, codes) -> groups.put(name, new TreeSet<>(codes)));
        return new CatalogView(participants, groups, services, topics, subscriptions);
    }

    /** The participant codes an allow-list names, directly or through a group ({@code *}: every participant). */
    private static Set<String> resolve(List<String> allow, Catalog catalog) {
        Set<String> codes = new TreeSet<>();
        for (String entry : allow) {
            if ("*".equals(entry)) {
                catalog.participants().stream().map(Participant::code).forEach(codes::add);
            } else if (entry.startsWith("group:")) {
                codes.addAll(catalog.groups().getOrDefault(entry.substring(6), Set.of()));
            } else {
                codes.add(entry);
            }
        }
        return codes;
    }
}
