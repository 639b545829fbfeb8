package io.noesis.system;

import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRejected;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.EpisodeResumed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The episodes as an independent reader folds them from the episode log alone: what episode-service's
 * view must equal. Folded here, not with episode-service's code, so that the comparison means something.
 */
final class EpisodeLogReplay {

    /** One episode as its events tell it. */
    static final class Episode {
        private final List<EpisodeEvent> events = new ArrayList<>();
        private String status;
        private String task;
        private String requestedBy;
        private Instant createdAt;
        private Instant updatedAt;
        private List<String> approvers = List.of();
        private List<String> decisionIds = List.of();

        List<EpisodeEvent> events() {
            return events;
        }

        String status() {
            return status;
        }

        String task() {
            return task;
        }

        String requestedBy() {
            return requestedBy;
        }

        Instant createdAt() {
            return createdAt;
        }

        Instant updatedAt() {
            return updatedAt;
        }

        List<String> approvers() {
            return approvers;
        }

        List<String> decisionIds() {
            return decisionIds;
        }

        /** The terminal events in the log: exactly one for an episode that ended. */
        List<EpisodeEventType> endings() {
            return events.stream().map(EpisodeEvent::getType).filter(EpisodeLogWatch.ENDINGS::contains).toList();
        }

        /** Whether the sequence numbers run 1, 2, 3... without a gap or a repeat. */
        boolean hasGaplessSequence() {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).getSequence() != i + 1) {
                    return false;
                }
            }
            return true;
        }

        private void apply(EpisodeEvent event) {
            if (event.getType() == EpisodeEventType.TRANSITION_REFUSED) {
                // A refusal takes a sequence number but changes nothing else.
                events.add(event);
                return;
            }
            events.add(event);
            updatedAt = event.getTime();
            status = statusAfter(event.getType(), status);
            if (event.getPayload() instanceof EpisodeRequested requested) {
                task = requested.getTask();
                requestedBy = requested.getRequestedBy();
                createdAt = event.getTime();
            } else if (event.getPayload() instanceof EpisodeResumed resumed) {
                approvers = resumed.getApprovers();
                decisionIds = resumed.getDecisionIds();
            } else if (event.getPayload() instanceof EpisodeRejected rejected) {
                approvers = rejected.getApprovers();
                decisionIds = rejected.getDecisionIds();
            }
        }

        private static String statusAfter(EpisodeEventType type, String current) {
            return switch (type) {
                case REQUESTED -> "REQUESTED";
                case EVALUATING, ACTION_PROPOSED -> "EVALUATING";
                case AWAITING_APPROVAL -> "AWAITING_APPROVAL";
                case STARTED, RESUMED, STEP -> "RUNNING";
                case COMPLETED, FAILED, REJECTED, EXPIRED, CANCELLED -> type.name();
                case INTUITION, TRANSITION_REFUSED, REQUEST_REFUSED -> current;
            };
        }
    }

    /**
     * Folds the records of the episode log, in the order each partition holds them, by episode id. Refusals
     * outside any episode's log (sequence 0: a request refused, a command for an unknown episode) are left out.
     */
    static Map<String, Episode> of(List<ConsumerRecord<String, EpisodeEvent>> log) {
        Map<String, Episode> episodes = new HashMap<>();
        for (ConsumerRecord<String, EpisodeEvent> record : log) {
            EpisodeEvent event = record.value();
            if (event != null && event.getSequence() > 0) {
                episodes.computeIfAbsent(record.key(), id -> new Episode()).apply(event);
            }
        }
        return episodes;
    }

    private EpisodeLogReplay() {
    }
}
