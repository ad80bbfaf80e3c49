package vn.lgsp.hub.routes.it.crash;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For the process-level tests: prints the tails of the hub and broker logs when a test fails (the folder is kept
 * for a closer look), and deletes the test's folder (journal, database: tens of MB) when it passes.
 */
final class ProcessLogsOnFailure implements TestWatcher {

    private final Supplier<Path> dir;
    private final Supplier<List<HubProcess>> hubs;
    private final Supplier<ArtemisBroker> broker;

    ProcessLogsOnFailure(Supplier<Path> dir, Supplier<List<HubProcess>> hubs, Supplier<ArtemisBroker> broker) {
        this.dir = dir;
        this.hubs = hubs;
        this.broker = broker;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println("==== " + context.getDisplayName() + " failed; process logs under " + dir.get());
        hubs.get().forEach(hub -> System.err.println(hub.logTails(80)));
        if (broker.get() != null) {
            System.err.println(CrashSupport.tail(broker.get().log(), 60));
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        CrashSupport.deleteTree(dir.get());
    }
}
