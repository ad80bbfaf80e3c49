package vn.lgsp.hub.routes.soap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.xml.namespace.QName;
import org.apache.camel.CamelContext;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.catalina.connector.Connector;
import org.apache.cxf.Bus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.routes.audit.ExchangeAuditor;
import vn.lgsp.hub.routes.config.HubProperties;
import vn.lgsp.hub.routes.security.OpsSecurityConfiguration;
import vn.lgsp.hub.routes.http.Problems;

/**
 * The SOAP listener: CXF's servlet (path {@code cxf.path=/soap}) on a second Tomcat connector,
 * {@code hub.soap.port} (default 8082). A filter keyed on the local port keeps the two Tomcat ports apart:
 * the SOAP port serves only {@code /soap/**}, the operator port never serves {@code /soap/**}.
 */
@Configuration
public class SoapEndpointConfiguration {

    /** Bean name used by {@code cxf:bean:hubSoapEndpoint}. */
    public static final String ENDPOINT = "hubSoapEndpoint";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> soapConnector(@Value("${hub.soap.port:8082}") int port,
                                                                            HubProperties properties) {
        return factory -> {
            Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(port);
            connector.setProperty("address", properties.getHttp().getHost());
            // as on the operator port: encoded slashes reach Spring Security's firewall, which refuses them
            OpsSecurityConfiguration.passEncodedSlashesToTheFirewall(connector);
            factory.addAdditionalTomcatConnectors(connector);
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> soapPortFilter(@Value("${hub.soap.port:8082}") int port) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI();
                boolean soapPath = path.equals("/soap") || path.startsWith("/soap/");
                if (soapPath != (request.getLocalPort() == port)) {
                    response.setStatus(404);
                    response.setContentType(Problems.MEDIA_TYPE);
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getOutputStream().write(Problems.render(HubError.NOT_FOUND, soapPath
                            ? "SOAP is served on the SOAP port (hub.soap.port)"
                            : "only /soap/** is served on this port", null, null));
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean(ENDPOINT)
    CxfEndpoint hubSoapEndpoint(CamelContext camel, Bus bus, ExchangeAuditor auditor, HubProperties properties) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setCamelContext(camel);
        endpoint.setBus(bus);
        endpoint.setAddress("/v1/hub");
        endpoint.setWsdlURL("classpath:soap/lgsp-hub.wsdl");
        endpoint.setServiceNameAsQName(new QName(SoapFaults.NS, "HubService"));
        endpoint.setPortNameAsQName(new QName(SoapFaults.NS, "HubPort"));
        endpoint.setDataFormat(DataFormat.PAYLOAD);
        endpoint.setSchemaValidationEnabled(true);
        endpoint.getInInterceptors().add(new SoapXmlGuard(auditor, properties.getHttp().getMaxBodySize().toBytes()));
        endpoint.getInInterceptors().add(new UsernameTokenInterceptor());
        endpoint.getOutFaultInterceptors().add(new CxfFaultMapper(auditor));
        return endpoint;
    }
}
