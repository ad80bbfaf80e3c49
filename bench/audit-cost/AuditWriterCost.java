import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import vn.lgsp.hub.core.audit.AuditCheckpoints;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.ChainedAuditWriter;
import vn.lgsp.hub.core.audit.JdbcAuditStore;

/**
 * CPU the whole process spends per audit record when {@code callers} threads append CALL records (built as
 * {@code ExchangeAuditor} does, SHA-256 of a 1 KiB request and response included) through the real
 * {@link ChainedAuditWriter} into an embedded H2 file database migrated by the hub's own Flyway migrations
 * ({@code db/migration} + {@code db/vendor/h2}). Prints, per window of {@code window} records: process CPU, the
 * writer thread's CPU, the callers' CPU and GC time per record, and the table size so far, so that growth over a
 * long run (the hub's drift) shows. CPU time, not wall time: comparable on a busy machine.
 *
 * <p>Usage (classpath = hub-core classes and its runtime dependencies, see bench/audit-cost/README.md):
 * {@code java -cp "$CP" bench/audit-cost/AuditWriterCost.java <callers> <records> <window>}; system property
 * {@code url} is appended to the JDBC URL.
 */
public class AuditWriterCost {

    public static void main(String[] args) throws Exception {
        int callers = Integer.parseInt(args[0]);
        long records = Long.parseLong(args[1]);
        long window = Long.parseLong(args[2]);
        Path dir = Files.createTempDirectory("audit-writer-cost");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir + "/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" + System.getProperty("url", ""));
        h2.setUser("sa");
        java.sql.Connection keepOpen = h2.getConnection(); // the hub's pool keeps the database open, so must this
        Flyway.configure().dataSource(h2).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        JdbcAuditStore store = new JdbcAuditStore(h2, "bench");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        byte[] request = new byte[1024];
        byte[] response = new byte[1024];
        java.util.Arrays.fill(request, (byte) 'a');
        java.util.Arrays.fill(response, (byte) 'b');
        AtomicLong done = new AtomicLong();
        // one permit per appended record: the measuring thread waits for a window without polling
        java.util.concurrent.Semaphore appended = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.atomic.AtomicBoolean measured = new java.util.concurrent.atomic.AtomicBoolean();
        try (ChainedAuditWriter writer = new ChainedAuditWriter(store, "bench", AuditCheckpoints.NONE, 256)) {
            long writerId = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("audit-writer")).findFirst().orElseThrow().getId();
            CountDownLatch finished = new CountDownLatch(callers);
            for (int i = 0; i < callers; i++) {
                Thread t = new Thread(() -> {
                    while (!measured.get()) { // the callers keep going until the last window is read
                        writer.append(AuditRecord.builder(AuditKind.CALL).time(Instant.now())
                                .exchangeId(vn.lgsp.hub.core.exchange.ExchangeIds.nextString()).requestId(vn.lgsp.hub.core.exchange.ExchangeIds.nextString())
                                .consumer("000.00.02.H99").provider("000.00.01.H99").service("echo").status(200)
                                .durationMs(3).requestBytes(request.length).requestSha256(sha256(request))
                                .responseBytes(response.length).responseSha256(sha256(response)).build());
                        done.incrementAndGet();
                        appended.release();
                    }
                    finished.countDown();
                }, "caller-" + i);
                t.setDaemon(true);
                t.start();
            }
            long next = window;
            callersCpu(threads);
            long cpu0 = os.getProcessCpuTime();
            long writer0 = threads.getThreadCpuTime(writerId);
            long gc0 = gcMillis();
            long wall0 = System.nanoTime();
            System.out.println("records_so_far,process_us_per_record,writer_us,callers_us,other_us,gc_ms_per_1k,records_per_s");
            while (next <= records) {
                appended.acquire((int) window);
                long cpu = os.getProcessCpuTime();
                long writerCpu = threads.getThreadCpuTime(writerId);
                long callersCpu = callersCpu(threads);
                long gc = gcMillis();
                long wall = System.nanoTime();
                double per = (cpu - cpu0) / 1000.0 / window;
                double w = (writerCpu - writer0) / 1000.0 / window;
                System.out.printf("%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.0f%n", next, per, w, callersCpu / 1000.0 / window,
                        per - w - callersCpu / 1000.0 / window, (gc - gc0) * 1000.0 / window,
                        window * 1e9 / (wall - wall0));
                cpu0 = cpu;
                writer0 = writerCpu;
                gc0 = gc;
                wall0 = wall;
                next += window;
            }
            topThreads(threads, done.get());
            measured.set(true);
            finished.await();
        }
        keepOpen.close();
        try (var files = Files.walk(dir)) { // ~1 GB per million records: never leave it behind
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long lastCallers;

    /** The threads that used the most CPU over the whole run (callers summed), per record. */
    private static void topThreads(ThreadMXBean threads, long records) {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                String name = info.getThreadName().replaceAll("[-#]?\\d+$", "");
                byName.merge(name, Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        byName.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
                .forEach(e -> System.out.printf("thread %s: %.1f us per record (whole run)%n", e.getKey(),
                        e.getValue() / 1000.0 / records));
    }

    /** CPU of all caller threads since the previous call (ns). */
    private static long callersCpu(ThreadMXBean threads) {
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("caller-")) {
                sum += threads.getThreadCpuTime(info.getThreadId());
            }
        }
        long delta = sum - lastCallers;
        lastCallers = sum;
        return delta;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
