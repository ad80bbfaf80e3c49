package vn.lgsp.hub.routes.privacy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.PersonalDataSpec;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.catalog.TopicDefinition;
import vn.lgsp.hub.core.connector.ProviderResponse;
import vn.lgsp.hub.core.exchange.HeaderPolicy;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.core.privacy.PayloadVault;
import vn.lgsp.hub.core.privacy.SubjectExtractor;
import vn.lgsp.hub.core.privacy.SubjectKeys;
import vn.lgsp.hub.routes.async.RecordPublisher;
import vn.lgsp.hub.routes.http.ExchangeContext;

/**
 * The personal-data steps of the sync and publish flows (DESIGN.md: authorize -> purpose check -> validate).
 * For a service or topic declaring {@code personal-data}: the subject ids are read from the body at the
 * declared path and only their keyed hashes ({@link SubjectKeys}) are kept, in the {@link ExchangeContext} for
 * the CALL/REJECT/PUBLISH audit records; the caller's {@code X-Purpose} must be one of the declared purposes
 * (exact match), else {@code 400 PURPOSE_REQUIRED} and nothing is forwarded.
 *
 * <p>Subjects are read before the purpose is checked, so a refused attempt is still traceable to the person
 * in the data-usage report. A body with no subject at the path is forwarded with no subject keys; a body that
 * cannot be read as the path's format (JSON or XML) is refused ({@code 400 MALFORMED_BODY}), as is one naming
 * more subjects than an audit record holds ({@code 413}). Subject ids are never logged nor put in a problem.
 */
