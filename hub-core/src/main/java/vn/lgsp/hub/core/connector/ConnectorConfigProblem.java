package vn.lgsp.hub.core.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * One problem in a connector block found by {@link ConnectorFactory#validate}.
 *
 * @param property the property inside the connector block, e.g. {@code timeout}
 * @param reason   what is wrong, e.g. "must be a duration such as 5s or 500ms"
 */
public record ConnectorConfigProblem(String property, String reason) {

    /**
     * Reads a connector block with a type's config reader (which adds a problem per fault and returns null
     * when there is any) and returns the problems: the usual body of {@link ConnectorFactory#validate}.
     */
    public static <T> List<ConnectorConfigProblem> check(
            ConnectorSpec spec, BiFunction<ConnectorSpec, List<ConnectorConfigProblem>, T> reader) {
        List<ConnectorConfigProblem> problems = new ArrayList<>();
        reader.apply(spec, problems);
        return List.copyOf(problems);
    }

    /**
     * Reads a connector block with a type's config reader and returns the config; the usual first step of
     * {@link ConnectorFactory#create}.
     *
     * @throws IllegalArgumentException naming every problem when the block is not valid
     */
    public static <T> T require(String type, ConnectorSpec spec,
                                BiFunction<ConnectorSpec, List<ConnectorConfigProblem>, T> reader) {
        List<ConnectorConfigProblem> problems = new ArrayList<>();
        T config = reader.apply(spec, problems);
        if (config == null) {
            throw new IllegalArgumentException("invalid " + type + " connector: " + problems.stream()
                    .map(p -> p.property() + " " + p.reason()).collect(Collectors.joining("; ")));
        }
        return config;
    }
}
