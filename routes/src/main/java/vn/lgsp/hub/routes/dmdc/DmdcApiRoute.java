package vn.lgsp.hub.routes.dmdc;

import org.springframework.stereotype.Component;
import vn.lgsp.hub.routes.flow.HubRouteBuilder;
import vn.lgsp.hub.routes.flow.ProblemResponder;

/** {@code /api/v1/dmdc}: the local copies of the national shared catalogs. */
@Component
public class DmdcApiRoute extends HubRouteBuilder {

    private final DmdcApi api;

    public DmdcApiRoute(ProblemResponder problems, DmdcApi api) {
        super(problems);
        this.api = api;
    }

    @Override
    protected void configureFlow() {
        from("platform-http:" + DmdcApi.PREFIX + "?matchOnUriPrefix=true&" + INBOUND_OPTIONS)
                .routeId("dmdc-api")
                .process(api::handle).id("read-dmdc-copy");
    }
}
