package vn.lgsp.hub.core.connector;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * The class loader of one plugin jar, a child of the application's. The hub's API (hub-core, the connector
 * SPI), the JDK and SLF4J always come from the parent, so the plugin and the hub share those types; every
 * other class is looked up in the plugin jar first, so a plugin's own copy of a library wins over the
 * hub's.
 */
final class PluginClassLoader extends URLClassLoader {

    /** Packages always loaded by the parent (shared with the hub). */
    static final List<String> SHARED_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "vn.lgsp.hub.core.", "org.slf4j.");

    static {
        registerAsParallelCapable();
    }

    PluginClassLoader(String name, URL jar, ClassLoader parent) {
        super(name, new URL[] {jar}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (SHARED_PREFIXES.stream().anyMatch(name::startsWith)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInPlugin) {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
