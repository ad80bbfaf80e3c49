package vn.lgsp.hub.routes.it.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The crash test's configuration folder: one publisher (Sở Kế hoạch và Đầu tư) with a client and a topic
 * open to everyone, and two subscribing departments whose REST inboxes are the {@link RecordingSubscriber}.
 */
final class CrashCatalog {

    static final String PUBLISHER = "000.00.32.H99";
    static final String TOPIC = "business-registered";
    static final String CLIENT = "crash-publisher";
    /** bcrypt of {@code demo-secret}, as in the routes tests' TestCatalog. */
    static final String SECRET = "demo-secret";
    static final String[] SUBSCRIBERS = {"000.00.31.H99", "000.00.33.H99"};
    private static final String SECRET_HASH = "{bcrypt}$2a$10$1IP9ZdZ4xWVgqkm3odCDJObDQ1INLXTjO913rJQVVGXGjChvlRmpm";

    private CrashCatalog() {
    }

    /** Writes {@code dir}/catalog/*.yaml, groups.yaml and operators.yaml (copied from the repository). */
    static Path write(Path dir, Path repoConfig, RecordingSubscriber inboxes) throws IOException {
        Files.createDirectories(dir.resolve("catalog"));
        Files.copy(repoConfig.resolve("operators.yaml"), dir.resolve("operators.yaml"));
        Files.writeString(dir.resolve("groups.yaml"), "groups:\n  departments: [\"" + PUBLISHER + "\"]\n");
        Files.writeString(dir.resolve("catalog/skhdt.yaml"), """
                agency: { code: "%s", name: "Sở Kế hoạch và Đầu tư" }
                clients:
                  - { id: %s, secret: "%s" }
                topics:
                  - { code: %s, name: "Doanh nghiệp đăng ký mới", allow: ["*"] }
                """.formatted(PUBLISHER, CLIENT, SECRET_HASH, TOPIC));
        String[] names = {"Sở Tư pháp", "Sở Tài nguyên và Môi trường"};
        for (int i = 0; i < SUBSCRIBERS.length; i++) {
            Files.writeString(dir.resolve("catalog/subscriber-" + (i + 1) + ".yaml"), """
                    agency: { code: "%s", name: "%s" }
                    subscriptions:
                      - topic: "%s/%s"
                        connector: { type: rest, url: "%s", method: POST, timeout: 5s }
                        retry: { max-attempts: 50, initial-backoff: 200ms, multiplier: 1.5, max-backoff: 2s }
                        consumers: 4
                    """.formatted(SUBSCRIBERS[i], names[i], PUBLISHER, TOPIC, inboxes.url(i + 1)));
        }
        return dir;
    }
}
