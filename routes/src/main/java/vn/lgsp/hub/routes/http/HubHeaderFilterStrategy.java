package vn.lgsp.hub.routes.http;

import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Header filter of the inbound platform-http endpoints: only Camel's internal headers are kept from the
 * HTTP answer. The hub decides itself which headers an answer carries ({@code Replies}), so HTTP caching
 * headers such as {@code Cache-Control} from providers or the token endpoint are not silently dropped, as
 * Camel's default HTTP filter would do.
 */
@Component("hubHeaderFilterStrategy")
public class HubHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    public HubHeaderFilterStrategy() {
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setLowerCase(true);
    }
}
