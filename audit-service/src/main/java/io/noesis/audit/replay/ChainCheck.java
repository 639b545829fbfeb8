package io.noesis.audit.replay;

import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.ChainVerifier;
import io.noesis.audit.streams.AuditRecords;
import io.noesis.schemas.AuditRecord;
import io.noesis.schemas.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Verifies the hash chain of an audit log topic in one pass, stopping at the first broken link. */
public final class ChainCheck {

    /** Intact over checked links, or broken at a place for a reason. */
    public record Result(boolean intact, long checked, LogPlace brokenAt, Long brokenPosition, String reason)
            implements ReplayResult {

        @Override
        public boolean passed() {
            return intact;
        }
    }

    /**
     * @param from the first record time to check, or null for the whole log; a check from the beginning
     *             also proves that the first link follows the genesis hash
     */
    public static Result run(Map<String, Object> clientConfig, ReplayDeserializers deserializers, String logTopic, Instant from,
            Progress progress) {
        try (TopicScan<AuditRecord> log = TopicScan.open(clientConfig, logTopic,
                deserializers.of(Topics.AUDIT_LOG), from)) {
            return verify(log, from == null ? ChainVerifier.fromGenesis() : ChainVerifier.fromFirstLink(), progress);
        }
    }

    private static Result verify(TopicScan<AuditRecord> log, ChainVerifier verifier, Progress progress) {
        progress.expect(log.span());
        AtomicReference<Result> broken = new AtomicReference<>();
        log.forEach(record -> {
            progress.advance();
            if (record.value() == null) {
                broken.set(new Result(false, verifier.checked(), LogPlace.of(record), null, "a record without a value"));
                return false;
            }
            ChainLink link = AuditRecords.toLink(record.value());
            Optional<String> reason = verifier.check(link);
            reason.ifPresent(why -> broken.set(new Result(false, verifier.checked(), LogPlace.of(record),
                    link.position(), why)));
            return reason.isEmpty();
        });
        return broken.get() != null ? broken.get() : new Result(true, verifier.checked(), null, null, null);
    }

    private ChainCheck() {
    }
}
