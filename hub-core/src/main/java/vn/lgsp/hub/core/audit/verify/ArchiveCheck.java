package vn.lgsp.hub.core.audit.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.archive.ArchiveHeader;
import vn.lgsp.hub.core.audit.archive.ArchiveReader;
import vn.lgsp.hub.core.audit.archive.ArchiveSignature;
import vn.lgsp.hub.core.audit.checkpoint.AuditSigner;
import vn.lgsp.hub.core.audit.checkpoint.Checkpoint;

/**
 * Checks one archive file: its bytes against its detached signature, its header, its checkpoints, and its
 * records as a stretch of the node's chain (fed to the node's {@link ChainCursor}).
 */
final class ArchiveCheck {

    /** An archive whose signature was checked and header read (header null when unreadable). */
    record Opened(Path file, String name, ArchiveHeader header, String sha256, String keyId, boolean signatureValid) {
    }

    private ArchiveCheck() {
    }

    static Opened inspect(Path file, KeyRing keys, Findings findings) {
        String name = file.getFileName().toString();
        String sha256;
        try {
            sha256 = ArchiveSignature.sha256(file);
        } catch (IOException e) {
            findings.add(new Problem(ProblemKind.ARCHIVE_CORRUPT, null, null, null, name, "cannot read the file: " + e));
            return new Opened(file, name, null, null, null, false);
        }
        ArchiveHeader header = null;
        try (ArchiveReader reader = ArchiveReader.open(file)) {
            header = reader.header();
            for (String error : keys.addEncoded(header.certificates(), "archive " + name)) {
                findings.add(new Problem(ProblemKind.ARCHIVE_CORRUPT, header.node(), null, null, name, error));
            }
        } catch (IOException e) {
            findings.add(new Problem(ProblemKind.ARCHIVE_CORRUPT, null, null, null, name, e.getMessage()));
        }
        String node = header == null ? null : header.node();
        Path sigFile = ArchiveSignature.pathFor(file);
        String keyId = null;
        boolean valid = false;
        if (!Files.exists(sigFile)) {
            findings.add(new Problem(ProblemKind.ARCHIVE_BAD_SIGNATURE, node, null, null, name,
                    "its signature file " + sigFile.getFileName() + " is missing"));
        } else {
            try {
                ArchiveSignature sig = ArchiveSignature.read(sigFile);
                keyId = sig.keyId();
                if (!sig.sha256().equals(sha256)) {
                    findings.add(new Problem(ProblemKind.ARCHIVE_BAD_SIGNATURE, node, null, null, name,
                            "the file's SHA-256 is " + sha256 + " but " + sigFile.getFileName() + " signed "
                                    + sig.sha256() + ": the archive was modified"));
                } else if (!sig.valid()) {
                    findings.add(new Problem(ProblemKind.ARCHIVE_BAD_SIGNATURE, node, null, null, name,
                            "the signature in " + sigFile.getFileName() + " is not valid"));
                } else if (!keys.trusted(sig.keyId())) {
                    findings.add(new Problem(ProblemKind.UNKNOWN_KEY, node, null, null, name, "signed by key "
                            + sig.keyId() + ", which is not among the trusted keys"));
                } else {
                    valid = true;
                    keys.add(AuditSigner.decode(sig.certificate()), "archive " + name + " (signature file)");
                }
            } catch (IOException | IllegalArgumentException e) {
                findings.add(new Problem(ProblemKind.ARCHIVE_BAD_SIGNATURE, node, null, null, name,
                        "unreadable signature file " + sigFile.getFileName() + ": " + e.getMessage()));
            }
        }
        return new Opened(file, name, header, sha256, keyId, valid);
    }

    static ArchiveSummary feed(Opened o, ChainCursor cursor, KeyRing keys, Findings findings) {
        ArchiveHeader h = o.header();
        if (h.count() != h.lastSeq() - h.firstSeq() + 1) {
            findings.add(new Problem(ProblemKind.ARCHIVE_CORRUPT, h.node(), null, null, o.name(), "header count "
                    + h.count() + " does not match seq " + h.firstSeq() + ".." + h.lastSeq()));
        }
        for (Checkpoint cp : h.checkpoints()) {
            ProblemKind bad = keys.check(cp);
            if (!h.node().equals(cp.node()) || cp.seq() < h.firstSeq() || cp.seq() > h.lastSeq()) {
                findings.add(new Problem(ProblemKind.ARCHIVE_CORRUPT, h.node(), cp.seq(), null, o.name(),
                        "checkpoint of " + cp.node() + " seq " + cp.seq() + " is outside the archive's range"));
            } else if (bad != null) {
                findings.add(new Problem(bad, h.node(), cp.seq(), null, o.name(), "checkpoint at seq " + cp.seq()
                        + " signed " + cp.time() + (bad == ProblemKind.UNKNOWN_KEY ? ": key " + cp.keyId()
                        + " is not known or not trusted" : ": the signature is not valid")));
            } else {
                cursor.expect(cp);
            }
        }
        if (!cursor.anchored()) {
            if (h.firstSeq() == 1) {
                cursor.anchorGenesis();
            } else {
                cursor.anchorAt(h.firstSeq() - 1, h.prevHash(), "archive " + o.name()
                        + " (its prevHash; earlier archives not given)");
            }
        }
        long read = 0;
        long lastSeq = h.firstSeq() - 1;
        try (ArchiveReader reader = ArchiveReader.open(o.file())) {
            for (AuditRecord r = reader.next(); r != null; r = reader.next()) {
                if (!h.node().equals(r.node()) || r.seq() == null) {
                    findings.add(new Problem(ProblemKind.INSERTED, h.node(), r.seq(), r.id(), o.name(), "line "
                            + reader.line() + " holds a record of node " + r.node() + " without its place in this chain"));
                    continue;
                }
                cursor.accept(r, o.name());
                read++;
                lastSeq = r.seq();
            }
        } catch (IOException e) {
            findings.add(new Problem(ProblemKind.ARCHIVE_CORRUPT, h.node(), null, null, o.name(), e.getMessage()));
        }
        if (lastSeq < h.lastSeq()) {
            cursor.flush();
            findings.add(new Problem(ProblemKind.DELETED, h.node(), lastSeq + 1, null, o.name(), "the archive ends at seq "
                    + lastSeq + " but its header says " + h.lastSeq() + ": records seq " + (lastSeq + 1) + ".."
                    + h.lastSeq() + " were removed from the file"));
            cursor.resumeAt(h.lastSeq(), h.lastHash());
        }
        return new ArchiveSummary(o.name(), h.node(), h.firstSeq(), h.lastSeq(), read, o.sha256(), o.keyId(),
                o.signatureValid());
    }
}
