package vn.lgsp.hub.routes.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret the hub keeps Base64-encoded in a file of its own (the token signing key, the subject-key secret):
 * read when the file exists, otherwise generated, written readable by its owner only (where the file system
 * has POSIX permissions) and reported as new, so the caller can say what a new secret means.
 */
public final class KeyFiles {

    /** The secret and whether this start generated it. */
    public record Key(byte[] bytes, boolean generated) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);

    private KeyFiles() {
    }

    /**
     * The secret of {@code file} (configured as {@code property}), or a new one from {@code generate} written
     * there. A file that is empty or not Base64 stops the start with a message naming the property and the file.
     */
    public static Key readOrGenerate(Path file, String property, Supplier<byte[]> generate) {
        try {
            if (Files.exists(file)) {
                return new Key(decode(Files.readString(file), property, file), false);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] secret = generate.get();
            Files.writeString(file, Base64.getEncoder().encodeToString(secret));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.warn("Cannot restrict permissions of {} on this file system", file);
            }
            return new Key(secret, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + property + " " + file, e);
        }
    }

    private static byte[] decode(String text, String property, Path file) {
        String problem = property + " (" + file + ") must hold the secret in Base64";
        if (text.isBlank()) {
            throw new IllegalStateException(problem + " (the file is empty)");
        }
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(problem + " (it is not valid Base64)");
        }
    }
}
