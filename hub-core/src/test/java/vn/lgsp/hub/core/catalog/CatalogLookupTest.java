package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.core.auth.Secrets;

/** The look-ups the request path uses, on the valid fixture. */
class CatalogLookupTest {

    static final String STP = "000.00.31.H99";
    static final String KHDT = "000.00.32.H99";
    static final String HOA_BINH = "000.00.10.H99";
    static final String LAC_SON = "000.00.11.H99";

    @TempDir
    static Path dir;
    static Catalog catalog;

    @BeforeAll
    static void load() {
        catalog = ConfigDir.valid(dir).load();
    }

    static ServiceDefinition service(String provider, String code) {
        return catalog.service(provider, code).orElseThrow();
    }

    @Test
    void findsServicesByAddress() {
        assertThat(catalog.service(STP, "civil-status-lookup")).isPresent();
        assertThat(catalog.service(AgencyCode.NDXP, "citizen-lookup")).isPresent();
        assertThat(catalog.service(STP, "citizen-lookup")).as("service of another provider").isEmpty();
        assertThat(catalog.service("000.00.99.H99", "civil-status-lookup")).isEmpty();
        assertThat(catalog.services()).hasSize(4);
    }

    @Test
    void findsAServiceByItsExactPublishedPath() {
        Catalog.PublishedMatch m = catalog.byPublishedPath("/apiHoTichTuPhap/1.0/traCuu").orElseThrow();
        assertThat(m.service().key()).isEqualTo(STP + "/civil-status-lookup");
        assertThat(m.subPath()).isEmpty();
    }

    @Test
    void findsAServiceByPublishedPathWithASubPath() {
        Catalog.PublishedMatch m = catalog.byPublishedPath("/apiCongDan/x/y").orElseThrow();
        assertThat(m.service().key()).isEqualTo("NDXP/citizen-lookup");
        assertThat(m.subPath()).isEqualTo("/x/y");

        Catalog.PublishedMatch deep = catalog.byPublishedPath("/apiHoTichTuPhap/1.0/traCuu/chiTiet").orElseThrow();
        assertThat(deep.service().code()).isEqualTo("civil-status-lookup");
        assertThat(deep.subPath()).isEqualTo("/chiTiet");
    }

    @Test
    void publishedPathsMatchOnSegmentBoundariesOnly() {
        assertThat(catalog.byPublishedPath("/apiCongDanBar")).isEmpty();
        assertThat(catalog.byPublishedPath("/apiCongDanBar/x")).isEmpty();
        assertThat(catalog.byPublishedPath("/apiHoTichTuPhap/1.0/traCuuX")).isEmpty();
        assertThat(catalog.byPublishedPath("/apiHoTichTuPhap/1.0")).as("a prefix of an alias is not the alias")
                .isEmpty();
        assertThat(catalog.byPublishedPath("/apicongdan")).as("case-sensitive").isEmpty();
        assertThat(catalog.byPublishedPath("/")).isEmpty();
        assertThat(catalog.byPublishedPath("")).isEmpty();
    }

    @Test
    void findsClientsByIdAndByApiKeyDigest() {
        assertThat(catalog.client("stp-app").orElseThrow().agencyCode()).isEqualTo(STP);
        assertThat(catalog.client("ndxp-gateway").orElseThrow().agencyCode()).isEqualTo(AgencyCode.NDXP);
        assertThat(catalog.client("STP-APP")).as("client ids are case-sensitive").isEmpty();
        assertThat(catalog.client("nobody")).isEmpty();

        assertThat(catalog.clientByApiKeyDigest(Secrets.sha256Hex("lgsp_huyen-hoa-binh-key-0001")).orElseThrow().id())
                .isEqualTo("hoa-binh.mot-cua");
        assertThat(catalog.clientByApiKeyDigest(Secrets.sha256Hex("lgsp_huyen-hoa-binh-key-0002"))).isEmpty();
        assertThat(catalog.clientByApiKeyDigest("lgsp_huyen-hoa-binh-key-0001")).as("the key itself is no digest")
                .isEmpty();
    }

    @Test
    void mayCallByDirectCode() {
        assertThat(catalog.mayCall(KHDT, service(STP, "civil-status-lookup"))).isTrue();
        assertThat(catalog.mayCall(STP, service(AgencyCode.NDXP, "citizen-lookup"))).isTrue();
    }

    @Test
    void mayCallAsGroupMember() {
        assertThat(catalog.mayCall(HOA_BINH, service(STP, "civil-status-lookup"))).isTrue();
        assertThat(catalog.mayCall(LAC_SON, service(STP, "civil-status-lookup"))).isTrue();
    }

    @Test
    void mayCallThroughWildcard() {
        ServiceDefinition open = service(STP, "marriage-status");
        assertThat(catalog.mayCall(HOA_BINH, open)).isTrue();
        assertThat(catalog.mayCall(AgencyCode.NDXP, open)).isTrue();
        assertThat(catalog.mayCall("000.00.77.H01", open)).as("any code, even one without a file").isTrue();
        assertThat(catalog.mayCall(null, open)).as("an unauthenticated caller").isFalse();
    }

    @Test
    void deniesWhoIsNotListed() {
        ServiceDefinition lookup = service(STP, "civil-status-lookup");
        assertThat(catalog.mayCall(AgencyCode.NDXP, lookup)).isFalse();
        assertThat(catalog.mayCall(STP, lookup)).as("the provider itself is not implicitly allowed").isFalse();
        assertThat(catalog.mayCall("000.00.33.H99", lookup)).isFalse();
        assertThat(catalog.mayCall("group:districts", lookup)).as("a group name is not a caller").isFalse();
        assertThat(catalog.mayCall("*", lookup)).isFalse();
        assertThat(catalog.mayCall(HOA_BINH, service(AgencyCode.NDXP, "citizen-lookup"))).isFalse();
    }

    @Test
    void aServiceWithoutAllowListDeniesEveryone() {
        ServiceDefinition report = service(STP, "internal-report");
        for (String code : new String[] {STP, KHDT, HOA_BINH, LAC_SON, AgencyCode.NDXP}) {
            assertThat(catalog.mayCall(code, report)).as(code).isFalse();
        }
    }

    @Test
    void listsCallableServicesOrderedByAddress() {
        assertThat(catalog.servicesCallableBy(HOA_BINH)).extracting(ServiceDefinition::key)
                .containsExactly(STP + "/civil-status-lookup", STP + "/marriage-status");
        assertThat(catalog.servicesCallableBy(STP)).extracting(ServiceDefinition::key)
                .containsExactly(STP + "/marriage-status", "NDXP/citizen-lookup");
        assertThat(catalog.servicesCallableBy("000.00.99.H99")).extracting(ServiceDefinition::key)
                .containsExactly(STP + "/marriage-status");
        assertThat(catalog.servicesCallableBy(null)).isEmpty();
    }

    @Test
    void catalogCollectionsAreReadOnly() {
        assertThat(catalog.groups()).isUnmodifiable();
        assertThat(catalog.participant(STP).orElseThrow().services()).isUnmodifiable();
        assertThat(service(STP, "civil-status-lookup").allow()).isUnmodifiable();
    }
}
