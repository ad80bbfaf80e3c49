package vn.lgsp.hub.core.connector;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars for tests: compiles Java sources against hub-core's classes with the JDK's compiler
 * and packs the classes plus a services file, so the classes exist only inside the jar (not on the test
 * class path) as with a real plugin.
 */
final class PluginJars {

    private PluginJars() {
    }

    /** A factory source of {@code type} in package {@code pkg}, class {@code Factory}, with an optional schema. */
    static String factorySource(String pkg, String type, String schemaJson) {
        String schema = schemaJson == null ? "null" : "\"" + schemaJson.replace("\"", "\\\"") + "\"";
        return "package " + pkg + ";\n"
                + "import java.util.List;\n"
                + "import java.util.Map;\n"
                + "import java.util.concurrent.CompletableFuture;\n"
                + "import vn.lgsp.hub.core.connector.*;\n"
                + "public class Factory implements ConnectorFactory {\n"
                + "  public String type() { return \"" + type + "\"; }\n"
                + "  public String configSchema() { return " + schema + "; }\n"
                + "  public List<ConnectorConfigProblem> validate(ConnectorSpec spec) {\n"
                + "    return \"forbidden\".equals(spec.string(\"dir\"))\n"
                + "        ? List.of(new ConnectorConfigProblem(\"dir\", \"is not allowed\")) : List.of();\n"
                + "  }\n"
                + "  public ProviderConnector create(ConnectorSpec spec) {\n"
                + "    return request -> CompletableFuture.completedFuture(\n"
                + "        new ProviderResponse(200, Map.of(), \"" + type + "\".getBytes()));\n"
                + "  }\n"
                + "}\n";
    }

    /**
     * Compiles {@code sources} (fully qualified class name -> source) and writes a jar whose services file
     * lists {@code services}.
     */
    static Path build(Path jar, Map<String, String> sources, List<String> services) throws IOException {
        // the same plugin is compiled once per test run and copied (javac is the slow part)
        String key = new java.util.TreeMap<>(sources) + "|" + services;
        Path cached = BUILT.get(key);
        if (cached == null) {
            cached = compile(Files.createTempFile("lgsp-test-plugin", ".jar"), sources, services);
            cached.toFile().deleteOnExit();
            BUILT.put(key, cached);
        }
        return Files.copy(cached, jar);
    }

    private static final Map<String, Path> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

    private static Path compile(Path jar, Map<String, String> sources, List<String> services) throws IOException {
        Path work = Files.createTempDirectory("lgsp-test-plugin-src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        String[] files = new String[sources.size()];
        int i = 0;
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files[i++] = file.toString();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String[] args = Stream.concat(Stream.of("-d", classes.toString(), "-classpath", hubCoreClasses()),
                Stream.of(files)).toArray(String[]::new);
        if (compiler.run(null, null, null, args) != 0) {
            throw new IllegalStateException("test plugin did not compile");
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + ConnectorFactory.class.getName()));
            write(out, String.join("\n", services) + "\n");
            out.closeEntry();
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hubCoreClasses() {
        try {
            return Path.of(ConnectorFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
