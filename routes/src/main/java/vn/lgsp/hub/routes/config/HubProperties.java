package vn.lgsp.hub.routes.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The hub's own settings ({@code hub.*} in application.yml, or environment variables such as
 * {@code HUB_HTTP_PORT}). Spring's own {@code server.*}, {@code spring.datasource.*} and {@code spring.artemis.*}
 * configure the operator port, the database and the broker.
 */
@ConfigurationProperties(prefix = "hub")
public class HubProperties {

    /** This node's id in audit records (unique per node of one hub). */
    private String nodeId = "node-1";
    /** How long this node's claim on its id lasts without a heartbeat (heartbeats come every third of it). */
    private Duration nodeLease = Duration.ofSeconds(15);
    private final Catalog catalog = new Catalog();
    private final Http http = new Http();
    private final Token token = new Token();
    private final Demo demo = new Demo();
    private final Async async = new Async();
    private final Broker broker = new Broker();
    private final Audit audit = new Audit();
    private final Privacy privacy = new Privacy();
    private final Plugins plugins = new Plugins();

    public String getNodeId() { return nodeId; }
    public void setNodeId(String nodeId) { this.nodeId = nodeId; }
    public Duration getNodeLease() { return nodeLease; }
    public void setNodeLease(Duration nodeLease) { this.nodeLease = nodeLease; }
    public Catalog getCatalog() { return catalog; }
    public Http getHttp() { return http; }
    public Token getToken() { return token; }
    public Demo getDemo() { return demo; }
    public Async getAsync() { return async; }
    public Broker getBroker() { return broker; }
    public Audit getAudit() { return audit; }
    public Privacy getPrivacy() { return privacy; }
    public Plugins getPlugins() { return plugins; }

    /** Connector plugin jars, loaded once at startup (docs/connector-guide.md "Writing a plugin"). */
    public static class Plugins {
        /** Folder of plugin jars ({@code *.jar}); a missing folder means no plugins. */
        private Path dir = Path.of("plugins");

        public Path getDir() { return dir; }
        public void setDir(Path dir) { this.dir = dir; }
    }

    /** Publishing records to topics. */
    public static class Async {
        /** Most records accepted by one {@code records:batch} call; more get 413. */
        private int batchMaxSize = 500;
        /** How long an Idempotency-Key returns the original exchange. */
        private Duration idempotencyRetention = Duration.ofHours(24);
        /** Most records made durable in one group commit (concurrent publish calls share one transaction). */
        private int publishGroupMaxRecords = 1000;
        /** While publishes arrive concurrently, how long the publish writer waits for more before a group commit. */
        private Duration publishGroupLinger = Duration.ofMillis(1);
        /**
         * Most records a delivery consumer handles in one broker transaction (their outcomes in one database
         * transaction and one audit group). After a crash at most this many records per consumer are sent again.
         */
        private int deliveryBatchMaxRecords = 100;
        /** Longest a delivery consumer keeps adding records to a batch before it commits it. */
        private Duration deliveryBatchMaxTime = Duration.ofMillis(250);

        public int getBatchMaxSize() { return batchMaxSize; }
        public void setBatchMaxSize(int batchMaxSize) { this.batchMaxSize = batchMaxSize; }
        public Duration getIdempotencyRetention() { return idempotencyRetention; }
        public void setIdempotencyRetention(Duration idempotencyRetention) { this.idempotencyRetention = idempotencyRetention; }
        public Duration getPublishGroupLinger() { return publishGroupLinger; }
        public void setPublishGroupLinger(Duration publishGroupLinger) { this.publishGroupLinger = notNegative("hub.async.publish-group-linger", publishGroupLinger); }
        public int getPublishGroupMaxRecords() { return publishGroupMaxRecords; }
        public void setPublishGroupMaxRecords(int publishGroupMaxRecords) { this.publishGroupMaxRecords = publishGroupMaxRecords; }
        public int getDeliveryBatchMaxRecords() { return deliveryBatchMaxRecords; }
        public void setDeliveryBatchMaxRecords(int deliveryBatchMaxRecords) { this.deliveryBatchMaxRecords = deliveryBatchMaxRecords; }
        public Duration getDeliveryBatchMaxTime() { return deliveryBatchMaxTime; }
        public void setDeliveryBatchMaxTime(Duration deliveryBatchMaxTime) { this.deliveryBatchMaxTime = deliveryBatchMaxTime; }
    }

    /** The hub's use of the Artemis broker (connection itself: {@code spring.artemis.*}). */
    public static class Broker {
        /** Push each subscription's redelivery/DLQ settings to the broker at startup (management API). */
        private boolean applyAddressSettings = true;
        /** Extra Netty acceptor of the embedded broker, e.g. tcp://127.0.0.1:61616 (empty: in-VM only). */
        private String embeddedAcceptor = "";
        /** Size above which a subscription queue pages to disk. */
        private long queueMaxSizeBytes = 64L * 1024 * 1024;
        /**
         * Embedded broker: longest time the journal waits to group writes before it flushes and syncs them. Every
         * durable broker commit (publish group, delivery acknowledgement) waits for the next flush; Artemis' NIO
         * default (3.33 ms) caps a single consumer at ~300 commits/s.
         */
        private Duration journalBufferTimeout = Duration.ofNanos(100_000);
        /**
         * Embedded broker: share of the JVM's maximum heap (percent) that messages may take in memory, all addresses
         * together, before new ones page to disk. Artemis' own default is 50; its tuning guide asks for a heap of at
         * least five times that limit.
         */
        private int embeddedMemoryPercent = 20;

