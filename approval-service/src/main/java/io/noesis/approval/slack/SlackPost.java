package io.noesis.approval.slack;

import io.noesis.approval.domain.PendingApproval;

/**
 * A posted approval message: where it is (the channel id and message ts from chat.postMessage, which
 * chat.update needs) and the round it shows, so the update can keep describing it.
 */
public record SlackPost(String channel, String ts, PendingApproval round) {
}
