package vn.lgsp.hub.core.audit.archive;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import vn.lgsp.hub.core.audit.checkpoint.AuditSigner;

/**
 * The detached signature of an archive file, {@code <file>.sig}: a JSON object with the file's name, the
 * SHA-256 of its compressed bytes, and the signature of {@code lgsp-archive|v1|<file>|<sha256>} by the node's
 * key, with that key's id and certificate.
 */
public record ArchiveSignature(String file, String sha256, String algorithm, String keyId, String signature,
                               String certificate) {

    /** Value of the {@code format} field. */
    public static final String FORMAT = "lgsp-audit-archive-signature";

    /** The signature file of an archive. */
    public static Path pathFor(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".sig");
    }

    /** The text the signature covers. */
    public static String content(String file, String sha256) {
        return "lgsp-archive|v1|" + file + "|" + sha256;
    }

    /** Signs an archive named {@code file} whose compressed bytes have {@code sha256}. */
    public static ArchiveSignature sign(AuditSigner signer, String file, String sha256) {
        return new ArchiveSignature(file, sha256, signer.algorithm(), signer.keyId(),
                signer.sign(content(file, sha256)), AuditSigner.encode(signer.certificate()));
    }

    /** The signature file's JSON text. */
    public String toJson() {
        return ArchiveCodec.write(ArchiveCodec.JSON.createObjectNode().put("format", FORMAT).put("version", 1)
                .put("file", file).put("sha256", sha256).put("algorithm", algorithm).put("keyId", keyId)
                .put("signature", signature).put("certificate", certificate)) + "\n";
    }

    /** Reads a signature file; malformed content is an {@link IllegalArgumentException}. */
    public static ArchiveSignature read(Path sigFile) throws IOException {
        JsonNode n = ArchiveCodec.read(Files.readString(sigFile, StandardCharsets.UTF_8));
        if (!FORMAT.equals(n.path("format").asText())) {
            throw new IllegalArgumentException("not an " + FORMAT + " file");
        }
        return new ArchiveSignature(n.path("file").asText(), n.path("sha256").asText(), n.path("algorithm").asText(),
                n.path("keyId").asText(), n.path("signature").asText(), n.path("certificate").asText());
    }

    /** True when the signature is valid for this content, by the certificate it carries. */
    public boolean valid() {
        try {
            return AuditSigner.verify(AuditSigner.decode(certificate).getPublicKey(), algorithm,
                    content(file, sha256), signature) && keyId.equals(AuditSigner.keyId(AuditSigner.decode(certificate)
                    .getPublicKey()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Lower-case hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[65536];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
