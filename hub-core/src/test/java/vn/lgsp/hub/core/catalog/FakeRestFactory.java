package vn.lgsp.hub.core.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFactory;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderResponse;

/**
 * A stand-in for the real {@code rest} connector (which lives in the connectors module): requires an
 * http(s) {@code url}, accepts {@code method} and {@code timeout}, and reports any other key.
 */
final class FakeRestFactory implements ConnectorFactory {

    static final Set<String> KNOWN = Set.of("url", "method", "timeout");

    @Override
    public String type() {
        return "rest";
    }

    @Override
    public List<ConnectorConfigProblem> validate(ConnectorSpec spec) {
        List<ConnectorConfigProblem> problems = new ArrayList<>();
        String url = spec.string("url");
        if (url == null) {
            problems.add(new ConnectorConfigProblem("url", "is required"));
        } else if (!url.startsWith("https://") && !url.startsWith("http://")) {
            problems.add(new ConnectorConfigProblem("url", "must be an http(s) URL, was '" + url + "'"));
        }
        for (String key : new TreeSet<>(spec.properties().keySet())) {
            if (!KNOWN.contains(key)) {
                problems.add(new ConnectorConfigProblem(key, "unknown key for a rest connector"));
            }
        }
        return problems;
    }

    @Override
    public ProviderConnector create(ConnectorSpec spec) {
        return request -> CompletableFuture.completedFuture(new ProviderResponse(200, Map.of(), new byte[0]));
    }
}
