package vn.lgsp.hub.plugins.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;

/**
 * Writes each request body, byte for byte, to {@code <dir>/<id>.<extension>}, where the id is the hub's
 * {@code X-Hub-Message-Id} (a delivery: stable across redeliveries, so a retry overwrites the same file) or
 * {@code X-Hub-Exchange-Id} (a call). The file is written under a temporary name and then renamed, so the
 * agency's pick-up process never reads half a file. Answers {@code 202} with {@code {"file": name}}; a write
 * that fails is {@code UNAVAILABLE} (502), one that takes longer than the timeout {@code TIMEOUT} (504).
 */
final class FileDropConnector implements ProviderConnector {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    /** Hub headers copied into the {@code .meta.json} side file (never credentials: the hub removed them). */
    private static final List<String> METADATA_HEADERS = List.of("X-Hub-Consumer", "X-Hub-Exchange-Id",
            "X-Hub-Message-Id", "X-Hub-Publisher", "X-Hub-Topic", "X-Hub-Attempt", "X-Request-Id", "X-Purpose",
            "Content-Type");

    private final Path dir;
    private final String extension;
    private final boolean metadata;
    private final Duration timeout;
    private final ExecutorService io = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "file-connector-io");
        t.setDaemon(true);
        return t;
    });

    FileDropConnector(Path dir, String extension, boolean metadata, Duration timeout) {
        this.dir = dir;
        this.extension = extension;
        this.metadata = metadata;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<ProviderResponse> send(ProviderRequest request) {
        String id = fileId(request);
        return CompletableFuture.supplyAsync(() -> write(id, request), io)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(failure(e)));
    }

    private ProviderResponse write(String id, ProviderRequest request) {
        String name = id + "." + extension;
        try {
            if (metadata) {
                move(Files.writeString(dir.resolve("." + id + ".meta.tmp"), metadata(request)),
                        dir.resolve(id + ".meta.json"));
            }
            move(Files.write(dir.resolve("." + id + ".tmp"), request.body()), dir.resolve(name));
        } catch (IOException e) {
            throw new ConnectorFailure(ConnectorFailure.Kind.UNAVAILABLE, "cannot write into the drop folder: "
                    + e.getClass().getSimpleName(), e);
        }
        byte[] answer = ("{\"file\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        return new ProviderResponse(202, Map.of("Content-Type", List.of("application/json")), answer);
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The hub's id of this request when it is a safe file name, else a fresh one. */
    private static String fileId(ProviderRequest request) {
        for (String header : List.of("X-Hub-Message-Id", "X-Hub-Exchange-Id")) {
            String value = first(request, header);
            if (value != null && SAFE_ID.matcher(value).matches()) {
                return value;
            }
        }
        return UUID.randomUUID().toString();
    }

    private static String metadata(ProviderRequest request) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("method", request.method());
        fields.put("subPath", request.subPath());
        for (String header : METADATA_HEADERS) {
            String value = first(request, header);
            if (value != null) {
                fields.put(header, value);
            }
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(escape(k))
                .append("\":\"").append(escape(v)).append('"'));
        return json.append("}\n").toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String first(ProviderRequest request, String name) {
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    private Throwable failure(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException) {
            return new ConnectorFailure(ConnectorFailure.Kind.TIMEOUT, "the file was not written within " + timeout, cause);
        }
        return cause;
    }

    @Override
    public void close() {
        io.shutdown();
    }
}
