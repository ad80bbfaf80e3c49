package vn.lgsp.hub.core.catalog;

import java.util.List;

/**
 * An agency connected to the hub, as declared in one catalog file.
 */
public record Participant(String code, String name, String sourceFile, List<ClientCredential> clients,
                          List<ServiceDefinition> services, List<TopicDefinition> topics,
                          List<SubscriptionDefinition> subscriptions) {
    public Participant {
        clients = List.copyOf(clients);
        services = List.copyOf(services);
        topics = List.copyOf(topics);
        subscriptions = List.copyOf(subscriptions);
    }
}
