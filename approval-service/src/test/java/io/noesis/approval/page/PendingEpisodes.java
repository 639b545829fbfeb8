package io.noesis.approval.page;

import io.noesis.schemas.ApprovalAwaited;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EvaluationSubject;
import io.noesis.schemas.Intervention;
import io.noesis.schemas.InterventionPatch;
import io.noesis.schemas.InterventionTarget;
import io.noesis.schemas.IntuitionApplied;
import io.noesis.schemas.Topics;
import io.noesis.testing.TopicClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Episodes awaiting approval, written to the episode log as the pages under test would see them arrive. */
final class PendingEpisodes {

    private PendingEpisodes() {
    }

    /** A round for approver group sre that opens now, as episode-service writes it: the advice, then the pause. */
    static void publish(String episodeId, String task, String advice) {
        String evaluationId = "eval-" + episodeId;
        Intervention intervention = Intervention.newBuilder()
                .setPolicy("high-risk-keywords")
                .setPolicyVersion("1")
                .setAdvice(advice)
                .setPatch(new InterventionPatch(true, "high-risk keyword: drop"))
                .setTarget(InterventionTarget.PLAN)
                .setRationale("drop destroys data")
                .setApproverGroup("sre")
                .build();
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, event(episodeId, 3, EpisodeEventType.INTUITION,
                new IntuitionApplied(evaluationId, "rules-1", intervention)));
        TopicClient.send(Topics.EPISODE_EVENTS, episodeId, event(episodeId, 4, EpisodeEventType.AWAITING_APPROVAL,
                ApprovalAwaited.newBuilder()
                        .setEvaluationId(evaluationId)
                        .setSubject(EvaluationSubject.REQUEST)
                        .setTask(task)
                        .setRequestedBy("rita")
                        .setRiskScore(0.9)
                        .setRequiredApprovals(1)
                        .setApproverGroup("sre")
                        .setDeadline(Instant.now().plus(Duration.ofHours(1)))
                        .setReasons(List.of("high-risk keyword: drop"))
                        .build()));
    }

    private static EpisodeEvent event(String episodeId, long sequence, EpisodeEventType type, Object payload) {
        return EpisodeEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEpisodeId(episodeId)
                .setSequence(sequence)
                .setType(type)
                .setTime(Instant.now())
                .setSource("test")
                .setPayload(payload)
                .build();
    }
}
