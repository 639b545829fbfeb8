package io.noesis.approval.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.noesis.approval.AwaitingRounds;
import io.noesis.schemas.ApprovalDecision;
import io.noesis.schemas.DecisionKind;
import io.noesis.schemas.Topics;
import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.noesis.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With no time to wait for the outcome, the API answers 202 and points at the approval; the decision is still recorded. */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
@TestProfile(UnansweredDecisionTest.NoWait.class)
class UnansweredDecisionTest {

    public static class NoWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("noesis.approval.outcome-wait", "0s");
        }
    }

    @Test
    void aDecisionWhoseOutcomeIsNotKnownInTimeIsAccepted() {
        String episodeId = "ep-" + UUID.randomUUID();
        AwaitingRounds.open(episodeId, null, null);

        String decisionId = given().auth().oauth2(TestTokens.mint("alice", Set.of("approver"), Set.of()))
                .post("/approvals/" + episodeId + "/approve").then()
                .statusCode(202)
                .header("Location", endsWith("/approvals/" + episodeId))
                .body("episode_id", equalTo(episodeId))
                .extract().path("decision_id");

        ApprovalDecision recorded = TopicClient.await(Topics.APPROVAL_DECISIONS,
                record -> record.value().getDecisionId().equals(decisionId), Duration.ofSeconds(30)).value();
        assertEquals(DecisionKind.APPROVE, recorded.getOutcome());
        assertEquals("alice", recorded.getApprover());
    }
}
