package vn.lgsp.hub.connectors.rest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * The one Vert.x instance used by all {@code rest} connectors of this JVM, created on first use.
 *
 * <p>It is deliberately separate from the Vert.x instance of the hub's inbound HTTP server: that server
 * blocks worker threads while waiting for providers, so sharing its event loops could deadlock. Threads are
 * daemons, so the instance never keeps the JVM alive; the event-loop pool has the Vert.x default size
 * (2 x available processors).
 */
public final class ConnectorVertx {

    private ConnectorVertx() {
    }

    /** The shared instance, created on the first call. */
    public static Vertx get() {
        return Holder.VERTX;
    }

    private static final class Holder {
        static final Vertx VERTX = Vertx.vertx(new VertxOptions()
                .setUseDaemonThread(true)
                // no ".vertx" file-cache directory in the working directory: connectors never serve files
                .setFileSystemOptions(new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
    }
}
