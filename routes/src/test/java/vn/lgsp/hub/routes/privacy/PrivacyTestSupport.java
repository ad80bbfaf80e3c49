package vn.lgsp.hub.routes.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.privacy.SubjectKeys;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/** Helpers of the personal-data tests: calls as the personal-data consumer, publishing, the tracker's report. */
abstract class PrivacyTestSupport extends HubTestSupport {

    static final String RESIDENT = "/api/v1/services/NDXP/resident-lookup";
    static final String RESIDENT_SLOW = "/api/v1/services/NDXP/resident-lookup-slow";
    static final String BIRTH_XML = "/api/v1/services/NDXP/birth-record-xml";
    static final String PD_RECORDS = "/api/v1/topics/000.00.32.H99/" + TestCatalog.PD_TOPIC + "/records";
    static final SubjectKeys KEYS = new SubjectKeys(Base64.getDecoder().decode(TestCatalog.SUBJECT_SECRET));

    static String key(String subjectId) {
        return KEYS.key(subjectId);
    }

    static String pdToken() {
        return token(TestCatalog.PD_CLIENT, TestCatalog.PD_SECRET);
    }

    static String trackerToken() {
        return token(TestCatalog.TRACKER_CLIENT, TestCatalog.TRACKER_SECRET);
    }

    static String lookup(String subjectId, String requestNo) {
        return "{\"SoDinhDanh\":\"" + subjectId + "\",\"MaYeuCau\":\"" + requestNo + "\",\"HoVaTen\":\"Nguyễn Thị Mai\"}";
    }

    static String citizenAnswer(String subjectId, String fatherId) {
        return "{\"error_code\":0,\"CongDan\":{\"SoDinhDanh\":\"" + subjectId + "\",\"Cha\":{\"SoDinhDanh\":\"" + fatherId
                + "\"}}}";
    }

    static String representativeRecord(String code, String subjectId) {
        return """
                {"maDoanhNghiep":"%s","tenDoanhNghiep":"CÔNG TY TNHH BIỂN XANH","ngayDangKy":"2026-11-20",
                 "nguoiDaiDien":{"hoVaTen":"Lê Hoàng Nam","soDinhDanh":"%s"},
                 "diaChiTruSo":{"maTinh":"99","maHuyen":"990"}}""".formatted(code, subjectId);
    }

    static HttpResponse<byte[]> postAs(String path, String token, String contentType, String purpose, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(hub(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (purpose != null) {
            builder.header("X-Purpose", purpose);
        }
        return send(builder.build());
    }

    static HttpResponse<byte[]> callJson(String path, String purpose, String body) {
        return postAs(path, pdToken(), "application/json", purpose, body);
    }

    static HttpResponse<byte[]> publishPd(String purpose, String body) {
        return postAs(PD_RECORDS, token(TestCatalog.PUBLISHER_CLIENT, TestCatalog.PUBLISHER_SECRET), "application/json",
                purpose, body);
    }

    static HttpResponse<byte[]> report(String token, String subjectAndQuery) {
        return send(HttpRequest.newBuilder(hub("/api/v1/data-usage/" + subjectAndQuery))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    /** The single audit record of a kind for an exchange. */
    AuditRecord only(AuditKind kind, String exchangeId) {
        List<AuditRecord> records = auditStore.find(new AuditQuery(exchangeId, null, kind, null, null, 10));
        assertThat(records).as("%s records of %s", kind, exchangeId).hasSize(1);
        return records.get(0);
    }

    static String exchangeIdOf(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
    }

    static JsonNode items(HttpResponse<byte[]> report) {
        assertThat(report.statusCode()).as(new String(report.body())).isEqualTo(200);
        return json(report).path("items");
    }
}
