package vn.lgsp.hub.routes.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/** {@code GET /ops/v1/catalog}: the catalog as operators see it, allow-lists resolved, no secrets. */
class OpsCatalogApiTest extends HubTestSupport {

    private HttpResponse<byte[]> get(String user, String password) {
        return send(HttpRequest.newBuilder(ops("/ops/v1/catalog")).header("Authorization", basic(user, password))
                .GET().build());
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + list);
    }

    @Test
    void showsParticipantsServicesTopicsAndSubscriptionsWithWhoMayUseThem() {
        HttpResponse<byte[]> response = get(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode catalog = json(response);

        JsonNode consumer = find(catalog.path("participants"), "code", TestCatalog.CONSUMER);
        assertThat(consumer.path("name").asText()).isEqualTo("Văn phòng UBND tỉnh (kiểm thử)");
        assertThat(consumer.path("clients")).extracting(JsonNode::asText).containsExactly(TestCatalog.CONSUMER_CLIENT);

        JsonNode citizen = find(catalog.path("services"), "service", "citizen-lookup");
        assertThat(citizen.path("provider").asText()).isEqualTo("NDXP");
        assertThat(citizen.path("connectorType").asText()).isEqualTo("rest");
        assertThat(citizen.path("anyone").asBoolean()).isFalse();
        assertThat(citizen.path("allowed")).extracting(JsonNode::asText).containsExactly(TestCatalog.CONSUMER);
        JsonNode personal = find(catalog.path("services"), "service", "resident-lookup");
        assertThat(personal.path("personalData").asBoolean()).isTrue();

        JsonNode topic = find(catalog.path("topics"), "topic", "business-registered");
        assertThat(topic.path("anyone").asBoolean()).isTrue();
        assertThat(topic.path("allowed")).extracting(JsonNode::asText).contains(TestCatalog.SUB_DOWN, "NDXP");
        JsonNode subscription = find(catalog.path("subscriptions"), "subscriber", TestCatalog.SUB_DOWN);
        assertThat(subscription.path("id").asText()).isEqualTo(TestCatalog.SUB_DOWN + ">000.00.32.H99/business-registered");
        assertThat(subscription.path("maxAttempts").asInt()).isEqualTo(3);
        assertThat(catalog.path("groups").path("departments")).extracting(JsonNode::asText)
                .containsExactly("000.00.01.H99", "000.00.31.H99");

        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(text).as("no secrets, key digests or connector settings").doesNotContain("bcrypt", "$2a$",
                "127.0.0.1", "apiKey", "secret");
    }

    @Test
    void isForOperatorsOnly() {
        assertThat(get(TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(get(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET).statusCode()).isEqualTo(401);
    }
}
