package vn.lgsp.hub.plugins.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFactory;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.util.Durations;

/**
 * Connector type {@code file}: for agencies that exchange files instead of running an API. Each request of a
 * service, or each record delivered to a subscription, becomes one file in the declared folder, which the
 * agency's own process picks up. The block's shape is checked by the JSON Schema this factory declares
 * ({@code file-connector.schema.json}); {@link #validate} adds what a schema cannot say (the folder exists
 * and is writable, the timeout is a duration).
 */
public final class FileConnectorFactory implements ConnectorFactory {

    static final String TYPE = "file";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String configSchema() {
        try (InputStream in = FileConnectorFactory.class.getResourceAsStream("file-connector.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("file-connector.schema.json is missing from the plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<ConnectorConfigProblem> validate(ConnectorSpec spec) {
        List<ConnectorConfigProblem> problems = new ArrayList<>();
        try {
            Path dir = Path.of(spec.string("dir"));
            if (!Files.isDirectory(dir)) {
                problems.add(new ConnectorConfigProblem("dir", "must be an existing folder, was '" + dir + "'"));
            } else if (!Files.isWritable(dir)) {
                problems.add(new ConnectorConfigProblem("dir", "the hub may not write into '" + dir + "'"));
            }
        } catch (InvalidPathException e) {
            problems.add(new ConnectorConfigProblem("dir", "is not a valid path: " + e.getReason()));
        }
        try {
            Duration timeout = timeout(spec);
            if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                problems.add(new ConnectorConfigProblem("timeout", "must be between 1ms and 5m"));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ConnectorConfigProblem("timeout", e.getMessage()));
        }
        return problems;
    }

    @Override
    public ProviderConnector create(ConnectorSpec spec) {
        String extension = spec.string("extension") == null ? "json" : spec.string("extension");
        boolean metadata = !"false".equals(spec.string("metadata"));
        return new FileDropConnector(Path.of(spec.string("dir")), extension, metadata, timeout(spec));
    }

    private static Duration timeout(ConnectorSpec spec) {
        String text = spec.string("timeout");
        return text == null ? DEFAULT_TIMEOUT : Durations.parse(text);
    }
}
