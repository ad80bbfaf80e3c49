package vn.lgsp.hub.core.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import vn.lgsp.hub.core.connector.ConnectorRegistry;

/**
 * A configuration directory for one test, under a JUnit {@code @TempDir}: optionally seeded with the
 * valid fixture ({@code src/test/resources/catalog-fixtures/valid}), then changed file by file.
 */
final class ConfigDir {

    /** The catalog file tests add to the valid fixture to break one thing at a time (sorts after the others). */
    static final String BROKEN = "catalog/zz-broken.yaml";

    private final Path root;

    private ConfigDir(Path root) {
        this.root = root;
    }

    /** An empty directory (no catalog/ yet). */
    static ConfigDir empty(Path tempDir) {
        return new ConfigDir(tempDir);
    }

    /** A copy of the valid fixture: 3 participants, groups, one request schema. */
    static ConfigDir valid(Path tempDir) {
        Path source = fixture("catalog-fixtures/valid");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = tempDir.resolve(source.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigDir(tempDir);
    }

    static Path fixture(String resource) {
        URL url = ConfigDir.class.getClassLoader().getResource(resource);
        assertThat(url).as("test resource " + resource).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path root() {
        return root;
    }

    /** Writes (or replaces) a file, UTF-8, creating folders as needed. */
    ConfigDir write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ConfigDir delete(String relative) {
        try {
            Files.delete(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    static CatalogLoader loader() {
        return new CatalogLoader(ConnectorRegistry.of(new FakeRestFactory()));
    }

    Catalog load() {
        return loader().load(root);
    }

    /** Loads, expecting a failure, and returns the exception. */
    CatalogException failure() {
        CatalogException e = catchThrowableOfType(this::load, CatalogException.class);
        assertThat(e).as("loading %s should fail", root).isNotNull();
        return e;
    }

    /** Loads, expecting a failure, and returns every problem reported. */
    List<CatalogProblem> problems() {
        return failure().problems();
    }
}
