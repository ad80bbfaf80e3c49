package vn.lgsp.hub.core.audit.archive;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.checkpoint.AuditSigner;

/**
 * Writes one archive file: gzip of the header line and one line per record, into {@code <name>.tmp};
 * {@link #finish} fsyncs it, writes and fsyncs the detached {@code .sig}, then renames both into place.
 * {@link #abort} removes the temporary files.
 */
public final class ArchiveWriter implements AutoCloseable {

    private final Path target;
    private final Path tmp;
    private final FileOutputStream file;
    private final DigestOutputStream digest;
    private final GZIPOutputStream gzip;
    private final BufferedWriter out;
    private boolean finished;

    /** Starts {@code dir/fileName} with the header line. */
    public ArchiveWriter(Path dir, ArchiveHeader header) throws IOException {
        Files.createDirectories(dir);
        this.target = dir.resolve(ArchiveHeader.fileName(header.node(), header.firstSeq(), header.lastSeq()));
        if (Files.exists(target)) {
            throw new IOException("archive " + target + " already exists");
        }
        this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
        this.file = new FileOutputStream(tmp.toFile());
        try {
            this.digest = new DigestOutputStream(file, MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            file.close();
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        this.gzip = new GZIPOutputStream(digest, 65536);
        this.out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8));
        line(ArchiveCodec.header(header));
    }

    /** Appends one record. */
    public void write(AuditRecord record) throws IOException {
        line(ArchiveCodec.record(record));
    }

    /**
     * Completes the gzip stream, forces it to disk, signs it and moves the archive and its signature into place.
     *
     * @return the archive file
     */
    public Path finish(AuditSigner signer) throws IOException {
        out.flush();
        gzip.finish();
        digest.flush();
        file.getChannel().force(true);
        file.close();
        String sha256 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
        String name = target.getFileName().toString();
        Path sigTmp = tmp.resolveSibling(name + ".sig.tmp");
        try (FileOutputStream sig = new FileOutputStream(sigTmp.toFile())) {
            sig.write(ArchiveSignature.sign(signer, name, sha256).toJson().getBytes(StandardCharsets.UTF_8));
            sig.getChannel().force(true);
        }
        Files.move(sigTmp, ArchiveSignature.pathFor(target), StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
        return target;
    }

    /** Removes the temporary files of an unfinished archive. */
    public void abort() throws IOException {
        close();
        Files.deleteIfExists(tmp);
        Files.deleteIfExists(tmp.resolveSibling(target.getFileName() + ".sig.tmp"));
    }

    private void line(String json) throws IOException {
        out.write(json);
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            try {
                out.close();
            } finally {
                file.close();
            }
        }
    }
}
