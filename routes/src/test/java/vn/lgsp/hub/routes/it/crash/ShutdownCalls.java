package vn.lgsp.hub.routes.it.crash;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.lgsp.hub.core.xml.SafeXml;

/**
 * The calls {@link GracefulShutdownIT} makes: sync calls over REST and SOAP (answers kept, failures to connect
 * reported as status -1 instead of thrown), the probe for the first refusal, and the dead letters.
 */
final class ShutdownCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOAP_NS = "urn:lgsp-hub:soap:v1";
    private static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** What one call got back; status -1 when the connection failed (e.g. refused once a port is closed). */
    record Answer(int status, String contentType, String body, String exchangeId, long millis) {
    }

    private final HubProcess hub;
    private final String token;

    ShutdownCalls(HubProcess hub, String token) {
        this.hub = hub;
        this.token = token;
    }

    String token() {
        return token;
    }

    /** REST call {@code i} to the slow service. */
    Answer rest(int i) {
        String body = JSON.createObjectNode().put("recordId", HubClient.callId(i)).put("hoTen", "Trần Thị Bích Ngọc")
                .toString();
        return send(HttpRequest.newBuilder(hub.hub().resolve("/api/v1/services/" + GracefulShutdownIT.PROVIDER + "/"
                        + GracefulShutdownIT.SERVICE)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), false);
    }

    /** SOAP CallService {@code i} to the slow service (UsernameToken of the publisher's client). */
    Answer soap(int i) {
        String envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:hub=\"" + SOAP_NS
                + "\" xmlns:wsse=\"" + WSSE + "\"><s:Header><wsse:Security s:mustUnderstand=\"1\"><wsse:UsernameToken>"
                + "<wsse:Username>" + CrashCatalog.CLIENT + "</wsse:Username><wsse:Password>" + CrashCatalog.SECRET
                + "</wsse:Password></wsse:UsernameToken></wsse:Security></s:Header><s:Body><hub:CallService>"
                + "<hub:provider>" + GracefulShutdownIT.PROVIDER + "</hub:provider><hub:service>"
                + GracefulShutdownIT.SERVICE + "</hub:service><hub:payload><hub:json>{\"recordId\":\""
                + HubClient.callId(i) + "\"}</hub:json></hub:payload></hub:CallService></s:Body></s:Envelope>";
        return send(HttpRequest.newBuilder(hub.soap().resolve("/soap/v1/hub"))
                .header("Content-Type", "text/xml; charset=UTF-8").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build(), true);
    }

    /** A cheap request to the SOAP port (the service's WSDL): -1 once the port takes no new connections. */
    Answer soapWsdl() {
        return send(HttpRequest.newBuilder(hub.soap().resolve("/soap/v1/hub?wsdl")).timeout(Duration.ofSeconds(10))
                .build(), false);
    }

    /** Polls a cheap request on the department port until it is refused; returns the refusal. */
    Answer awaitRefusal() {
        AtomicReference<Answer> last = new AtomicReference<>();
        await("department port refusing new requests").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    Answer answer = send(HttpRequest.newBuilder(hub.hub().resolve("/api/v1/catalog"))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(), false);
                    last.set(answer);
                    return answer.status() != 200;
                });
        return last.get();
    }

    /** {@code GET /ops/v1/dead-letters} as operator. */
    List<JsonNode> deadLetters() throws IOException {
        Answer answer = send(HttpRequest.newBuilder(hub.ops().resolve("/ops/v1/dead-letters"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "demo-operator:demo-operator-secret".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).build(), false);
        if (answer.status() != 200) {
            throw new AssertionError("dead letters: " + answer);
        }
        List<JsonNode> rows = new ArrayList<>();
        JSON.readTree(answer.body()).forEach(rows::add);
        return rows;
    }

    private static Answer send(HttpRequest request, boolean soap) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - start) / 1_000_000;
            String exchangeId = soap ? soapExchangeId(response.body())
                    : response.headers().firstValue("X-Hub-Exchange-Id").orElse(null);
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), exchangeId, millis);
        } catch (IOException e) {
            return new Answer(-1, "", e.toString(), null, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String soapExchangeId(String body) {
        try {
            NodeList ids = SafeXml.parse(body.getBytes(StandardCharsets.UTF_8)).getDocumentElement()
                    .getElementsByTagNameNS("*", "exchangeId");
            return ids.getLength() == 0 ? null : ((Element) ids.item(0)).getTextContent();
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("not a SOAP answer: " + body, e));
        }
    }
}