        public boolean isApplyAddressSettings() { return applyAddressSettings; }
        public void setApplyAddressSettings(boolean applyAddressSettings) { this.applyAddressSettings = applyAddressSettings; }
        public String getEmbeddedAcceptor() { return embeddedAcceptor; }
        public void setEmbeddedAcceptor(String embeddedAcceptor) { this.embeddedAcceptor = embeddedAcceptor; }
        public long getQueueMaxSizeBytes() { return queueMaxSizeBytes; }
        public void setQueueMaxSizeBytes(long queueMaxSizeBytes) { this.queueMaxSizeBytes = queueMaxSizeBytes; }
        public Duration getJournalBufferTimeout() { return journalBufferTimeout; }
        public void setJournalBufferTimeout(Duration journalBufferTimeout) { this.journalBufferTimeout = journalBufferTimeout; }
        public int getEmbeddedMemoryPercent() { return embeddedMemoryPercent; }
        public void setEmbeddedMemoryPercent(int embeddedMemoryPercent) { this.embeddedMemoryPercent = embeddedMemoryPercent; }
    }

    /** Personal data: subject keys in the audit trail and optional encrypted payload storage. */
    public static class Privacy {
        /** Base64 HMAC secret (>= 32 bytes) for subject keys, shared by all nodes; empty: the key file is used. */
        private String subjectKey = "";
        /** Where a generated subject-key secret is kept when {@code subject-key} is empty (created if absent). */
        private Path subjectKeyFile = Path.of("data/subject-key");
        /** Store request/response bodies, AES-GCM encrypted (off by default). */
        private boolean storePayloads = false;
        /** Base64 AES-256 key (32 bytes); required when {@code store-payloads} is true. */
        private String payloadKey = "";

        public String getSubjectKey() { return subjectKey; }
        public void setSubjectKey(String subjectKey) { this.subjectKey = subjectKey; }
        public Path getSubjectKeyFile() { return subjectKeyFile; }
        public void setSubjectKeyFile(Path subjectKeyFile) { this.subjectKeyFile = subjectKeyFile; }
        public boolean isStorePayloads() { return storePayloads; }
        public void setStorePayloads(boolean storePayloads) { this.storePayloads = storePayloads; }
        public String getPayloadKey() { return payloadKey; }
        public void setPayloadKey(String payloadKey) { this.payloadKey = payloadKey; }

        @Override
        public String toString() {
            return "Privacy[subjectKey=" + (subjectKey.isBlank() ? "(file " + subjectKeyFile + ")" : "***")
                    + ", storePayloads=" + storePayloads + ", payloadKey=" + (payloadKey.isBlank() ? "" : "***") + "]";
        }
    }

    /**
     * The audit chain's checkpoints, signing key and retention ({@code hub.audit.*}). Embedded default: when
     * {@code keystore-password} is empty, the keystore and a generated password ({@code <keystore>.password},
     * owner-only) are created on first start. Production: set {@code keystore-password} (and {@code keystore});
     * the hub then refuses to start if that keystore is missing or unreadable.
     */
    public static class Audit {
        /** PKCS#12 keystore with this node's Ed25519 (or EC) signing key. */
        private Path keystore = Path.of("data/audit-keystore.p12");
        /** Keystore password (ASCII); empty: embedded mode, kept in {@code <keystore>.password}. */
        private String keystorePassword = "";
        /** Alias of the key entry; empty: the keystore's only key entry. */
        private String keyAlias = "audit";
        /** Sign a checkpoint when the chain head is this many records past the last one (0: only by time). */
        private long checkpointEveryRecords = 1000;
        /** Sign the chain head this often when it moved (0: only by count). */
        private Duration checkpointEvery = Duration.ofSeconds(60);
        /**
         * While exchanges arrive concurrently, how long the audit writer waits for more records before a group
         * commit (0: none, the default). Fewer, larger commits cost less CPU per record, but in the benchmark's long
         * sync runs the wait cost more request throughput than it saved (docs/architecture.md "Group linger").
         */
        private Duration groupLinger = Duration.ZERO;
        /** Archive and delete records older than this, e.g. 365d (0: keep everything in the database). */
        private Duration retention = Duration.ZERO;
        /** Where archive files ({@code <node>-<firstSeq>-<lastSeq>.ndjson.gz} + {@code .sig}) are written. */
        private Path archiveDir = Path.of("data/audit-archive");
        /** When retention runs (Spring cron: second minute hour day month weekday), local time. */
        private String archiveSchedule = "0 30 2 * * *";
        /** Most records in one archive file. */
        private int archiveMaxRecordsPerFile = 100_000;

