package vn.lgsp.hub.routes.ops;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.async.ExchangeStatus;

/** {@code GET /ops/v1/exchanges/{exchangeId}}: the status of any published record, for operators. */
@RestController
@RequestMapping("/ops/v1/exchanges")
public class OpsExchangeController {

    private final ExchangeStatus status;

    public OpsExchangeController(ExchangeStatus status) {
        this.status = status;
    }

    @GetMapping(path = "/{exchangeId}", produces = "application/json")
    public ExchangeStatus.Status get(@PathVariable String exchangeId) {
        return status.of(exchangeId)
                .orElseThrow(() -> new HubException(HubError.NOT_FOUND, "no published record " + exchangeId));
    }
}
