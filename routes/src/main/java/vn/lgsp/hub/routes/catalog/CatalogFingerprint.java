package vn.lgsp.hub.routes.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.catalog.TopicDefinition;

/**
 * A digest of the files the catalog is made of: {@code catalog/*}, {@code groups.yaml}, everything under
 * {@code schemas/}, and the schema files the catalog in force refers to. Compared between polls to notice a
 * created, changed or removed file (content, not timestamps, so coarse clocks do not hide an edit).
 */
final class CatalogFingerprint {

    private CatalogFingerprint() {
    }

    static String of(Path configDir, Catalog current) {
        TreeSet<Path> files = new TreeSet<>();
        list(configDir.resolve("catalog"), 1, files);
        list(configDir.resolve("schemas"), Integer.MAX_VALUE, files);
        files.add(configDir.resolve("groups.yaml"));
        if (current != null) {
            current.services().stream().map(ServiceDefinition::requestSchema).forEach(p -> addIfSet(p, files));
            current.participants().forEach(p -> p.topics().stream().map(TopicDefinition::schema)
                    .forEach(s -> addIfSet(s, files)));
        }
        MessageDigest digest = sha256();
        for (Path file : files) {
            digest.update(configDir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try {
                digest.update(Files.readAllBytes(file));
            } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
                digest.update("(absent)".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                digest.update(("(unreadable " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8));
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void addIfSet(Path file, TreeSet<Path> files) {
        if (file != null) {
            files.add(file);
        }
    }

    private static void list(Path dir, int depth, TreeSet<Path> files) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir, depth)) {
            List<Path> regular = walk.filter(Files::isRegularFile).toList();
            files.addAll(regular);
        } catch (IOException | java.io.UncheckedIOException e) {
            // a file removed while listing: the next poll sees a stable picture
            files.add(dir.resolve("(listing failed)"));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
