package vn.lgsp.hub.routes.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.checkpoint.AuditSigner;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/** {@code GET /ops/v1/audit/verify}: the report for auditors and operators, a tampered row named, access. */
class OpsAuditVerifyApiTest extends HubTestSupport {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private AuditSigner signer;

    private HttpResponse<byte[]> getVerify(String query, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ops("/ops/v1/audit/verify" + query)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private JsonNode verifyAsAuditor(String query) {
        HttpResponse<byte[]> response = getVerify(query, basic(TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        return json(response);
    }

    private AuditRecord append(String detail) {
        return auditStore.append(AuditRecord.builder(AuditKind.OPS).code("TEST").status(200).detail(detail).build());
    }

    private void setDetail(long id, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE audit_record SET detail = ? WHERE id = ?")) {
            ps.setString(1, detail);
            ps.setLong(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void anAuditorGetsTheReportOfAnIntactChainSignedWithTheNodesKey() {
        append("kiểm tra chuỗi");

        JsonNode report = verifyAsAuditor("");

        assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.has("firstBreak")).isFalse();
        assertThat(report.path("nodes")).anySatisfy(n -> {
            assertThat(n.path("node").asText()).isEqualTo("node-1");
            assertThat(n.path("records").asLong()).isPositive();
            assertThat(n.path("ok").asBoolean()).isTrue();
        });
        assertThat(report.path("keys")).anySatisfy(k -> {
            assertThat(k.path("keyId").asText()).isEqualTo(signer.keyId());
            assertThat(k.path("source").asText()).isEqualTo("keystore");
        });
    }

    @Test
    void aTamperedRecordIsNamedUntilItIsRestored() throws SQLException {
        AuditRecord record = append("bản ghi gốc");
        append("bản ghi sau");
        try {
            setDetail(record.id(), "bản ghi đã sửa");

            JsonNode report = verifyAsAuditor("");

            assertThat(report.path("ok").asBoolean()).isFalse();
            JsonNode first = report.path("firstBreak");
            assertThat(first.path("kind").asText()).isEqualTo("CHANGED");
            assertThat(first.path("node").asText()).isEqualTo("node-1");
            assertThat(first.path("seq").asLong()).isEqualTo(record.seq());
            assertThat(first.path("id").asLong()).isEqualTo(record.id());
        } finally {
            setDetail(record.id(), record.detail());
        }
        assertThat(verifyAsAuditor("").path("ok").asBoolean()).isTrue();
    }

    @Test
    void aTimeRangeAndTheArchiveFolderAreAccepted() {
        append("trong khoảng");
        JsonNode report = verifyAsAuditor("?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z&archives=true");
        assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("from").asText()).startsWith("2000-01-01T00:00");
    }

    @Test
    void operatorsMayVerifyAndOthersMayNot() {
        assertThat(getVerify("", basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(getVerify("", null).statusCode()).isEqualTo(401);
        assertThat(getVerify("", basic(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aMalformedTimeIsABadRequest() {
        HttpResponse<byte[]> response = getVerify("?from=yesterday", basic(TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(json(response).path("detail").asText()).contains("from");
    }
}
