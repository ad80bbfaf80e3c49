package vn.lgsp.hub.routes.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.control.RouteControl;

/**
 * This node's maintenance mode: {@code GET /ops/v1/maintenance} -> {@code {enabled, since, by}};
 * {@code POST} with {@code {"enabled": true|false}}. While on, readiness answers 503 so load balancers
 * drain the node; calls in flight and deliveries go on.
 */
@RestController
@RequestMapping("/ops/v1/maintenance")
public class OpsMaintenanceController {

    private final RouteControl control;

    public OpsMaintenanceController(RouteControl control) {
        this.control = control;
    }

    @GetMapping(produces = "application/json")
    public RouteControl.Maintenance get() {
        return control.maintenance();
    }

    @PostMapping(consumes = "application/json", produces = "application/json")
    public RouteControl.Maintenance set(@RequestBody(required = false) JsonNode body, Principal operator) {
        if (body == null || !body.path("enabled").isBoolean()) {
            throw new HubException(HubError.INVALID_REQUEST, "body must be {\"enabled\": true} or {\"enabled\": false}");
        }
        return control.setMaintenance(body.path("enabled").asBoolean(), operator.getName());
    }
}
