package vn.lgsp.hub.core.audit.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import vn.lgsp.hub.core.audit.AuditRecord;

/**
 * Reads an archive file written by {@link ArchiveWriter}: the header, then the records one at a time (an
 * archive is never loaded whole). A damaged file is an {@link IOException} naming the file and line.
 */
public final class ArchiveReader implements AutoCloseable {

    private final Path file;
    private final BufferedReader in;
    private final ArchiveHeader header;
    private long line = 1;

    private ArchiveReader(Path file, BufferedReader in, ArchiveHeader header) {
        this.file = file;
        this.in = in;
        this.header = header;
    }

    /** Opens the file and reads its header. */
    public static ArchiveReader open(Path file) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 65536), StandardCharsets.UTF_8));
        try {
            String first = in.readLine();
            if (first == null) {
                throw new IOException(file.getFileName() + ": empty archive (no header)");
            }
            return new ArchiveReader(file, in, ArchiveCodec.header(first));
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(file.getFileName().toString())) {
                throw io;
            }
            throw new IOException(file.getFileName() + " line 1 (header): " + e.getMessage(), e);
        }
    }

    public ArchiveHeader header() {
        return header;
    }

    /** Line number of the last line read (1 = header). */
    public long line() {
        return line;
    }

    /** The next record, or null at the end of the file. */
    public AuditRecord next() throws IOException {
        String text;
        try {
            text = in.readLine();
        } catch (IOException e) {
            throw new IOException(file.getFileName() + " after line " + line + ": " + e.getMessage(), e);
        }
        if (text == null) {
            return null;
        }
        line++;
        try {
            return ArchiveCodec.record(text);
        } catch (RuntimeException e) {
            throw new IOException(file.getFileName() + " line " + line + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
