package io.noesis.approval.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.CommandType;
import io.noesis.schemas.DecisionChannel;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The approval page in a real browser: src/test/browser/reject-scenario.mjs signs in with a pasted token and
 * rejects an episode. Skipped, saying why, where node or Chromium is missing.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class WebPageTest {

    private static final String TASK = "drop the invoices table";
    private static final String ADVICE = "ask the data owner first";
    private static final String REASON = "no backup of the invoices";

    @TestHTTPResource("/")
    URL page;

    @Test
    void anApproverSignsInSeesAnEpisodeArriveAndRejectsIt() throws Exception {
        BrowserScenario.assumeABrowser();
        String episodeId = "ep-" + UUID.randomUUID();

        BrowserScenario browser = BrowserScenario.start("reject-scenario.mjs", page.toString(),
                Map.of("NOESIS_TOKEN", TestTokens.mint("wendy", Set.of("approver"), Set.of("sre"))),
                episodeId, TASK, ADVICE, REASON);
        browser.awaitLine("SIGNED_IN");
        PendingEpisodes.publish(episodeId, TASK, ADVICE);
        browser.awaitLine("REJECTED");
        browser.assertSucceeded();

        EpisodeCommand reject = TopicClient.await(Topics.EPISODE_COMMANDS,
                record -> episodeId.equals(record.key()), Duration.ofSeconds(30)).value();
        assertEquals(CommandType.REJECT, reject.getType());
        assertEquals(REASON, reject.getReason());
        assertEquals(List.of("wendy"), reject.getApprovers());
        ApprovalDecision decision = TopicClient.await(Topics.APPROVAL_DECISIONS,
                record -> episodeId.equals(record.key()), Duration.ofSeconds(30)).value();
        assertEquals(DecisionChannel.WEB, decision.getChannel());
    }
}
