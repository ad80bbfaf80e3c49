package vn.lgsp.hub.routes.resilience;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.ResiliencePolicy;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.routes.control.CircuitStateSource;

/**
 * One {@link ProviderGuard} per service ({@code service:provider/code}) and per subscription
 * ({@code subscription:subscriber>publisher/topic}), created on first use. A catalog reload that changes an
 * endpoint's {@code resilience:} block gives it a fresh guard (closed circuit, empty bulkhead).
 */
@Component
public class ProviderGuards implements CircuitStateSource {

    private final Map<String, ProviderGuard> guards = new ConcurrentHashMap<>();

    /** The guard of a service's calls. */
    public ProviderGuard forService(ServiceDefinition service) {
        return guard("service:" + service.key(), service.resilience());
    }

    /** The guard of a subscription's deliveries. */
    public ProviderGuard forSubscription(SubscriptionDefinition subscription) {
        return guard("subscription:" + subscription.id(), subscription.resilience());
    }

    /** The circuit state of a service: CLOSED, OPEN or HALF_OPEN (CLOSED when not called yet); ops API field. */
    @Override
    public String circuitOf(ServiceDefinition service) {
        return forService(service).circuitState();
    }

    /** Circuit state of every guard used so far, by name, sorted. */
    public Map<String, String> circuitStates() {
        Map<String, String> states = new TreeMap<>();
        guards.forEach((name, guard) -> states.put(name, guard.circuitState()));
        return new LinkedHashMap<>(states);
    }

    private ProviderGuard guard(String name, ResiliencePolicy policy) {
        ProviderGuard known = guards.get(name);
        if (known != null && known.policy().equals(policy)) {
            return known;
        }
        return guards.compute(name, (key, existing) ->
                existing != null && existing.policy().equals(policy) ? existing : new ProviderGuard(key, policy));
    }
}
