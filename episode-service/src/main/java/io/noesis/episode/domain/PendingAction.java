package io.noesis.episode.domain;

import io.noesis.schemas.ProposedAction;

/** An action an agent proposed mid-run, kept while it is evaluated and, if need be, approved. */
public record PendingAction(String actionId, String action, String description) {

    public static PendingAction of(ProposedAction proposed) {
        return new PendingAction(proposed.getActionId(), proposed.getAction(), proposed.getDescription());
    }

    public ProposedAction toRecord() {
        return new ProposedAction(actionId, action, description);
    }

    public boolean isAbout(ProposedAction proposed) {
        return proposed != null && actionId.equals(proposed.getActionId());
    }
}
