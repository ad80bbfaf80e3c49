package vn.lgsp.hub.routes.resilience;

import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code providers} health contributor: the circuit state of every service and subscription called
 * since startup, and how many are open. Always UP: an open circuit is a provider's trouble, which the hub
 * answers for (503 CIRCUIT_OPEN), not a reason to take the hub out of a load balancer.
 */
@Component("providers")
public class ProvidersHealthIndicator extends AbstractHealthIndicator {

    private final ProviderGuards guards;

    public ProvidersHealthIndicator(ProviderGuards guards) {
        super("providers health check failed");
        this.guards = guards;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, String> circuits = guards.circuitStates();
        long open = circuits.values().stream().filter(s -> !s.equals("CLOSED")).count();
        builder.up().withDetail("openCircuits", open).withDetail("circuits", circuits);
    }
}
