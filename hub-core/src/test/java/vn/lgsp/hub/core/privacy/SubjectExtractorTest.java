package vn.lgsp.hub.core.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectExtractorTest {

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    @Test
    void readsATopLevelJsonValueTrimmed() {
        assertThat(SubjectExtractor.compile("$.SoDinhDanh")
                .extract(bytes("{\"SoDinhDanh\":\" 077190001234 \",\"HoVaTen\":\"Nguyễn Thị Mai\"}")))
                .containsExactly("077190001234");
    }

    @Test
    void readsNestedValuesAndArraysDistinctInDocumentOrder() {
        String json = """
                {"hoSo":{"nguoiNop":{"soDinhDanh":"077190001234"},
                 "thanhVien":[{"soDinhDanh":"001085000111"},{"soDinhDanh":"077190001234"},{"ten":"x"},
                              {"soDinhDanh":""},{"soDinhDanh":null}]}}""";
        assertThat(SubjectExtractor.compile("$..soDinhDanh").extract(bytes(json)))
                .containsExactly("077190001234", "001085000111");
        assertThat(SubjectExtractor.compile("$.hoSo.thanhVien[*].soDinhDanh").extract(bytes(json)))
                .containsExactly("001085000111", "077190001234");
    }

    @Test
    void takesTheElementsOfAnArrayValueAndIntegerNumbers() {
        assertThat(SubjectExtractor.compile("$.ids").extract(bytes("{\"ids\":[\"001085000111\",77190001234,{\"a\":1},true]}")))
                .containsExactly("001085000111", "77190001234");
    }

    @Test
    void findsNothingWhenThePathIsMissingOrTheBodyEmpty() {
        SubjectExtractor extractor = SubjectExtractor.compile("$.nguoiDaiDien.soDinhDanh");
        assertThat(extractor.extract(bytes("{\"maDoanhNghiep\":\"3599001234\"}"))).isEmpty();
        assertThat(extractor.extract(bytes("{\"nguoiDaiDien\":{\"soDinhDanh\":{\"x\":1}}}"))).isEmpty();
        assertThat(extractor.extract(new byte[0])).isEmpty();
        assertThat(extractor.extract(bytes("[1,2]"))).isEmpty();
    }

    @Test
    void refusesMalformedJsonWithoutQuotingIt() {
        assertThatThrownBy(() -> SubjectExtractor.compile("$.SoDinhDanh").extract(bytes("{\"SoDinhDanh\":077190001234")))
                .isInstanceOf(SubjectExtractor.UnreadableBodyException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("077190001234");
    }

    @Test
    void readsXmlWithAnXPathIncludingNamespaces() {
        String soap = """
                <?xml version="1.0" encoding="UTF-8"?>
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:d="urn:dancu">
                  <s:Body><d:traCuu><d:SoDinhDanh> 077190001234 </d:SoDinhDanh><d:SoDinhDanh>001085000111</d:SoDinhDanh>
                  </d:traCuu></s:Body></s:Envelope>""";
        SubjectExtractor extractor = SubjectExtractor.compile("//*[local-name()='SoDinhDanh']");
        assertThat(extractor.isXPath()).isTrue();
        assertThat(extractor.extract(bytes(soap))).containsExactly("077190001234", "001085000111");
        assertThat(SubjectExtractor.compile("/hoSo/cccd").extract(bytes("<hoSo><cccd>077190001234</cccd></hoSo>")))
                .containsExactly("077190001234");
        assertThat(SubjectExtractor.compile("/hoSo/@cccd").extract(bytes("<hoSo cccd='077190001234'/>")))
                .containsExactly("077190001234");
        assertThat(SubjectExtractor.compile("/hoSo/khac").extract(bytes("<hoSo/>"))).isEmpty();
    }

    @Test
    void refusesAnXxeAttemptWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "999888777666");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE hoSo [ <!ENTITY xxe SYSTEM "%s"> ]>
                <hoSo><cccd>&xxe;</cccd></hoSo>""".formatted(secret.toUri());
        assertThatThrownBy(() -> SubjectExtractor.compile("/hoSo/cccd").extract(bytes(xxe)))
                .isInstanceOf(SubjectExtractor.UnreadableBodyException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("999888777666");
    }

    @Test
    void refusesAnEntityExpansionBomb() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <hoSo><cccd>&lol2;</cccd></hoSo>""";
        assertThatThrownBy(() -> SubjectExtractor.compile("/hoSo/cccd").extract(bytes(bomb)))
                .isInstanceOf(SubjectExtractor.UnreadableBodyException.class);
    }

    @Test
    void refusesMalformedXml() {
        assertThatThrownBy(() -> SubjectExtractor.compile("/hoSo/cccd").extract(bytes("<hoSo><cccd>0771</hoSo>")))
                .isInstanceOf(SubjectExtractor.UnreadableBodyException.class)
                .hasMessageNotContaining("0771");
    }

    @Test
    void rejectsInvalidPathsWithAConfigReadyReason() {
        assertThatThrownBy(() -> SubjectExtractor.compile("$.[["))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("is not a valid JSONPath");
        assertThatThrownBy(() -> SubjectExtractor.compile("/hoSo/[")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("is not a valid XPath");
        assertThatThrownBy(() -> SubjectExtractor.compile("SoDinhDanh")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSONPath");
    }
}
