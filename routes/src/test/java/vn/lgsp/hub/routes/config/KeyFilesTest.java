package vn.lgsp.hub.routes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret file is generated once (owner-only), read back unchanged, and refused when it holds no Base64. */
class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsGeneratedOwnerOnlyAndReadBackUnchanged() throws IOException {
        Path file = dir.resolve("data/keys/signing-key");

        KeyFiles.Key created = KeyFiles.readOrGenerate(file, "hub.token.signing-key-file", () -> new byte[] {1, 2, 3});
        KeyFiles.Key read = KeyFiles.readOrGenerate(file, "hub.token.signing-key-file", () -> new byte[] {9});

        assertThat(created.generated()).isTrue();
        assertThat(created.bytes()).containsExactly(1, 2, 3);
        assertThat(Files.readString(file)).isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(read.generated()).as("the second start reads the file").isFalse();
        assertThat(read.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void aFileWithoutBase64StopsTheStartNamingThePropertyAndTheFile() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path garbled = Files.writeString(dir.resolve("garbled"), "khóa bí mật");

        assertThatThrownBy(() -> KeyFiles.readOrGenerate(empty, "hub.privacy.subject-key-file", () -> new byte[1]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("hub.privacy.subject-key-file (" + empty + ") must hold the secret in Base64 (the file is empty)");
        assertThatThrownBy(() -> KeyFiles.readOrGenerate(garbled, "hub.privacy.subject-key-file", () -> new byte[1]))
                .hasMessageContaining(garbled.toString()).hasMessageEndingWith("(it is not valid Base64)");
        assertThat(Files.readString(garbled)).as("never overwritten").isEqualTo("khóa bí mật");
    }
}
