package io.noesis.approval.slack;

import io.noesis.approval.domain.SlackSignature;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.RequestCases;
import io.noesis.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With Slack configured, requests with bearer tokens (valid, forged, without roles) and Slack callbacks
 * (signed, forged, stale) leave neither a token, nor the Slack signing secret, nor the bot token in the
 * service's log or in any answer.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
@WithTestResource(FakeSlack.class)
class SecretsTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";

    @TestHTTPResource("/")
    URI root;

    @Test
    void neitherTokensNorSlackSecretsAppearInTheLogOrAnswers() {
        String body = interaction("ep-secrets-unknown");
        String now = Long.toString(Instant.now().getEpochSecond());
        String stale = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        SlackSignature slack = new SlackSignature(FakeSlack.SIGNING_SECRET);
        RequestCases requests = new RequestCases(root)
                .add("queue", "GET", "/approvals", null, null)
                .add("approve", "POST", "/approvals/ep-secrets-unknown/approve", JSON, "{\"reason\": \"fine\"}")
                .add("reject", "POST", "/approvals/ep-secrets-unknown/reject", JSON, "{\"reason\": \"no\"}")
                .add("signed Slack click", "POST", "/slack/interactions", FORM, body, slackHeaders(now, slack.sign(now, body)))
                .add("forged Slack click", "POST", "/slack/interactions", FORM, body,
                        slackHeaders(now, new SlackSignature("not-the-secret").sign(now, body)))
                .add("stale Slack click", "POST", "/slack/interactions", FORM, body, slackHeaders(stale, slack.sign(stale, body)))
                .add("unsigned Slack click", "POST", "/slack/interactions", FORM, body);

        requests.assertSecretsNeverEchoed(List.of(TestTokens.withEveryRole("bob"), TestTokens.withoutRoles("nobody")),
                List.of(FakeSlack.SIGNING_SECRET, FakeSlack.BOT_TOKEN));
    }

    private static Map<String, String> slackHeaders(String timestamp, String signature) {
        return Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", signature);
    }

    private static String interaction(String episodeId) {
        String payload = """
                {"type": "block_actions", "user": {"id": "U0SAM", "username": "sam"}, "team": {"id": "T0FAKE"},
                 "channel": {"id": "%s"}, "message": {"ts": "%s"},
                 "actions": [{"action_id": "approve", "block_id": "decision", "value": "%s", "type": "button",
                              "action_ts": "1700000100.000200"}]}
                """.formatted(FakeSlack.POSTED_CHANNEL_ID, FakeSlack.POSTED_TS, episodeId);
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }
}
