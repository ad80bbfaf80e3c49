package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.core.catalog.ConfigDir.BROKEN;
import static vn.lgsp.hub.core.catalog.Problems.assertOnly;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code personal-data} block: subject paths are compiled at load, responses optional, topics JSON only. */
class CatalogPersonalDataTest {

    private static final String AGENCY = "agency: { code: \"000.00.40.H99\", name: \"Sở Y tế tỉnh H99\" }\n";

    @TempDir
    Path dir;

    @Test
    void readsSubjectPurposesAndResponseSubjectIncludingXPath() {
        Catalog catalog = ConfigDir.valid(dir).write(BROKEN, AGENCY + """
                services:
                  - code: lookup
                    connector: { type: rest, url: "https://syt.example/a" }
                    personal-data: { subject: "$.SoDinhDanh", purposes: [TTHC], response-subject: "$..SoDinhDanh" }
                  - code: soap-lookup
                    connector: { type: rest, url: "https://syt.example/b" }
                    personal-data: { subject: "//*[local-name()='soDinhDanh']", purposes: [TTHC, THANH_TRA] }
                """).load();
        PersonalDataSpec json = catalog.service("000.00.40.H99", "lookup").orElseThrow().personalData();
        assertThat(json.subject()).isEqualTo("$.SoDinhDanh");
        assertThat(json.responseSubject()).isEqualTo("$..SoDinhDanh");
        PersonalDataSpec xml = catalog.service("000.00.40.H99", "soap-lookup").orElseThrow().personalData();
        assertThat(xml.subject()).isEqualTo("//*[local-name()='soDinhDanh']");
        assertThat(xml.responseSubject()).isNull();
        assertThat(xml.purposes()).containsExactly("TTHC", "THANH_TRA");
    }

    @Test
    void anInvalidSubjectPathIsAProblem() {
        assertOnly(ConfigDir.valid(dir).write(BROKEN, AGENCY + """
                services:
                  - code: lookup
                    connector: { type: rest, url: "https://syt.example/a" }
                    personal-data: { subject: "SoDinhDanh", purposes: [TTHC] }
                """).problems(), BROKEN, "services[0].personal-data.subject", "must be a JSONPath");
    }

    @Test
    void aTopicSubjectMustBeAJsonPath() {
        assertOnly(ConfigDir.valid(dir).write(BROKEN, AGENCY + """
                topics:
                  - code: births
                    personal-data: { subject: "/r/soDinhDanh", purposes: [TTHC] }
                """).problems(), BROKEN, "topics[0].personal-data", "records are JSON");
    }
}
