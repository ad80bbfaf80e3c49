package vn.lgsp.hub.routes.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.scheduling.support.CronExpression;
import vn.lgsp.hub.core.audit.ChainedAuditWriter;
import vn.lgsp.hub.core.audit.archive.AuditArchiver;
import vn.lgsp.hub.core.audit.checkpoint.AuditKeystore;
import vn.lgsp.hub.core.audit.checkpoint.AuditSigner;
import vn.lgsp.hub.core.audit.checkpoint.JdbcCheckpointStore;
import vn.lgsp.hub.core.audit.checkpoint.SigningCheckpoints;
import vn.lgsp.hub.core.audit.verify.AuditVerifier;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * The audit chain's signing key ({@code hub.audit.keystore}), checkpoints (every N records or T seconds),
 * verifier, and retention job (archive and delete records older than {@code hub.audit.retention}, on
 * {@code hub.audit.archive-schedule}). See {@link HubProperties.Audit} for the embedded and production modes.
 */
@Configuration
public class AuditChainConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChainConfiguration.class);

    @Bean
    AuditSigner auditSigner(HubProperties properties) {
        return signer(properties.getAudit(), properties.getNodeId());
    }

    @Bean(destroyMethod = "close")
    @DependsOn("flywayInitializer")
    SigningCheckpoints auditCheckpoints(DataSource dataSource, AuditSigner signer, HubProperties properties) {
        JdbcCheckpointStore store = new JdbcCheckpointStore(dataSource);
        store.registerKey(properties.getNodeId(), signer);
        HubProperties.Audit audit = properties.getAudit();
        LOG.info("Audit checkpoints of {} signed with key {} ({}) every {} records or {}", properties.getNodeId(),
                signer.keyId(), signer.algorithm(), audit.getCheckpointEveryRecords(), audit.getCheckpointEvery());
        return new SigningCheckpoints(store, signer, audit.getCheckpointEveryRecords(), audit.getCheckpointEvery(),
                Clock.systemUTC());
    }

    @Bean
    @DependsOn("flywayInitializer")
    AuditVerifier auditVerifier(DataSource dataSource, AuditSigner signer) {
        return new AuditVerifier(dataSource, List.of(signer.certificate()), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    RetentionJob auditRetention(DataSource dataSource, ChainedAuditWriter auditStore, AuditSigner signer,
                                HubProperties properties) {
        HubProperties.Audit audit = properties.getAudit();
        if (audit.getRetention().isZero() || audit.getRetention().isNegative()) {
            LOG.info("Audit retention is off (hub.audit.retention=0): records stay in the database");
            return new RetentionJob(null, null, null);
        }
        CronExpression cron;
        try {
            cron = CronExpression.parse(audit.getArchiveSchedule());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("hub.audit.archive-schedule '" + audit.getArchiveSchedule()
                    + "' is not a cron expression (second minute hour day month weekday): " + e.getMessage(), e);
        }
        AuditArchiver archiver = new AuditArchiver(dataSource, auditStore, signer, audit.getArchiveDir(),
                audit.getRetention(), audit.getArchiveMaxRecordsPerFile(), Clock.systemUTC());
        LOG.info("Audit retention {}: records older than that are archived to {} on schedule '{}'",
                audit.getRetention(), audit.getArchiveDir().toAbsolutePath(), audit.getArchiveSchedule());
        RetentionJob job = new RetentionJob(archiver, properties.getNodeId(), cron);
        job.scheduleNext();
        return job;
    }

    /** Runs the archiver for this node on a cron schedule (one daemon thread); nothing when retention is off. */
    public static final class RetentionJob implements AutoCloseable {
        private final AuditArchiver archiver;
        private final String node;
        private final CronExpression cron;
        private final ScheduledExecutorService timer;

        RetentionJob(AuditArchiver archiver, String node, CronExpression cron) {
            this.archiver = archiver;
            this.node = node;
            this.cron = cron;
            this.timer = archiver == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "audit-retention");
                t.setDaemon(true);
                return t;
            });
        }

        /** Archives now (also what the schedule runs); null when retention is off. */
        public AuditArchiver.Result runNow() {
            return archiver == null ? null : archiver.archive(node);
        }

        void scheduleNext() {
            ZonedDateTime now = ZonedDateTime.now();
            ZonedDateTime next = cron.next(now);
            if (next == null) {
                LOG.warn("hub.audit.archive-schedule never fires again: audit retention stops");
                return;
            }
            timer.schedule(this::run, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
        }

        private void run() {
            try {
                AuditArchiver.Result result = archiver.archive(node);
                LOG.info("Audit retention archived {} records of {} in {} files", result.records(), node,
                        result.files().size());
            } catch (RuntimeException e) {
                LOG.error("Audit retention failed (audited as ARCHIVE_FAILED); it runs again on schedule", e);
            } finally {
                scheduleNext();
            }
        }

        @Override
        public void close() {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }

    private static AuditSigner signer(HubProperties.Audit audit, String node) {
        Path keystore = audit.getKeystore();
        if (!audit.getKeystorePassword().isBlank()) {
            try {
                return AuditKeystore.load(keystore, audit.getKeystorePassword().toCharArray(), audit.getKeyAlias());
            } catch (IllegalStateException e) {
                throw new IllegalStateException("hub.audit.keystore / hub.audit.keystore-password / hub.audit.key-alias: "
                        + e.getMessage(), e);
            }
        }
        Path passwordFile = keystore.resolveSibling(keystore.getFileName() + ".password");
        try {
            if (Files.exists(keystore)) {
                if (!Files.exists(passwordFile)) {
                    throw new IllegalStateException("hub.audit.keystore-password is empty and " + passwordFile.toAbsolutePath()
                            + " (the embedded mode's password file) is missing: set hub.audit.keystore-password for "
                            + keystore.toAbsolutePath());
                }
                char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim().toCharArray();
                try {
                    return AuditKeystore.load(keystore, password, audit.getKeyAlias());
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("hub.audit.keystore: " + e.getMessage(), e);
                }
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(passwordFile.toAbsolutePath().getParent());
            Files.writeString(passwordFile, password, StandardCharsets.US_ASCII);
            AuditKeystore.restrict(passwordFile);
            AuditSigner signer = AuditKeystore.create(keystore, password.toCharArray(), audit.getKeyAlias(),
                    "lgsp-hub audit " + node);
            LOG.info("Generated the audit signing key {} in {} (embedded mode; password in {})", signer.keyId(),
                    keystore.toAbsolutePath(), passwordFile.toAbsolutePath());
            return signer;
        } catch (IOException e) {
            throw new UncheckedIOException("hub.audit.keystore: cannot create " + keystore.toAbsolutePath(), e);
        }
    }
}
