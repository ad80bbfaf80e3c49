package vn.lgsp.hub.routes.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * The console encoder: JSON lines (Spring Boot structured logging) that keep the MDC ids and mask subject
 * ids and secrets like the text pattern does; the text pattern when no format is set.
 */
class HubConsoleEncoderTest {

    private static LoggingEvent event(LoggerContext context, String message, Object... args) {
        Logger logger = context.getLogger("vn.lgsp.hub.test");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message,
                new IllegalStateException("lookup of 079203005555 failed"), args);
        event.setMDCPropertyMap(Map.of("exchangeId", "0193-abc", "requestId", "req-42"));
        return event;
    }

    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), new MockEnvironment().withProperty("spring.application.name",
                "lgsp-hub"));
        return context;
    }

    @Test
    void jsonLinesCarryTheIdsAndAreMasked() throws Exception {
        LoggerContext context = context();
        HubConsoleEncoder encoder = new HubConsoleEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.start();

        String line = new String(encoder.encode(event(context, "careless line about {} with client_secret={}",
                "079203005555", "demo-portal-secret")), StandardCharsets.UTF_8);

        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asText()).isEqualTo("careless line about 0792******55 with client_secret=****");
        assertThat(json.path("exchangeId").asText()).isEqualTo("0193-abc");
        assertThat(json.path("requestId").asText()).isEqualTo("req-42");
        assertThat(json.path("log").path("level").asText()).isEqualTo("WARN");
        assertThat(line).doesNotContain("079203005555", "demo-portal-secret").contains("lookup of 0792******55 failed");
    }

    @Test
    void textPatternWhenNoFormatIsSet() {
        LoggerContext context = context();
        HubConsoleEncoder encoder = new HubConsoleEncoder();
        encoder.setContext(context);
        encoder.setFormat("");
        encoder.setPattern("%X{exchangeId} %X{requestId} %m%n%nopex");
        encoder.start();

        String line = new String(encoder.encode(event(context, "plain")), StandardCharsets.UTF_8);

        assertThat(line).isEqualTo("0193-abc req-42 plain" + System.lineSeparator());
    }

    @Test
    void masksLikeTheLogbackPattern() {
        assertThat(HubConsoleEncoder.mask("id 077190001234 and 1732512345678 ms"))
                .isEqualTo("id 0771******34 and 1732512345678 ms");
        assertThat(HubConsoleEncoder.mask("{\"message\":\"Authorization: Bearer abc.def\"}"))
                .isEqualTo("{\"message\":\"Authorization: Bearer ****\"}");
    }
}
