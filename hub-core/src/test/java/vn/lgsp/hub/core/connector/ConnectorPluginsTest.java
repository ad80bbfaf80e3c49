package vn.lgsp.hub.core.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars from a folder: loaded on their own class loader, or skipped with a reason (never thrown). */
class ConnectorPluginsTest {

    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"dir\"],"
            + "\"properties\":{\"dir\":{\"type\":\"string\"},\"timeout\":{\"type\":\"string\"}},"
            + "\"additionalProperties\":false}";

    @TempDir
    Path dir;

    private Path plugin(String file, String pkg, String type, String schema) throws Exception {
        return PluginJars.build(dir.resolve(file), Map.of(pkg + ".Factory", PluginJars.factorySource(pkg, type, schema)),
                List.of(pkg + ".Factory"));
    }

    private ConnectorRegistry registry() {
        return ConnectorRegistry.load(getClass().getClassLoader(), dir);
    }

    @Test
    void aPluginJarAddsItsTypeOnItsOwnClassLoader() throws Exception {
        plugin("drop.jar", "example.drop", "drop", null);

        ConnectorRegistry registry = registry();

        ConnectorFactory factory = registry.find("drop").orElseThrow();
        assertThat(factory.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
        assertThat(factory.getClass().getClassLoader().getParent()).isSameAs(getClass().getClassLoader());
        // the SPI type is the hub's own, so the plugin's factory is usable as a ConnectorFactory
        assertThat(registry.describe()).containsExactly(new ConnectorRegistry.ConnectorType("drop", "drop.jar", false));
        assertThat(new String(factory.create(new ConnectorSpec("drop", Map.of())).send(null).join().body()))
                .isEqualTo("drop");
        assertThat(registry.skippedPlugins()).isEmpty();
    }

    @Test
    void aMissingFolderMeansNoPlugins() {
        ConnectorRegistry registry = ConnectorRegistry.load(getClass().getClassLoader(), dir.resolve("absent"));
        assertThat(registry.types()).isEmpty();
        assertThat(registry.skippedPlugins()).isEmpty();
    }

    @Test
    void aFileThatIsNotAJarIsSkipped() throws Exception {
        Files.writeString(dir.resolve("broken.jar"), "not a zip");
        plugin("good.jar", "example.good", "good", null);

        ConnectorRegistry registry = registry();

        assertThat(registry.types()).containsExactly("good");
        assertThat(registry.skippedPlugins()).singleElement().satisfies(s -> {
            assertThat(s.jar().getFileName()).hasToString("broken.jar");
            assertThat(s.reason()).startsWith("not a readable jar file");
        });
    }

    @Test
    void aSecondJarDeclaringAKnownTypeIsSkippedWhole() throws Exception {
        plugin("a-first.jar", "example.first", "drop", null);
        plugin("b-second.jar", "example.second", "drop", null);

        ConnectorRegistry registry = registry();

        assertThat(registry.describe()).extracting(ConnectorRegistry.ConnectorType::origin).containsExactly("a-first.jar");
        assertThat(registry.skippedPlugins()).singleElement().satisfies(s -> {
            assertThat(s.jar().getFileName()).hasToString("b-second.jar");
            assertThat(s.reason()).isEqualTo("declares connector type 'drop', which is already known");
        });
    }

    @Test
    void aJarRedeclaringABuiltInTypeIsSkipped() throws Exception {
        plugin("rest.jar", "example.rest", "rest", null);

        ConnectorPlugins.Result result = ConnectorPlugins.load(dir, getClass().getClassLoader(), Set.of("rest"));

        assertThat(result.loaded()).isEmpty();
        assertThat(result.skipped()).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("'rest', which is already known"));
    }

    @Test
    void aJarNamingAMissingClassOrNoFactoryIsSkipped() throws Exception {
        PluginJars.build(dir.resolve("missing.jar"), Map.of("example.m.Other", "package example.m; public class Other {}"),
                List.of("example.m.DoesNotExist"));
        PluginJars.build(dir.resolve("none.jar"), Map.of("example.n.Other", "package example.n; public class Other {}"),
                List.of());

        ConnectorRegistry registry = registry();

        assertThat(registry.types()).isEmpty();
        assertThat(registry.skippedPlugins()).extracting(ConnectorPlugins.Skipped::reason).satisfiesExactly(
                missing -> assertThat(missing).startsWith("failed to load: java.util.ServiceConfigurationError"),
                none -> assertThat(none).startsWith("declares no connector type"));
    }

    @Test
    void aJarWithAnInvalidConfigSchemaIsSkipped() throws Exception {
        plugin("bad-schema.jar", "example.bad", "bad", "{not json");

        ConnectorRegistry registry = registry();

        assertThat(registry.types()).isEmpty();
        assertThat(registry.skippedPlugins()).singleElement()
                .satisfies(s -> assertThat(s.reason()).startsWith("the config schema of connector type 'bad' is not a valid JSON Schema"));
    }

    @Test
    void theConfigSchemaIsCheckedBeforeValidateAndNamesTheProperty() throws Exception {
        plugin("drop.jar", "example.drop", "drop", SCHEMA);
        ConnectorRegistry registry = registry();

        assertThat(registry.check(new ConnectorSpec("drop", Map.of("timeout", 5, "colour", "red"))))
                .extracting(ConnectorConfigProblem::property, ConnectorConfigProblem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("colour", "is not a property of this connector type"),
                        org.assertj.core.groups.Tuple.tuple("dir", "is required"),
                        org.assertj.core.groups.Tuple.tuple("timeout", "integer found, string expected"));
        // the schema passes: the factory's own validate runs
        assertThat(registry.check(new ConnectorSpec("drop", Map.of("dir", "forbidden"))))
                .containsExactly(new ConnectorConfigProblem("dir", "is not allowed"));
        assertThat(registry.check(new ConnectorSpec("drop", Map.of("dir", "/tmp/x")))).isEmpty();
    }
}
