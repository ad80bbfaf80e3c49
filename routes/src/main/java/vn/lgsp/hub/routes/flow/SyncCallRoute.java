package vn.lgsp.hub.routes.flow;

import org.springframework.stereotype.Component;
import vn.lgsp.hub.routes.limits.ClientLimits;
import vn.lgsp.hub.routes.privacy.PersonalDataSteps;

/**
 * Sync flow: receive -> authenticate -> client quota -> resolve service -> authorize -> not suspended -> purpose
 * check (personal data,
 * {@link PersonalDataSteps}) -> validate -> call the provider's connector -> audit -> answer. Reached at
 * {@code /api/v1/services/{provider}/{service}[/sub/path]} and at any service's {@code published-path} (the
 * catch-all route, started last so specific paths win).
 */
@Component
public class SyncCallRoute extends HubRouteBuilder {

    private final SyncCallSteps steps;
    private final PersonalDataSteps personalData;
    private final ClientLimits limits;

    public SyncCallRoute(ProblemResponder problems, SyncCallSteps steps, PersonalDataSteps personalData,
                         ClientLimits limits) {
        super(problems);
        this.limits = limits;
        this.steps = steps;
        this.personalData = personalData;
    }

    @Override
    protected void configureFlow() {
        from("platform-http:/api/v1/services?matchOnUriPrefix=true&" + INBOUND_OPTIONS)
                .routeId("sync-call")
                .to("direct:sync-call");

        from("platform-http:/?matchOnUriPrefix=true&" + INBOUND_OPTIONS)
                .routeId("sync-call-published-path")
                .startupOrder(Integer.MAX_VALUE - 1)
                .to("direct:sync-call");

        from("direct:sync-call")
                .routeId("sync-call-pipeline")
                .process(steps::begin).id("sync-begin")
                .process(steps::authenticate).id("sync-authenticate")
                .process(limits::check).id("sync-client-quota")
                .process(steps::resolve).id("sync-resolve-service")
                .process(steps::authorize).id("sync-authorize")
                .process(personalData::checkService).id("sync-check-purpose")
                .process(steps::checkBody).id("sync-validate")
                .process(steps::forward).id("sync-call-provider");
    }
}
