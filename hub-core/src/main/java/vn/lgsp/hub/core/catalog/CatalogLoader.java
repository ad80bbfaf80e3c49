package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import vn.lgsp.hub.core.connector.ConnectorRegistry;

/**
 * Loads and validates the configuration directory: {@code catalog/*.yaml} (one participant per file) and
 * the optional {@code groups.yaml}. Either returns a complete {@link Catalog} or throws a
 * {@link CatalogException} listing every problem with file, field and reason — never a partial catalog.
 */
public final class CatalogLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorRegistry connectors;

    public CatalogLoader(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    /** Loads {@code configDir/catalog/*.yaml} and {@code configDir/groups.yaml}. */
    public Catalog load(Path configDir) {
        // Absolute and normalized: a relative "." would normalize to the empty path, which no schema path
        // "starts with", and file names are computed by relativizing against this directory.
        configDir = configDir.toAbsolutePath().normalize();
        List<CatalogProblem> problems = new ArrayList<>();
        Path catalogDir = configDir.resolve("catalog");
        if (!Files.isDirectory(catalogDir)) {
            throw new CatalogException(List.of(new CatalogProblem(catalogDir.toString(), "",
                    "catalog directory not found (set hub.catalog.dir to the folder holding catalog/ and groups.yaml)")));
        }
        Map<String, Set<String>> groups = loadGroups(configDir.resolve("groups.yaml"), problems);
        ParticipantFileParser parser = new ParticipantFileParser(configDir, connectors);
        Map<String, Participant> participants = new LinkedHashMap<>();
        for (Path file : catalogFiles(catalogDir, problems)) {
            String name = configDir.relativize(file).toString();
            NodeReader in = new NodeReader(name, problems);
            JsonNode root = readYaml(file, in);
            if (root == null) {
                continue;
            }
            Participant p = parser.parse(root, in);
            if (p == null) {
                continue;
            }
            Participant previous = participants.putIfAbsent(p.code(), p);
            if (previous != null) {
                in.problem("agency.code", "agency '" + p.code() + "' is already declared in " + previous.sourceFile());
            }
        }
        new CrossFileChecks(participants.values(), groups, problems).run();
        Map<String, RequestSchema> schemas = compileSchemas(configDir, participants.values(), problems);
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return new Catalog(participants.values(), groups, schemas);
    }

    private List<Path> catalogFiles(Path catalogDir, List<CatalogProblem> problems) {
        try (Stream<Path> files = Files.list(catalogDir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return Files.isRegularFile(f) && (n.endsWith(".yaml") || n.endsWith(".yml"));
            }).sorted().toList();
        } catch (IOException e) {
            problems.add(new CatalogProblem(catalogDir.toString(), "", "cannot list directory: " + e.getMessage()));
            return List.of();
        }
    }

    private JsonNode readYaml(Path file, NodeReader in) {
        try {
            JsonNode root = Yaml.MAPPER.readTree(Files.newBufferedReader(file));
            if (root == null || root.isMissingNode()) {
                in.problem("", "file is empty");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            // SnakeYAML's own mark points at the offending character; Jackson's location is the last good token.
            if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                in.problem("line " + (m.getProblemMark().getLine() + 1), "not valid YAML: "
                        + (m.getContext() == null ? "" : m.getContext() + ": ") + m.getProblem());
            } else {
                in.problem(e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr(),
                        "not valid YAML: " + e.getOriginalMessage());
            }
            return null;
        } catch (IOException e) {
            in.problem("", "cannot read file: " + e.getMessage());
            return null;
        }
    }

    private Map<String, Set<String>> loadGroups(Path file, List<CatalogProblem> problems) {
        Map<String, Set<String>> groups = new HashMap<>();
        if (!Files.exists(file)) {
            return groups;
        }
        NodeReader in = new NodeReader(file.getFileName().toString(), problems);
        JsonNode root = readYaml(file, in);
        if (root == null || !in.checkKeys(root, "", Set.of("groups"))) {
            return groups;
        }
        JsonNode declared = root.get("groups");
        if (declared == null || !declared.isObject()) {
            in.problem("groups", "must be a mapping of group name to a list of agency codes");
            return groups;
        }
        declared.fields().forEachRemaining(entry -> {
            String field = "groups." + entry.getKey();
            List<String> members = in.textList(declared, "groups", entry.getKey());
            for (int i = 0; i < members.size(); i++) {
                if (!AgencyCode.isValid(members.get(i))) {
                    in.problem(field + "[" + i + "]", "'" + members.get(i) + "' is not an agency code");
                }
            }
            groups.put(entry.getKey(), Set.copyOf(members));
        });
        return groups;
    }

    private Map<String, RequestSchema> compileSchemas(Path configDir, Iterable<Participant> participants,
                                                     List<CatalogProblem> problems) {
        Map<Path, RequestSchema> compiled = new HashMap<>();
        Map<String, RequestSchema> byService = new HashMap<>();
        for (Participant p : participants) {
            for (int i = 0; i < p.services().size(); i++) {
                ServiceDefinition s = p.services().get(i);
                if (s.requestSchema() == null) {
                    continue;
                }
                CatalogProblem where = new CatalogProblem(p.sourceFile(), "services[" + i + "].request-schema", "");
                RequestSchema schema = compiled.computeIfAbsent(s.requestSchema(),
                        path -> compile(configDir, path, where, problems));
                if (schema != null) {
                    byService.put(s.key(), schema);
                }
            }
            for (int i = 0; i < p.topics().size(); i++) {
                TopicDefinition t = p.topics().get(i);
                if (t.schema() == null) {
                    continue;
                }
                CatalogProblem where = new CatalogProblem(p.sourceFile(), "topics[" + i + "].schema", "");
                RequestSchema schema = compiled.computeIfAbsent(t.schema(),
                        path -> compile(configDir, path, where, problems));
                if (schema != null) {
                    byService.put(Catalog.TOPIC_SCHEMA_PREFIX + t.key(), schema);
                }
            }
        }
        return byService;
    }

    private static RequestSchema compile(Path configDir, Path file, CatalogProblem where, List<CatalogProblem> problems) {
        String name = configDir.relativize(file).toString();
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(node, false)
                    .orElse(SpecVersion.VersionFlag.V202012);
            JsonSchema schema = JsonSchemaFactory.getInstance(version, LocalSchemaLoader::restrict).getSchema(node);
            schema.initializeValidators();
            return new RequestSchema(name, schema);
        } catch (JsonProcessingException e) {
            problems.add(new CatalogProblem(where.file(), where.field(), "schema " + name + " is not valid JSON: "
                    + e.getOriginalMessage() + (e.getLocation() == null ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")));
            return null;
        } catch (IOException | RuntimeException e) {
            problems.add(new CatalogProblem(where.file(), where.field(),
                    "schema " + name + " is not a valid JSON Schema: " + e.getMessage()));
            return null;
        }
    }
}
