package io.noesis.approval.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The Slack integration's settings, under noesis.slack.*; off unless enabled. */
@ConfigMapping(prefix = "noesis.slack")
public interface SlackSettings {

    /** Whether rounds are announced in Slack and Slack interactions are accepted. */
    @WithDefault("false")
    boolean enabled();

    /** The Slack Web API's base URL, ending in a slash. */
    @WithDefault("https://slack.com/api/")
    String apiUrl();

    /** The bot token (xoxb-…) that posts and updates the messages. */
    Optional<String> botToken();

    /** The secret Slack signs interaction callbacks with; without it every callback is refused. */
    Optional<String> signingSecret();

    /** The channel that approval requests are posted to. */
    @WithDefault("#approvals")
    String channel();

    /** How long an interaction waits for the decision's outcome before the message says it is still being judged. */
    @WithDefault("2s")
    Duration outcomeWait();

    /** The approver each Slack user id stands for: noesis.slack.users.U0123=alice. */
    Map<String, String> users();

    /** The approver groups of each Slack user id, comma-separated: noesis.slack.groups.U0123=sre,dba. */
    Map<String, String> groups();
}
