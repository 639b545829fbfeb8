package io.noesis.approval.domain;

import java.util.List;

/**
 * What the approval service tells agent runtimes to do with a paused episode.
 *
 * @param commandId deterministic per round and kind, so a replayed command is recognisable
 * @param task      the episode's task, so an agent resuming it needs nothing but the command
 * @param action    the proposed step the round was about, or null when it was the whole request
 */
public record Command(
        String commandId,
        String episodeId,
        Kind kind,
        String task,
        PendingApproval.ProposedStep action,
        List<String> decisionIds,
        List<String> approvers,
        String reason) {

    public enum Kind {
        RESUME,
        REJECT,
        EXPIRE
    }

    public Command {
        decisionIds = List.copyOf(decisionIds);
        approvers = List.copyOf(approvers);
    }

    static Command of(Kind kind, PendingApproval round, List<String> decisionIds, List<String> approvers, String reason) {
        String commandId = round.episodeId() + "-" + round.evaluationId() + "-" + kind.name().toLowerCase();
        return new Command(commandId, round.episodeId(), kind, round.task(), round.action(), decisionIds, approvers, reason);
    }
}
