package vn.lgsp.hub.core.connector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads connector types from the plugin jars of a folder ({@code hub.plugins.dir}). Each {@code *.jar} gets
 * its own {@link PluginClassLoader}; its {@link ConnectorFactory} implementations are found with
 * {@link ServiceLoader} ({@code META-INF/services/vn.lgsp.hub.core.connector.ConnectorFactory} inside the
 * jar). A jar that cannot be read, declares no connector type, fails to load, has an invalid config schema or
 * declares a type already known (built in or from an earlier jar, in file-name order) is logged and skipped
 * whole; the hub still starts.
 *
 * <p>The folder can be scanned again while the hub runs ({@link #reload}): jars whose file is unchanged (same
 * size and modification time) keep their class loader and factories and keep the types they declare; new and
 * changed jars are loaded on a fresh class loader. {@link #fingerprint} tells whether a new scan is needed.
 */
public final class ConnectorPlugins {

    /**
     * A plugin jar that was loaded, with the connector types it brought; {@code stamp} identifies the file's
     * version (size and modification time) so an unchanged jar is not loaded twice.
     */
    public record Loaded(Path jar, String stamp, List<ConnectorFactory> factories) {
        public Loaded {
            factories = List.copyOf(factories);
        }
    }

    /** A plugin jar that was skipped, and why. */
    public record Skipped(Path jar, String reason) {
    }

    /** Everything found in the folder. */
    public record Result(List<Loaded> loaded, List<Skipped> skipped) {
        public Result {
            loaded = List.copyOf(loaded);
            skipped = List.copyOf(skipped);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorPlugins.class);

    private ConnectorPlugins() {
    }

    /**
     * Loads the jars of {@code dir} (a missing folder means no plugins).
     *
     * @param parent     the application's class loader (holds hub-core and the built-in connectors)
     * @param knownTypes connector types already taken (the built-in ones)
     */
    public static Result load(Path dir, ClassLoader parent, Collection<String> knownTypes) {
        if (dir == null || !Files.isDirectory(dir)) {
            LOG.info("No plugin folder at {}: built-in connector types only", dir);
        }
        return reload(dir, parent, knownTypes, List.of());
    }

    /**
     * Scans {@code dir} again: a jar of {@code previous} whose file is unchanged is kept as it is (same class
     * loader, same factories, its types reserved first); every other jar is loaded as by {@link #load}. Jars of
     * {@code previous} that changed or disappeared are simply not in the result; their class loaders are left
     * open, because connectors created from them may still be serving calls in flight.
     */
    public static Result reload(Path dir, ClassLoader parent, Collection<String> knownTypes, List<Loaded> previous) {
        List<Loaded> loaded = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return new Result(loaded, skipped);
        }
        Set<String> taken = new HashSet<>(knownTypes);
        List<Path> jars = jars(dir, skipped);
        Map<Path, Loaded> kept = new HashMap<>();
        for (Loaded old : previous) {
            if (jars.contains(old.jar()) && old.stamp().equals(stamp(old.jar()))) {
                kept.put(old.jar(), old);
                old.factories().forEach(f -> taken.add(f.type()));
            }
        }
        for (Path jar : jars) {
            Loaded unchanged = kept.get(jar);
            if (unchanged != null) {
                loaded.add(unchanged);
                continue;
            }
            try {
                String stamp = stamp(jar);
                List<ConnectorFactory> factories = loadJar(jar, parent, taken);
                factories.forEach(f -> taken.add(f.type()));
                loaded.add(new Loaded(jar, stamp, factories));
                LOG.info("Plugin {} loaded: connector types {}", jar.getFileName(),
                        factories.stream().map(ConnectorFactory::type).toList());
            } catch (PluginRejected e) {
                skipped.add(new Skipped(jar, e.getMessage()));
                LOG.warn("Plugin {} skipped: {}", jar.getFileName(), e.getMessage());
            }
        }
        return new Result(loaded, skipped);
    }

    /**
     * A digest of the jars in {@code dir} (names, sizes, modification times); it changes when a jar is added,
     * replaced or removed. Empty text for a missing folder.
     */
    public static String fingerprint(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Path jar : jars(dir, new ArrayList<>())) {
            text.append(jar.getFileName()).append('=').append(stamp(jar)).append(';');
        }
        return text.toString();
    }

    private static String stamp(Path jar) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static List<Path> jars(Path dir, List<Skipped> skipped) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            skipped.add(new Skipped(dir, "cannot list the plugin folder: " + e.getMessage()));
            LOG.warn("Cannot list the plugin folder {}: {}", dir, e.getMessage());
            return List.of();
        }
    }

    private static List<ConnectorFactory> loadJar(Path jar, ClassLoader parent, Set<String> taken) {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // opened only to refuse a file that is not a jar with a clear reason
        } catch (IOException e) {
            throw new PluginRejected("not a readable jar file (" + e.getMessage() + ")");
        }
        PluginClassLoader loader;
        try {
            loader = new PluginClassLoader("plugin:" + jar.getFileName(), jar.toUri().toURL(), parent);
        } catch (IOException e) {
            throw new PluginRejected("cannot open: " + e.getMessage());
        }
        try {
            List<ConnectorFactory> factories = factoriesOf(loader);
            Set<String> types = new HashSet<>();
            for (ConnectorFactory factory : factories) {
                String type = factory.type();
                if (type == null || type.isBlank()) {
                    throw new PluginRejected(factory.getClass().getName() + " declares no type");
                }
                if (taken.contains(type) || !types.add(type)) {
                    throw new PluginRejected("declares connector type '" + type + "', which is already known");
                }
                if (factory.configSchema() != null) {
                    try {
                        ConnectorConfigSchema.compile(type, factory.configSchema());
                    } catch (IllegalArgumentException e) {
                        throw new PluginRejected(e.getMessage().lines().findFirst().orElse(""));
                    }
                }
            }
            if (factories.isEmpty()) {
                throw new PluginRejected("declares no connector type (no META-INF/services/"
                        + ConnectorFactory.class.getName() + " naming a class of this jar)");
            }
            return factories;
        } catch (PluginRejected e) {
            close(loader);
            throw e;
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            close(loader);
            throw new PluginRejected("failed to load: " + e);
        }
    }

    /** The factories of the jar itself; the parent's (built-in) ones are visible through it and left out. */
    private static List<ConnectorFactory> factoriesOf(ClassLoader loader) {
        List<ConnectorFactory> factories = new ArrayList<>();
        ServiceLoader.load(ConnectorFactory.class, loader).stream()
                .filter(provider -> provider.type().getClassLoader() == loader)
                .forEach(provider -> factories.add(provider.get()));
        return factories;
    }

    private static void close(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.debug("Closing a skipped plugin's class loader failed", e);
        }
    }

    /** Why a jar is skipped. */
    private static final class PluginRejected extends RuntimeException {
        PluginRejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
