package vn.lgsp.hub.core.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin folder scanned again while the hub runs: unchanged jars keep their factories, new jars add types,
 * replaced jars load anew, removed jars take their types away; nothing changes for readers until the candidate
 * is adopted.
 */
class PluginRescanTest {

    @TempDir
    Path dir;
    private int versions;

    private Path plugin(String file, String pkg, String type) throws Exception {
        // built next to the folder and moved in, as an operator should replace a jar
        Path built = PluginJars.build(dir.resolveSibling(dir.getFileName() + "-" + pkg + ".jar"),
                Map.of(pkg + ".Factory", PluginJars.factorySource(pkg, type, null)), List.of(pkg + ".Factory"));
        Path jar = Files.move(built, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        // a later version than anything written before in this test, whatever the clock's granularity
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(++versions)));
        return jar;
    }

    private ConnectorRegistry registry() {
        return ConnectorRegistry.load(getClass().getClassLoader(), dir);
    }

    @Test
    void anUnchangedJarKeepsItsFactoryAndANewJarAddsItsType() throws Exception {
        plugin("drop.jar", "example.drop", "drop");
        ConnectorRegistry registry = registry();
        ConnectorFactory drop = registry.find("drop").orElseThrow();
        String before = registry.pluginFingerprint();

        plugin("sftp.jar", "example.sftp", "sftp");
        ConnectorRegistry candidate = registry.rescanPlugins();

        assertThat(registry.pluginFingerprint()).isNotEqualTo(before);
        assertThat(candidate.find("drop")).containsSame(drop);
        assertThat(candidate.types()).containsExactly("drop", "sftp");
        assertThat(candidate.changesSince(registry)).containsExactly("connector type 'sftp' added from sftp.jar");
        // the running registry is unchanged until the candidate is adopted
        assertThat(registry.types()).containsExactly("drop");
        registry.adopt(candidate);
        assertThat(registry.types()).containsExactly("drop", "sftp");
    }

    @Test
    void aReplacedJarIsLoadedAnewOnItsOwnClassLoader() throws Exception {
        plugin("drop.jar", "example.drop", "drop");
        ConnectorRegistry registry = registry();
        ConnectorFactory old = registry.find("drop").orElseThrow();

        plugin("drop.jar", "example.dropv2", "drop");
        ConnectorRegistry candidate = registry.rescanPlugins();

        ConnectorFactory replaced = candidate.find("drop").orElseThrow();
        assertThat(replaced).isNotSameAs(old);
        assertThat(replaced.getClass().getName()).isEqualTo("example.dropv2.Factory");
        assertThat(replaced.getClass().getClassLoader()).isNotSameAs(old.getClass().getClassLoader());
        assertThat(candidate.changesSince(registry)).containsExactly("connector type 'drop' reloaded from drop.jar");
    }

    @Test
    void aRemovedJarTakesItsTypeAwayAndASnapshotKeepsTheOldTypes() throws Exception {
        plugin("drop.jar", "example.drop", "drop");
        ConnectorRegistry registry = registry();
        ConnectorRegistry before = registry.snapshot();

        Files.delete(dir.resolve("drop.jar"));
        registry.adopt(registry.rescanPlugins());

        assertThat(registry.types()).isEmpty();
        assertThat(registry.changesSince(before)).containsExactly("connector type 'drop' removed");
        // a rejected reload puts the snapshot back
        registry.adopt(before);
        assertThat(registry.types()).containsExactly("drop");
    }

    @Test
    void aLoadedJarKeepsItsTypeAgainstANewJarDeclaringTheSameTypeThatSortsFirst() throws Exception {
        plugin("m-drop.jar", "example.drop", "drop");
        ConnectorRegistry registry = registry();

        plugin("a-other-drop.jar", "example.otherdrop", "drop");
        ConnectorRegistry candidate = registry.rescanPlugins();

        assertThat(candidate.describe()).extracting(ConnectorRegistry.ConnectorType::origin).containsExactly("m-drop.jar");
        assertThat(candidate.changesSince(registry)).containsExactly(
                "plugin a-other-drop.jar skipped: declares connector type 'drop', which is already known");
    }

    @Test
    void theFingerprintOfAMissingFolderIsEmptyAndABuiltInRegistryHasNoPlugins() {
        assertThat(ConnectorPlugins.fingerprint(dir.resolve("absent"))).isEmpty();
        assertThat(ConnectorRegistry.load(getClass().getClassLoader()).rescanPlugins().types()).isEmpty();
    }
}
