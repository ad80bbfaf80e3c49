package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.core.catalog.ConfigDir.BROKEN;
import static vn.lgsp.hub.core.catalog.Problems.assertHas;
import static vn.lgsp.hub.core.catalog.Problems.assertOnly;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Problems with topics and subscriptions: references, allow-lists, retry policies. */
class CatalogLoaderTopicProblemsTest {

    /** Sở Kế hoạch và Đầu tư: a department, not a district. */
    static final String KHDT = "agency: { code: \"000.00.32.H99\", name: \"Sở Kế hoạch và Đầu tư tỉnh H99\" }\n";

    @TempDir
    Path dir;

    List<CatalogProblem> problemsWith(String file) {
        return ConfigDir.valid(dir).write(BROKEN, file).problems();
    }

    static String subscription(String topic, String retry) {
        return """
                subscriptions:
                  - topic: "%s"
                    connector: { type: rest, url: "https://skhdt.example/inbox" }
                %s""".formatted(topic, retry.isEmpty() ? "" : "    retry: " + retry + "\n");
    }

    @Test
    void subscriptionToAnUnknownTopic() {
        assertOnly(problemsWith(KHDT + subscription("000.00.31.H99/business-registered", "")), BROKEN,
                "subscriptions[0].topic", "unknown topic '000.00.31.H99/business-registered'");
    }

    @Test
    void subscriptionToATopicOfAnUnknownPublisher() {
        assertOnly(problemsWith(KHDT + subscription("000.00.99.H99/civil-status-changed", "")), BROKEN,
                "subscriptions[0].topic", "unknown topic '000.00.99.H99/civil-status-changed'");
    }

    @Test
    void subscriptionToATopicWhoseAllowListExcludesTheSubscriber() {
        assertOnly(problemsWith(KHDT + subscription("000.00.31.H99/civil-status-changed", "")), BROKEN,
                "subscriptions[0].topic", "the publisher of '000.00.31.H99/civil-status-changed' does not allow "
                        + "000.00.32.H99 to subscribe (see catalog/stp.yaml)");
    }

    @Test
    void aGroupMemberMaySubscribe() {
        Catalog catalog = ConfigDir.valid(dir).write(BROKEN,
                "agency: { code: \"000.00.11.H99\", name: \"UBND huyện Lạc Sơn\" }\n"
                        + subscription("000.00.31.H99/civil-status-changed", "")).load();
        assertThat(catalog.participant("000.00.11.H99").orElseThrow().subscriptions()).hasSize(1);
    }

    @Test
    void aTopicOpenToEveryoneMayBeSubscribedByAnyone() {
        Catalog catalog = ConfigDir.valid(dir)
                .write("catalog/khdt.yaml", KHDT + """
                        topics:
                          - { code: business-registered, allow: ["*"] }
                        """)
                .write(BROKEN, AgencyFile.KIM_BOI + subscription("000.00.32.H99/business-registered", ""))
                .load();
        assertThat(catalog.topic("000.00.32.H99", "business-registered")).isPresent();
    }

    @Test
    void topicMustBePublisherSlashCode() {
        assertOnly(problemsWith(KHDT + subscription("civil-status-changed", "")), BROKEN, "subscriptions[0].topic",
                "must be written publisherCode/topicCode, was 'civil-status-changed'");
        assertOnly(problemsWith(KHDT + subscription("a/b/c", "")), BROKEN, "subscriptions[0].topic",
                "must be written publisherCode/topicCode");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{ initial-backoff: 5x }|initial-backoff|must be a duration such as 5s, 500ms or 2m, was '5x'",
            "{ max-backoff: -1s }|max-backoff|must be a duration",
            "{ max-backoff: PT-5M }|max-backoff|must be a duration",
            "{ initial-backoff: 5 }|initial-backoff|must be a duration",
            "{ max-attempts: 0 }|max-attempts|must be a whole number >= 1",
            "{ max-attempts: many }|max-attempts|must be a whole number >= 1",
            "{ multiplier: 0.5 }|multiplier|must be a number >= 1.0",
            "{ backoff: 1s }|backoff|unknown key (known: initial-backoff, max-attempts, max-backoff, multiplier)"})
    void badRetry(String retry, String key, String reason) {
        assertOnly(problemsWith(AgencyFile.LAC_SON + subscription("000.00.31.H99/civil-status-changed", retry)),
                BROKEN, "subscriptions[0].retry." + key, reason);
    }

    @Test
    void badRetryDurationsAreAllReported() {
        List<CatalogProblem> problems = problemsWith(AgencyFile.LAC_SON
                + subscription("000.00.31.H99/civil-status-changed", "{ initial-backoff: 1 second, max-backoff: \"\" }"));
        assertThat(problems).hasSize(2);
        assertHas(problems, BROKEN, "subscriptions[0].retry.initial-backoff", "must be a duration");
        assertHas(problems, BROKEN, "subscriptions[0].retry.max-backoff", "must be a non-empty text");
    }

    @Test
    void aSubscriptionWithABadConnectorIsStillCheckedAgainstItsTopic() {
        List<CatalogProblem> problems = problemsWith(KHDT + """
                subscriptions:
                  - topic: "000.00.31.H99/civil-status-changed"
                    connector: { type: jms, queue: inbox }
                """);
        assertThat(problems).hasSize(2);
        assertHas(problems, BROKEN, "subscriptions[0].connector.type", "unknown connector type 'jms'");
        assertHas(problems, BROKEN, "subscriptions[0].topic", "does not allow 000.00.32.H99 to subscribe");
    }

    @Test
    void aParticipantSubscribesToATopicOnlyOnce() {
        assertOnly(problemsWith(AgencyFile.LAC_SON + """
                subscriptions:
                  - topic: "000.00.31.H99/civil-status-changed"
                    connector: { type: rest, url: "https://lacson.example/inbox" }
                  - topic: "000.00.31.H99/civil-status-changed"
                    connector: { type: rest, url: "https://lacson.example/other-inbox" }
                """), BROKEN, "subscriptions[1].topic",
                "duplicate subscription to '000.00.31.H99/civil-status-changed' (already declared as subscriptions[0])");
    }

    @Test
    void duplicateTopicCode() {
        assertOnly(problemsWith(KHDT + """
                topics:
                  - { code: business-registered, allow: ["*"] }
                  - { code: business-registered, allow: ["group:districts"] }
                """), BROKEN, "topics[1].code", "duplicate topic 'business-registered' (already declared as topics[0])");
    }

    @Test
    void topicAllowListIsChecked() {
        assertOnly(problemsWith(KHDT + """
                topics:
                  - { code: business-registered, allow: ["group:phuong-xa"] }
                """), BROKEN, "topics[0].allow[0]", "unknown group 'phuong-xa'");
    }

    @Test
    void missingTopicSchemaFile() {
        assertOnly(problemsWith(KHDT + """
                topics:
                  - { code: business-registered, schema: schemas/business.json, allow: ["*"] }
                """), BROKEN, "topics[0].schema", "schema file not found");
    }

    /** Agency headers used above. */
    static final class AgencyFile {
        static final String LAC_SON = "agency: { code: \"000.00.11.H99\", name: \"UBND huyện Lạc Sơn\" }\n";
        static final String KIM_BOI = "agency: { code: \"000.00.12.H99\", name: \"UBND huyện Kim Bôi\" }\n";

        private AgencyFile() {
        }
    }
}