        public Path getKeystore() { return keystore; }
        public void setKeystore(Path keystore) { this.keystore = keystore; }
        public String getKeystorePassword() { return keystorePassword; }
        public void setKeystorePassword(String keystorePassword) { this.keystorePassword = keystorePassword; }
        public String getKeyAlias() { return keyAlias; }
        public void setKeyAlias(String keyAlias) { this.keyAlias = keyAlias; }
        public long getCheckpointEveryRecords() { return checkpointEveryRecords; }
        public void setCheckpointEveryRecords(long checkpointEveryRecords) { this.checkpointEveryRecords = checkpointEveryRecords; }
        public Duration getCheckpointEvery() { return checkpointEvery; }
        public void setCheckpointEvery(Duration checkpointEvery) { this.checkpointEvery = checkpointEvery; }
        public Duration getGroupLinger() { return groupLinger; }
        public void setGroupLinger(Duration groupLinger) { this.groupLinger = notNegative("hub.audit.group-linger", groupLinger); }
        public Duration getRetention() { return retention; }
        public void setRetention(Duration retention) { this.retention = retention; }
        public Path getArchiveDir() { return archiveDir; }
        public void setArchiveDir(Path archiveDir) { this.archiveDir = archiveDir; }
        public String getArchiveSchedule() { return archiveSchedule; }
        public void setArchiveSchedule(String archiveSchedule) { this.archiveSchedule = archiveSchedule; }
        public int getArchiveMaxRecordsPerFile() { return archiveMaxRecordsPerFile; }
        public void setArchiveMaxRecordsPerFile(int archiveMaxRecordsPerFile) { this.archiveMaxRecordsPerFile = archiveMaxRecordsPerFile; }

        @Override
        public String toString() {
            return "Audit[keystore=" + keystore + ", keystorePassword=" + (keystorePassword.isBlank() ? "(file)" : "***")
                    + ", retention=" + retention + ", archiveDir=" + archiveDir + "]";
        }
    }

    /** Where the configuration lives, and how changes to it are picked up. */
    public static class Catalog {
        /** Folder holding {@code catalog/*.yaml}, {@code groups.yaml}, {@code operators.yaml} and schemas. */
        private Path dir = Path.of("config");
        private final Reload reload = new Reload();

        public Path getDir() { return dir; }
        public void setDir(Path dir) { this.dir = dir; }
        public Reload getReload() { return reload; }
    }

    /** Hot reload of the catalog ({@code hub.catalog.reload.*}). */
    public static class Reload {
        /** Watch the catalog files and apply changes without a restart. */
        private boolean enabled = true;
        /** How often the files are checked; a change is applied once it has been stable for one interval. */
        private Duration interval = Duration.ofSeconds(1);
        /** How long a connector no longer in the catalog stays open for calls still in flight. */
        private Duration connectorGrace = Duration.ofMinutes(5);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public Duration getInterval() { return interval; }
        public void setInterval(Duration interval) { this.interval = interval; }
        public Duration getConnectorGrace() { return connectorGrace; }
        public void setConnectorGrace(Duration connectorGrace) { this.connectorGrace = connectorGrace; }
    }

    /** The department-facing HTTP listener (Vert.x). */
    public static class Http {
        private String host = "0.0.0.0";
        private int port = 8080;
        /** Largest request body accepted; larger ones get 413 PAYLOAD_TOO_LARGE. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);
        /** Threads that run exchanges (each waits for its provider). */
        private int workerThreads = 64;

        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public DataSize getMaxBodySize() { return maxBodySize; }
        public void setMaxBodySize(DataSize maxBodySize) { this.maxBodySize = maxBodySize; }
        public int getWorkerThreads() { return workerThreads; }
        public void setWorkerThreads(int workerThreads) { this.workerThreads = workerThreads; }
    }

    /** Bearer tokens issued by {@code POST /token}. */
    public static class Token {
        private Duration ttl = Duration.ofHours(1);
        /** Base64 signing key shared by all nodes; when empty the key file is used (created if absent). */
        private String signingKey = "";
        private Path signingKeyFile = Path.of("data/token-signing.key");

        public Duration getTtl() { return ttl; }
        public void setTtl(Duration ttl) { this.ttl = ttl; }
        public String getSigningKey() { return signingKey; }
        public void setSigningKey(String signingKey) { this.signingKey = signingKey; }
        public Path getSigningKeyFile() { return signingKeyFile; }
        public void setSigningKeyFile(Path signingKeyFile) { this.signingKeyFile = signingKeyFile; }
    }

    /** Ports of the in-process demo providers (profile {@code demo}). */
    public static class Demo {
        private int ndxpPort = 18181;
        private int departmentPort = 18182;

        public int getNdxpPort() { return ndxpPort; }
        public void setNdxpPort(int ndxpPort) { this.ndxpPort = ndxpPort; }
        public int getDepartmentPort() { return departmentPort; }
        public void setDepartmentPort(int departmentPort) { this.departmentPort = departmentPort; }
    }

    /** A duration setting that must not be negative; the message names the property. */
    static Duration notNegative(String property, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(property + " must be 0 or more, got " + value);
        }
        return value;
    }
}
