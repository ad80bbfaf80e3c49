package vn.lgsp.hub.routes.soap;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.routes.async.PublishSteps;
import vn.lgsp.hub.routes.flow.SyncCallSteps;
import vn.lgsp.hub.routes.limits.ClientLimits;
import vn.lgsp.hub.routes.privacy.PersonalDataSteps;

/**
 * SOAP flow at {@code /soap/v1/hub} (CXF endpoint {@code hubSoapEndpoint}, payload mode, schema-validated):
 * CallService runs the sync-call steps (resolve, authorize, purpose, validate, call + audit), PublishRecord
 * the publish steps (authorize, purpose, validate, durable + audit). Any failure becomes a hub fault with
 * its REJECT record ({@link SoapSteps#fault}).
 */
@Component
public class SoapRoute extends RouteBuilder {

    private final SoapSteps steps;
    private final SyncCallSteps sync;
    private final PublishSteps publish;
    private final PersonalDataSteps personalData;
    private final ClientLimits limits;

    public SoapRoute(SoapSteps steps, SyncCallSteps sync, PublishSteps publish, PersonalDataSteps personalData,
                     ClientLimits limits) {
        this.limits = limits;
        this.steps = steps;
        this.sync = sync;
        this.publish = publish;
        this.personalData = personalData;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(steps::fault);

        from("cxf:bean:hubSoapEndpoint")
                .routeId("soap")
                .process(steps::begin).id("soap-begin")
                .process(steps::authenticate).id("soap-authenticate")
                .process(limits::check).id("soap-client-quota")
                .choice()
                    .when(header(CxfConstants.OPERATION_NAME).isEqualTo("CallService"))
                        .process(steps::resolveService).id("soap-resolve-service")
                        .process(sync::authorize).id("soap-authorize")
                        .process(personalData::checkService).id("soap-check-purpose")
                        .process(sync::checkBody).id("soap-validate")
                        .process(steps::callService).id("soap-call-provider")
                    .when(header(CxfConstants.OPERATION_NAME).isEqualTo("PublishRecord"))
                        .process(steps::resolveTopic).id("soap-resolve-topic")
                        .process(publish::authorize).id("soap-publish-authorize")
                        .process(publish::checkPurpose).id("soap-publish-check-purpose")
                        .process(publish::readRecords).id("soap-publish-validate")
                        .process(steps::publishRecord).id("soap-publish-durably")
                    .otherwise()
                        .process(steps::unknownOperation).id("soap-unknown-operation")
                .end();
    }
}
