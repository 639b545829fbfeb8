package io.noesis.audit.domain;

import io.noesis.schemas.EpisodeCommand;

/** A service told the agent runtime what to do. */
public final class CommandNarrator implements Narrator<EpisodeCommand> {

    @Override
    public Narration narrate(EpisodeCommand command) {
        String task = command.getTask() == null ? "" : " for task " + Wording.quoted(command.getTask());
        String approvers = command.getApprovers().isEmpty() ? "" : ", approved by " + String.join(", ", command.getApprovers());
        return new Narration(Wording.orUnknown(command.getIssuedBy()), command.getType().name(),
                "command " + command.getCommandId() + task + approvers + Wording.reason(command.getReason()));
    }
}
