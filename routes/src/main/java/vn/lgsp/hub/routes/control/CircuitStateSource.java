package vn.lgsp.hub.routes.control;

import vn.lgsp.hub.core.catalog.ServiceDefinition;

/**
 * Where {@code GET /ops/v1/services} reads a service's circuit breaker state ({@code CLOSED}, {@code OPEN},
 * {@code HALF_OPEN}); implemented by the resilience code as a Spring bean. Without one, circuits show null.
 */
public interface CircuitStateSource {

    /** The circuit state of the service's provider connector, or null when it has none. */
    String circuitOf(ServiceDefinition service);
}
