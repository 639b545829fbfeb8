package io.noesis.policy.domain;

/** A tool call or plan step an agent proposes mid-run; description may be null. */
public record ProposedAction(String actionId, String action, String description) {

    public ProposedAction {
        action = action == null ? "" : action;
    }

    /** What the policies read: the action and, when given, its description. */
    public String text() {
        return description == null || description.isBlank() ? action : action + "\n" + description;
    }
}
