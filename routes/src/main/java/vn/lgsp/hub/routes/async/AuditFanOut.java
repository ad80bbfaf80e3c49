package vn.lgsp.hub.routes.async;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;

/**
 * Appends the audit records of one call (e.g. the PUBLISH records of a batch) concurrently, so they share
 * the audit writer's group commits instead of waiting for one commit each; returns once all are committed.
 * At most 256 appends wait on helper threads; past that the caller appends itself.
 */
@Component
public class AuditFanOut {

    private final AuditStore audit;
    private final ThreadPoolExecutor pool;

    public AuditFanOut(AuditStore audit) {
        this.audit = audit;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, 256, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread thread = new Thread(r, "audit-fan-out-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Appends every record durably (the last one on the caller's thread); the first failure is thrown. */
    public void appendAll(List<AuditRecord> records) {
        if (records.size() == 1) {
            audit.append(records.get(0));
            return;
        }
        List<CompletableFuture<AuditRecord>> pending = new ArrayList<>(records.size());
        for (int i = 0; i < records.size() - 1; i++) {
            AuditRecord record = records.get(i);
            pending.add(CompletableFuture.supplyAsync(() -> audit.append(record), pool));
        }
        if (!records.isEmpty()) {
            audit.append(records.get(records.size() - 1));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    @PreDestroy
    void close() {
        pool.shutdown();
    }
}