@Component
public class PersonalDataSteps {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataSteps.class);
    private static final Pattern PURPOSE_FORMAT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private final SubjectKeys subjectKeys;
    private final PayloadRecorder payloads;
    private final Map<String, SubjectExtractor> extractors = new ConcurrentHashMap<>();

    public PersonalDataSteps(SubjectKeys subjectKeys, PayloadRecorder payloads) {
        this.subjectKeys = subjectKeys;
        this.payloads = payloads;
    }

    /** Sync step after authorize: subjects of the request, then the purpose check. */
    public void checkService(Exchange exchange) {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        ServiceDefinition service = ctx.service();
        PersonalDataSpec spec = service.personalData();
        if (spec == null) {
            return;
        }
        String unreadable = null;
        List<String> keys = List.of();
        try {
            keys = keysOf(extractor(spec.subject()).extract(ctx.body()));
        } catch (SubjectExtractor.UnreadableBodyException e) {
            unreadable = e.getMessage();
        }
        ctx.subjectKeys(SubjectKeys.join(keys.subList(0, Math.min(keys.size(), SubjectKeys.MAX_PER_RECORD))));
        requirePurpose(ctx, spec, service.key());
        if (unreadable != null) {
            throw new HubException(HubError.MALFORMED_BODY, unreadable + "; " + service.key()
                    + " carries personal data, so its subject must be readable at " + spec.subject());
        }
        requireFew(keys.size(), "this request");
    }

    /** Publish step after authorize: the purpose check (subjects are read per record by {@link #withSubjects}). */
    public void checkTopic(ExchangeContext ctx, TopicDefinition topic) {
        if (topic.personalData() != null) {
            requirePurpose(ctx, topic.personalData(), topic.key());
        }
    }

    /** The records with their subject keys (unchanged when the topic declares no personal data). */
    public List<RecordPublisher.OutgoingRecord> withSubjects(TopicDefinition topic,
                                                             List<RecordPublisher.OutgoingRecord> records) {
        if (topic.personalData() == null) {
            return records;
        }
        SubjectExtractor extractor = extractor(topic.personalData().subject());
        List<RecordPublisher.OutgoingRecord> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            RecordPublisher.OutgoingRecord record = records.get(i);
            List<String> keys;
            try {
                keys = keysOf(extractor.extract(record.bytes()));
            } catch (SubjectExtractor.UnreadableBodyException e) {
                throw new HubException(HubError.MALFORMED_BODY, e.getMessage());
            }
            requireFew(keys.size(), records.size() == 1 ? "this record" : "the record at index " + i);
            out.add(new RecordPublisher.OutgoingRecord(record.bytes(), record.json(), SubjectKeys.join(keys)));
        }
        return out;
    }

    /**
     * After the provider answered (response null when it could not be reached): adds the subjects of the
     * response when the service declares {@code response-subject}, and stores the bodies when payload storage is on.
     */
    public void called(ExchangeContext ctx, ProviderResponse response) {
        PersonalDataSpec spec = ctx.service().personalData();
        if (spec != null && spec.responseSubject() != null && response != null
                && response.status() >= 200 && response.status() < 300) {
            addResponseSubjects(ctx, spec, response.body());
        }
        payloads.record(ctx.exchangeId(), "CALL", PayloadVault.Direction.REQUEST, ctx.body());
        if (response != null) {
            payloads.record(ctx.exchangeId(), "CALL", PayloadVault.Direction.RESPONSE, response.body());
        }
    }

    /** Stores a published record's body when payload storage is on. */
    public void published(String exchangeId, byte[] record) {
        payloads.record(exchangeId, "PUBLISH", PayloadVault.Direction.REQUEST, record);
    }

    private void addResponseSubjects(ExchangeContext ctx, PersonalDataSpec spec, byte[] body) {
        List<String> found;
        try {
            found = keysOf(extractor(spec.responseSubject()).extract(body));
        } catch (SubjectExtractor.UnreadableBodyException e) {
            LOG.warn("Exchange {}: the response of {} could not be read for its subjects ({}); audited with the "
                    + "request's subjects only", ctx.exchangeId(), ctx.service().key(), e.getMessage());
            return;
        }
        Set<String> all = new LinkedHashSet<>(SubjectKeys.split(ctx.subjectKeys()));
        all.addAll(found);
        if (all.size() > SubjectKeys.MAX_PER_RECORD) {
            LOG.warn("Exchange {}: {} subjects in request and response of {}; the audit record keeps the first {}",
                    ctx.exchangeId(), all.size(), ctx.service().key(), SubjectKeys.MAX_PER_RECORD);
        }
        ctx.subjectKeys(SubjectKeys.join(all.stream().limit(SubjectKeys.MAX_PER_RECORD).toList()));
    }

    private void requirePurpose(ExchangeContext ctx, PersonalDataSpec spec, String what) {
        String purpose = ctx.header(HeaderPolicy.PURPOSE);
        String accepted = " (accepted: " + String.join(", ", spec.purposes()) + ")";
        if (purpose == null || purpose.isBlank()) {
            throw new HubException(HubError.PURPOSE_REQUIRED, what + " carries personal data: send the purpose of "
                    + "this request in X-Purpose" + accepted);
        }
        purpose = purpose.trim();
        if (!spec.purposes().contains(purpose)) {
            String shown = PURPOSE_FORMAT.matcher(purpose).matches() ? "'" + purpose + "'" : "the X-Purpose value";
            throw new HubException(HubError.PURPOSE_REQUIRED, shown + " is not a purpose accepted by " + what + accepted);
        }
        ctx.purpose(purpose);
    }

    private static void requireFew(int count, String what) {
        if (count > SubjectKeys.MAX_PER_RECORD) {
            throw new HubException(HubError.PAYLOAD_TOO_LARGE, what + " names " + count
                    + " data subjects; one exchange may concern at most " + SubjectKeys.MAX_PER_RECORD);
        }
    }

    private List<String> keysOf(List<String> subjectIds) {
        return subjectKeys.keys(subjectIds);
    }

    private SubjectExtractor extractor(String path) {
        return extractors.computeIfAbsent(path, SubjectExtractor::compile);
    }
}
