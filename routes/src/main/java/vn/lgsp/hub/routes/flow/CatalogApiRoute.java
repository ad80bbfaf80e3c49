package vn.lgsp.hub.routes.flow;

import org.springframework.stereotype.Component;
import vn.lgsp.hub.routes.apidoc.DepartmentApiDocument;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.http.Replies;

/**
 * What is offered: {@code /api/v1/catalog} (what the caller may use, with per-service schema, OpenAPI and WSDL
 * links) and {@code /api/v1/openapi.json} (the department API's own description, public).
 */
@Component
public class CatalogApiRoute extends HubRouteBuilder {

    private final CatalogApi api;
    private final DepartmentApiDocument departmentApi;

    public CatalogApiRoute(ProblemResponder problems, CatalogApi api, DepartmentApiDocument departmentApi) {
        super(problems);
        this.api = api;
        this.departmentApi = departmentApi;
    }

    @Override
    protected void configureFlow() {
        from("platform-http:" + CatalogApi.PREFIX + "?matchOnUriPrefix=true&" + INBOUND_OPTIONS)
                .routeId("catalog-api")
                .process(api::handle).id("list-catalog");

        from("platform-http:/api/v1/openapi.json?" + INBOUND_OPTIONS)
                .routeId("department-api-description")
                .process(exchange -> Replies.reply(exchange, ExchangeContext.begin(exchange), 200, "application/json",
                        departmentApi.json(), null)).id("describe-department-api");
    }
}
