package io.noesis.approval.api;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.noesis.testing.NoesisTestResource;
import io.noesis.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The service's token verification goes through service-support's cache of verified tokens
 * (VerifiedTokensTest has its rules); forged tokens are refused in HostileRequestsTest.
 */
@QuarkusTest
@WithTestResource(NoesisTestResource.class)
class TokenVerificationTest {

    @Inject
    JWTParser parser;

    @Test
    void aTokenThatPassedIsNotVerifiedAgain() throws ParseException {
        String token = TestTokens.withEveryRole("ada");

        assertSame(parser.parse(token), parser.parse(token));
    }
}
