package vn.lgsp.hub.core.connector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector types known to this hub: the built-in ones found with {@link ServiceLoader} on the
 * application's class loader, plus those of plugin jars ({@link ConnectorPlugins}). Checks connector blocks
 * for the catalog ({@link #check}): first against the type's {@link ConnectorFactory#configSchema()}, then
 * with its {@link ConnectorFactory#validate}.
 */
public final class ConnectorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

    /** Where built-in types come from, in {@link ConnectorType#origin()}. */
    public static final String BUILT_IN = "built-in";

    /** A known connector type and where it came from: {@value #BUILT_IN} or the plugin jar's file name. */
    public record ConnectorType(String type, String origin, boolean hasConfigSchema) {
    }

    private record Entry(ConnectorFactory factory, String origin, ConnectorConfigSchema schema) {
    }

    private final Map<String, Entry> entries;
    private final List<ConnectorPlugins.Skipped> skippedPlugins;

    private ConnectorRegistry(Map<String, Entry> entries, List<ConnectorPlugins.Skipped> skippedPlugins) {
        this.entries = Map.copyOf(entries);
        this.skippedPlugins = List.copyOf(skippedPlugins);
    }

    /** Loads every {@link ConnectorFactory} visible to the given class loader (built-in types only). */
    public static ConnectorRegistry load(ClassLoader classLoader) {
        return new ConnectorRegistry(builtIn(classLoader), List.of());
    }

    /**
     * Loads the built-in types of the class loader, then the plugin jars of {@code pluginDir} (missing: none).
     * Two built-in factories of one type stop startup; a bad plugin jar is skipped ({@link #skippedPlugins}).
     */
    public static ConnectorRegistry load(ClassLoader classLoader, Path pluginDir) {
        Map<String, Entry> entries = builtIn(classLoader);
        ConnectorPlugins.Result plugins = ConnectorPlugins.load(pluginDir, classLoader, entries.keySet());
        for (ConnectorPlugins.Loaded plugin : plugins.loaded()) {
            plugin.factories().forEach(f -> entries.put(f.type(), entry(f, plugin.jar().getFileName().toString())));
        }
        return new ConnectorRegistry(entries, plugins.skipped());
    }

    /** A registry holding exactly the given factories (tests, embedding). */
    public static ConnectorRegistry of(ConnectorFactory... factories) {
        Map<String, Entry> map = new TreeMap<>();
        for (ConnectorFactory factory : factories) {
            map.put(factory.type(), entry(factory, BUILT_IN));
        }
        return new ConnectorRegistry(map, List.of());
    }

    private static Map<String, Entry> builtIn(ClassLoader classLoader) {
        Map<String, Entry> found = new TreeMap<>();
        for (ConnectorFactory factory : ServiceLoader.load(ConnectorFactory.class, classLoader)) {
            Entry previous = found.putIfAbsent(factory.type(), entry(factory, BUILT_IN));
            if (previous != null) {
                throw new IllegalStateException("two connector factories declare type '" + factory.type()
                        + "': " + previous.factory().getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return found;
    }

    private static Entry entry(ConnectorFactory factory, String origin) {
        String schema = factory.configSchema();
        return new Entry(factory, origin, schema == null ? null : ConnectorConfigSchema.compile(factory.type(), schema));
    }

    public Optional<ConnectorFactory> find(String type) {
        return Optional.ofNullable(entries.get(type)).map(Entry::factory);
    }

    /** The known type names, sorted. */
    public Set<String> types() {
        return new TreeMap<>(entries).keySet();
    }

    /** Every known type with its origin, sorted by type. */
    public List<ConnectorType> describe() {
        List<ConnectorType> result = new ArrayList<>();
        new TreeMap<>(entries).forEach((type, e) -> result.add(new ConnectorType(type, e.origin(), e.schema() != null)));
        return result;
    }

    /** Plugin jars that were not loaded, and why. */
    public List<ConnectorPlugins.Skipped> skippedPlugins() {
        return skippedPlugins;
    }

    /**
     * The problems of a connector block of a known type: its config schema's violations if any, else what
     * the factory's {@code validate} reports. A factory that throws is reported as a problem, not thrown.
     *
     * @throws IllegalArgumentException when the type is unknown
     */
    public List<ConnectorConfigProblem> check(ConnectorSpec spec) {
        Entry entry = entries.get(spec.type());
        if (entry == null) {
            throw new IllegalArgumentException("unknown connector type '" + spec.type() + "'");
        }
        if (entry.schema() != null) {
            List<ConnectorConfigProblem> problems = entry.schema().check(spec);
            if (!problems.isEmpty()) {
                return problems;
            }
        }
        try {
            return List.copyOf(entry.factory().validate(spec));
        } catch (RuntimeException e) {
            return List.of(new ConnectorConfigProblem("", "connector type '" + spec.type()
                    + "' could not check this block (" + e.getClass().getSimpleName() + ")"));
        }
    }

    /** Links a consumer may follow for a service with this connector ({@link ConnectorFactory#consumerLinks}). */
    public Map<String, String> consumerLinks(ConnectorSpec spec, String serviceKey) {
        Entry entry = spec == null ? null : entries.get(spec.type());
        if (entry == null) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(entry.factory().consumerLinks(spec, serviceKey));
        } catch (RuntimeException e) {
            LOG.warn("connector type '{}' failed to list the links of {}: {}",
                    spec.type(), serviceKey, e.toString());
            return Map.of();
        }
    }

    /**
     * The document behind a consumer link ({@link ConnectorFactory#consumerDocument}); empty when the type is
     * unknown, the connector has none, or it fails to produce it.
     */
    public Optional<ConsumerDocument> consumerDocument(ConnectorSpec spec, String serviceUrl, String name) {
        Entry entry = spec == null ? null : entries.get(spec.type());
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return entry.factory().consumerDocument(spec, serviceUrl, name);
        } catch (RuntimeException e) {
            LOG.warn("connector type '{}' failed to produce the {} of {}: {}",
                    spec.type(), name, serviceUrl, e.toString());
            return Optional.empty();
        }
    }
}
