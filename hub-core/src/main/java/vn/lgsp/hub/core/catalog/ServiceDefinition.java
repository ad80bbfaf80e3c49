package vn.lgsp.hub.core.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import vn.lgsp.hub.core.connector.ConnectorSpec;

/**
 * A service a provider participant offers synchronously, addressed {@code {providerCode}/{code}}.
 *
 * @param providerCode  agency code of the provider
 * @param code          service code, unique per provider
 * @param name          human-readable name (optional, defaults to the code)
 * @param version       service version (default 1)
 * @param connector     how the hub reaches the provider
 * @param methods       HTTP methods a consumer may use
 * @param requestSchema JSON Schema file for request bodies, or null
 * @param personalData  personal-data declaration, or null
 * @param allow         allow-list entries as written: agency codes, {@code group:NAME} or {@code *}
 * @param publishedPath optional alias path for existing LGSP clients, or null
 * @param sourceFile    the catalog file that declared it
 * @param resilience    timeout, circuit breaker and bulkhead of calls to this service
 */
public record ServiceDefinition(String providerCode, String code, String name, int version,
                                ConnectorSpec connector, Set<String> methods, Path requestSchema,
                                PersonalDataSpec personalData, List<String> allow, String publishedPath,
                                String sourceFile, ResiliencePolicy resilience) {
    public ServiceDefinition {
        methods = Set.copyOf(methods);
        allow = List.copyOf(allow);
        resilience = resilience == null ? ResiliencePolicy.DEFAULT : resilience;
    }

    /** A service with the default {@link ResiliencePolicy}. */
    public ServiceDefinition(String providerCode, String code, String name, int version, ConnectorSpec connector,
                             Set<String> methods, Path requestSchema, PersonalDataSpec personalData, List<String> allow,
                             String publishedPath, String sourceFile) {
        this(providerCode, code, name, version, connector, methods, requestSchema, personalData, allow, publishedPath,
                sourceFile, ResiliencePolicy.DEFAULT);
    }

    /** {@code provider/code}, the service's address in the hub. */
    public String key() {
        return providerCode + "/" + code;
    }
}
