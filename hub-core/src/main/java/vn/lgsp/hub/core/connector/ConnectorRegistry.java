package vn.lgsp.hub.core.connector;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The connector types known to this hub, found with {@link ServiceLoader} on a class loader.
 */
public final class ConnectorRegistry {

    private final Map<String, ConnectorFactory> factories;

    private ConnectorRegistry(Map<String, ConnectorFactory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** Loads every {@link ConnectorFactory} visible to the given class loader. */
    public static ConnectorRegistry load(ClassLoader classLoader) {
        Map<String, ConnectorFactory> found = new TreeMap<>();
        for (ConnectorFactory factory : ServiceLoader.load(ConnectorFactory.class, classLoader)) {
            ConnectorFactory previous = found.putIfAbsent(factory.type(), factory);
            if (previous != null) {
                throw new IllegalStateException("two connector factories declare type '" + factory.type()
                        + "': " + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return new ConnectorRegistry(found);
    }

    /** A registry holding exactly the given factories (tests, embedding). */
    public static ConnectorRegistry of(ConnectorFactory... factories) {
        Map<String, ConnectorFactory> map = new TreeMap<>();
        for (ConnectorFactory factory : factories) {
            map.put(factory.type(), factory);
        }
        return new ConnectorRegistry(map);
    }

    public Optional<ConnectorFactory> find(String type) {
        return Optional.ofNullable(factories.get(type));
    }

    public Set<String> types() {
        return factories.keySet();
    }
}
