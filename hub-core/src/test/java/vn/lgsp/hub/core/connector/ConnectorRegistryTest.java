package vn.lgsp.hub.core.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the registry adds around a factory: origin, links for the catalog, and a throwing validate contained. */
class ConnectorRegistryTest {

    /** A SOAP-like type offering a WSDL link, whose validate fails on a poisoned block. */
    private static final class LinkingFactory implements ConnectorFactory {
        @Override
        public String type() {
            return "soapish";
        }

        @Override
        public List<ConnectorConfigProblem> validate(ConnectorSpec spec) {
            if (spec.properties().containsKey("poison")) {
                throw new IllegalStateException("secret-value-must-not-leak");
            }
            return List.of();
        }

        @Override
        public ProviderConnector create(ConnectorSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> consumerLinks(ConnectorSpec spec, String serviceKey) {
            return Map.of("wsdl", "/soap/v1/services/" + serviceKey + "?wsdl");
        }
    }

    private final ConnectorRegistry registry = ConnectorRegistry.of(new LinkingFactory());

    @Test
    void listsTheConnectorsLinksForTheCatalog() {
        assertThat(registry.consumerLinks(new ConnectorSpec("soapish", Map.of()), "000.00.31.H99/birth"))
                .containsExactly(Map.entry("wsdl", "/soap/v1/services/000.00.31.H99/birth?wsdl"));
        assertThat(registry.consumerLinks(new ConnectorSpec("other", Map.of()), "x/y")).isEmpty();
        assertThat(registry.consumerLinks(null, "x/y")).isEmpty();
    }

    @Test
    void aValidateThatThrowsBecomesAProblemWithoutItsMessage() {
        assertThat(registry.check(new ConnectorSpec("soapish", Map.of("poison", true))))
                .singleElement().satisfies(p -> {
                    assertThat(p.property()).isEmpty();
                    assertThat(p.reason()).isEqualTo(
                            "connector type 'soapish' could not check this block (IllegalStateException)");
                });
        assertThat(registry.check(new ConnectorSpec("soapish", Map.of()))).isEmpty();
        assertThatThrownBy(() -> registry.check(new ConnectorSpec("nope", Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.describe()).containsExactly(
                new ConnectorRegistry.ConnectorType("soapish", ConnectorRegistry.BUILT_IN, false));
    }
}
