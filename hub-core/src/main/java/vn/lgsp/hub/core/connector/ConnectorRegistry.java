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
 *
 * <p>The plugin types can change while the hub runs: {@link #rescanPlugins()} builds a candidate registry from
 * the plugin folder as it is now (unchanged jars kept), which the catalog reload validates the new catalog
 * against and then puts in force with {@link #adopt}. Readers always see one consistent set of types.
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

    /** One consistent set of types: what every reader sees. */
    private record State(Map<String, Entry> entries, List<ConnectorPlugins.Loaded> plugins,
                         List<ConnectorPlugins.Skipped> skippedPlugins) {
        State {
            entries = Map.copyOf(entries);
            plugins = List.copyOf(plugins);
            skippedPlugins = List.copyOf(skippedPlugins);
        }
    }

    private final ClassLoader classLoader;
    private final Path pluginDir;
    private final Map<String, Entry> builtIn;
    private volatile State state;

    private ConnectorRegistry(ClassLoader classLoader, Path pluginDir, Map<String, Entry> builtIn, State state) {
        this.classLoader = classLoader;
        this.pluginDir = pluginDir;
        this.builtIn = Map.copyOf(builtIn);
        this.state = state;
    }

    /** Loads every {@link ConnectorFactory} visible to the given class loader (built-in types only). */
    public static ConnectorRegistry load(ClassLoader classLoader) {
        Map<String, Entry> builtIn = builtIn(classLoader);
        return new ConnectorRegistry(classLoader, null, builtIn, new State(builtIn, List.of(), List.of()));
    }

    /**
     * Loads the built-in types of the class loader, then the plugin jars of {@code pluginDir} (missing: none).
     * Two built-in factories of one type stop startup; a bad plugin jar is skipped ({@link #skippedPlugins}).
     */
    public static ConnectorRegistry load(ClassLoader classLoader, Path pluginDir) {
        Map<String, Entry> builtIn = builtIn(classLoader);
        return new ConnectorRegistry(classLoader, pluginDir, builtIn, scan(classLoader, pluginDir, builtIn, null));
    }

    /** The built-in types plus the plugins; {@code previous} null at startup, else the jars loaded so far. */
    private static State scan(ClassLoader classLoader, Path pluginDir, Map<String, Entry> builtIn,
                              List<ConnectorPlugins.Loaded> previous) {
        Map<String, Entry> entries = new TreeMap<>(builtIn);
        ConnectorPlugins.Result plugins = previous == null
                ? ConnectorPlugins.load(pluginDir, classLoader, builtIn.keySet())
                : ConnectorPlugins.reload(pluginDir, classLoader, builtIn.keySet(), previous);
        for (ConnectorPlugins.Loaded plugin : plugins.loaded()) {
            plugin.factories().forEach(f -> entries.put(f.type(), entry(f, plugin.jar().getFileName().toString())));
        }
        return new State(entries, plugins.loaded(), plugins.skipped());
    }

    /**
     * A candidate registry with the plugin folder as it is now: jars unchanged since this registry's scan keep
     * their factories; new and changed jars are loaded. This registry is not changed (see {@link #adopt}).
     */
    public ConnectorRegistry rescanPlugins() {
        return new ConnectorRegistry(classLoader, pluginDir, builtIn,
                scan(classLoader, pluginDir, builtIn, state.plugins()));
    }

    /** A copy of this registry's current types, unaffected by later {@link #adopt} calls on this one. */
    public ConnectorRegistry snapshot() {
        return new ConnectorRegistry(classLoader, pluginDir, builtIn, state);
    }

    /** Puts the types of {@code other} (a {@link #rescanPlugins()} or {@link #snapshot()} of this) in force. */
    public void adopt(ConnectorRegistry other) {
        this.state = other.state;
    }

    /** Changes when a plugin jar is added, replaced or removed (see {@link ConnectorPlugins#fingerprint}). */
    public String pluginFingerprint() {
        return ConnectorPlugins.fingerprint(pluginDir);
    }

    /**
     * What differs from {@code before} in words, for the log and the audit record: types added, removed or
     * loaded anew from a changed jar, and jars skipped; empty when nothing differs.
     */
    public List<String> changesSince(ConnectorRegistry before) {
        Map<String, Entry> was = before.state.entries();
        Map<String, Entry> now = state.entries();
        List<String> changes = new ArrayList<>();
        new TreeMap<>(now).forEach((type, e) -> {
            Entry old = was.get(type);
            if (old == null) {
                changes.add("connector type '" + type + "' added from " + e.origin());
            } else if (old.factory() != e.factory()) {
                changes.add("connector type '" + type + "' reloaded from " + e.origin());
            }
        });
        new TreeMap<>(was).keySet().stream().filter(type -> !now.containsKey(type))
                .forEach(type -> changes.add("connector type '" + type + "' removed"));
        state.skippedPlugins().stream().filter(s -> !before.state.skippedPlugins().contains(s))
                .forEach(s -> changes.add("plugin " + s.jar().getFileName() + " skipped: " + s.reason()));
        return changes;
    }

    /** A registry holding exactly the given factories (tests, embedding). */
    public static ConnectorRegistry of(ConnectorFactory... factories) {
        Map<String, Entry> map = new TreeMap<>();
        for (ConnectorFactory factory : factories) {
            map.put(factory.type(), entry(factory, BUILT_IN));
        }
        return new ConnectorRegistry(ConnectorRegistry.class.getClassLoader(), null, map,
                new State(map, List.of(), List.of()));
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
        return Optional.ofNullable(state.entries().get(type)).map(Entry::factory);
    }

    /** The known type names, sorted. */
    public Set<String> types() {
        return new TreeMap<>(state.entries()).keySet();
    }

    /** Every known type with its origin, sorted by type. */
    public List<ConnectorType> describe() {
        List<ConnectorType> result = new ArrayList<>();
        new TreeMap<>(state.entries()).forEach((type, e) -> result.add(new ConnectorType(type, e.origin(), e.schema() != null)));
        return result;
    }

    /** Plugin jars that were not loaded, and why. */
    public List<ConnectorPlugins.Skipped> skippedPlugins() {
        return state.skippedPlugins();
    }

    /**
     * The problems of a connector block of a known type: its config schema's violations if any, else what
     * the factory's {@code validate} reports. A factory that throws is reported as a problem, not thrown.
     *
     * @throws IllegalArgumentException when the type is unknown
     */
    public List<ConnectorConfigProblem> check(ConnectorSpec spec) {
        Entry entry = state.entries().get(spec.type());
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
        Entry entry = spec == null ? null : state.entries().get(spec.type());
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
     *
     * @throws ConnectorFailure when the connector says the provider's side of the document cannot be read now
     */
    public Optional<ConsumerDocument> consumerDocument(ConnectorSpec spec, String serviceUrl, String name) {
        Entry entry = spec == null ? null : state.entries().get(spec.type());
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return entry.factory().consumerDocument(spec, serviceUrl, name);
        } catch (ConnectorFailure e) {
            LOG.warn("connector type '{}' could not read the {} of {}: {}", spec.type(), name, serviceUrl, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("connector type '{}' failed to produce the {} of {}: {}",
                    spec.type(), name, serviceUrl, e.toString());
            return Optional.empty();
        }
    }
}
