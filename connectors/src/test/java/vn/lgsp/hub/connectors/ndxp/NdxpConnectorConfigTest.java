package vn.lgsp.hub.connectors.ndxp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorSpec;

/** Validation of ndxp connector blocks: every problem named by property, secrets never echoed. */
class NdxpConnectorConfigTest {

    private static List<ConnectorConfigProblem> problems(Map<String, Object> properties, Map<String, String> env) {
        List<ConnectorConfigProblem> problems = new ArrayList<>();
        NdxpConnectorConfig.read(new ConnectorSpec("ndxp", properties), problems, env::get);
        return problems;
    }

    private static Map<String, Object> valid() {
        Map<String, Object> p = new HashMap<>();
        p.put("url", "https://api.ndxp.example");
        p.put("path", "/apiCSDLDKDN/1.0/doanhNghiep");
        p.put("consumer-key", "key");
        p.put("consumer-secret", "${NDXP_SECRET}");
        return p;
    }

    @Test
    void aValidBlockResolvesTheSecretFromTheEnvironmentAndDerivesTheTokenUrl() {
        List<ConnectorConfigProblem> problems = new ArrayList<>();
        NdxpConnectorConfig config = NdxpConnectorConfig.read(new ConnectorSpec("ndxp", valid()), problems,
                Map.of("NDXP_SECRET", "s3cr3t-value")::get);
        assertThat(problems).isEmpty();
        assertThat(config.api().basePath()).isEqualTo("/apiCSDLDKDN/1.0/doanhNghiep");
        assertThat(config.api().ssl()).isTrue();
        assertThat(config.token().basePath()).isEqualTo("/token");
        assertThat(config.token().method()).isEqualTo("POST");
        assertThat(config.tokenForm()).isEqualTo("grant_type=client_credentials");
        assertThat(config.toString()).doesNotContain("s3cr3t-value", "a2V5OnMzY3IzdC12YWx1ZQ");
    }

    @Test
    void everyProblemIsReportedByPropertyWithoutEchoingSecrets() {
        Map<String, Object> p = new HashMap<>();
        p.put("url", "ftp://ndxp.example");
        p.put("path", "apiCSDLDanCu?x=1");
        p.put("consumer-secret", "${MISSING_VAR}");
        p.put("timeout", "5");
        p.put("token-refresh-before", "2h");
        p.put("error-codes", Map.of("201", "GONE"));
        p.put("colour", "blue");
        List<ConnectorConfigProblem> problems = problems(p, Map.of());
        assertThat(problems).extracting(ConnectorConfigProblem::property).containsExactlyInAnyOrder(
                "url", "path", "consumer-key", "consumer-secret", "timeout", "token-refresh-before",
                "error-codes.201", "colour");
        assertThat(problems).filteredOn(x -> x.property().equals("consumer-secret")).singleElement()
                .satisfies(x -> assertThat(x.reason()).contains("MISSING_VAR", "not set"));
    }

    @Test
    void plainSecretsAreAcceptedButNeverInProblems() {
        Map<String, Object> p = valid();
        p.put("consumer-secret", "plain-secret-value");
        p.put("method", "FETCH");
        List<ConnectorConfigProblem> problems = problems(p, Map.of());
        assertThat(problems).extracting(ConnectorConfigProblem::property).containsExactly("method");
        assertThat(problems.toString()).doesNotContain("plain-secret-value");
    }
}
