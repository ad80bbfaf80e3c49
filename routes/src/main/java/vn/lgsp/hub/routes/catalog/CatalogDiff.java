package vn.lgsp.hub.routes.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.Participant;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;

/**
 * What a reload changed: services and subscriptions added, removed or changed (by address / id), and
 * participants added or removed. Its {@link #toString()} is the summary logged and audited.
 */
public record CatalogDiff(Changes services, Changes subscriptions, Changes participants) {

    /** Keys added, removed and changed, each sorted. */
    public record Changes(Set<String> added, Set<String> removed, Set<String> changed) {
        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            added.forEach(k -> parts.add("+" + k));
            removed.forEach(k -> parts.add("-" + k));
            changed.forEach(k -> parts.add("~" + k));
            return String.join(" ", parts);
        }
    }

    public static CatalogDiff between(Catalog before, Catalog after) {
        return new CatalogDiff(
                changes(before.services(), after.services(), ServiceDefinition::key),
                changes(before.subscriptions(), after.subscriptions(), SubscriptionDefinition::id),
                changes(before.participants(), after.participants(), Participant::code));
    }

    private static <T> Changes changes(Iterable<T> before, Iterable<T> after, Function<T, String> key) {
        Map<String, T> old = new TreeMap<>();
        before.forEach(t -> old.put(key.apply(t), t));
        Map<String, T> now = new TreeMap<>();
        after.forEach(t -> now.put(key.apply(t), t));
        Set<String> added = new TreeSet<>(now.keySet());
        added.removeAll(old.keySet());
        Set<String> removed = new TreeSet<>(old.keySet());
        removed.removeAll(now.keySet());
        Set<String> changed = new TreeSet<>();
        now.forEach((k, v) -> {
            if (old.containsKey(k) && !old.get(k).equals(v)) {
                changed.add(k);
            }
        });
        return new Changes(added, removed, changed);
    }

    @Override
    public String toString() {
        if (services.isEmpty() && subscriptions.isEmpty() && participants.isEmpty()) {
            return "no service, subscription or participant changed";
        }
        List<String> parts = new ArrayList<>();
        if (!participants.isEmpty()) {
            parts.add("participants " + participants);
        }
        if (!services.isEmpty()) {
            parts.add("services " + services);
        }
        if (!subscriptions.isEmpty()) {
            parts.add("subscriptions " + subscriptions);
        }
        return String.join("; ", parts);
    }
}
