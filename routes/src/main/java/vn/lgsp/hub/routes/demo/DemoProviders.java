package vn.lgsp.hub.routes.demo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * Demo providers (profile {@code demo}): WireMock servers in the hub's own process acting as the national
 * platform (citizen lookup, fake data) and a provincial department (business lookup), with their stubs under
 * {@code classpath:demo/}. They let a newcomer call something on day one; they are not for production.
 */
@Component
@Profile("demo")
public class DemoProviders {

    private static final Logger LOG = LoggerFactory.getLogger(DemoProviders.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMockServer ndxp;
    private final WireMockServer department;

    public DemoProviders(HubProperties properties) {
        ndxp = start("demo/ndxp", properties.getDemo().getNdxpPort());
        department = start("demo/department", properties.getDemo().getDepartmentPort());
    }

    private static WireMockServer start(String stubs, int port) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").port(port).disableRequestJournal());
        server.start();
        loadStubs(server, stubs);
        LOG.info("Demo provider {} listening on http://127.0.0.1:{}", stubs, server.port());
        return server;
    }

    /**
     * Registers {@code STUBS/mappings/*.json} (WireMock's {"mappings": [...]} form), inlining each
     * {@code bodyFileName} from {@code STUBS/__files/}: WireMock cannot read folders inside a Boot jar.
     */
    private static void loadStubs(WireMockServer server, String stubs) {
        var resolver = new PathMatchingResourcePatternResolver();
        try {
            for (Resource file : resolver.getResources("classpath:" + stubs + "/mappings/*.json")) {
                JsonNode root = JSON.readTree(file.getInputStream());
                for (JsonNode mapping : root.path("mappings")) {
                    ObjectNode response = (ObjectNode) mapping.path("response");
                    if (response.has("bodyFileName")) {
                        String name = stubs + "/__files/" + response.remove("bodyFileName").asText();
                        response.put("body", resolver.getResource("classpath:" + name)
                                .getContentAsString(StandardCharsets.UTF_8));
                    }
                    server.addStubMapping(StubMapping.buildFrom(JSON.writeValueAsString(mapping)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load demo stubs from classpath:" + stubs, e);
        }
    }

    @PreDestroy
    void stop() {
        ndxp.stop();
        department.stop();
    }
}
