package io.noesis.service.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.noesis.testing.MovableClock;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** A token that passed is not verified again for a while; nothing else changes what passes. */
class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    private final MovableClock clock = new MovableClock(START);
    private final VerifiedTokens tokens = new VerifiedTokens(clock, () -> clock.millis() * 1_000_000L);
    /** The tokens the real verification was asked about, in order. */
    private final List<String> verified = new ArrayList<>();

    @Test
    void aTokenThatPassedIsNotVerifiedAgain() throws ParseException {
        JsonWebToken first = tokens.verify("token-a", passing(Duration.ofMinutes(10)));
        JsonWebToken second = tokens.verify("token-a", passing(Duration.ofMinutes(10)));

        assertSame(first, second);
        assertEquals(List.of("token-a"), verified);
    }

    @Test
    void anyOtherStringIsVerifiedAfresh() throws ParseException {
        tokens.verify("header.claims.signature", passing(Duration.ofMinutes(10)));

        assertThrows(ParseException.class, () -> tokens.verify("header.claims.forged", failing()));
        assertEquals(List.of("header.claims.signature", "header.claims.forged"), verified);
    }

    @Test
    void aRefusalIsNotKept() {
        assertThrows(ParseException.class, () -> tokens.verify("token-a", failing()));
        assertThrows(ParseException.class, () -> tokens.verify("token-a", failing()));

        assertEquals(List.of("token-a", "token-a"), verified);
    }

    @Test
    void anExpiredTokenIsVerifiedAgainAndSoRefused() throws ParseException {
        tokens.verify("token-a", passing(Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(30));

        assertThrows(ParseException.class, () -> tokens.verify("token-a", failing()));
        assertEquals(List.of("token-a", "token-a"), verified);
    }

    @Test
    void nothingIsKeptLongerThanAMinute() throws ParseException {
        tokens.verify("token-a", passing(Duration.ofHours(4)));
        clock.advance(VerifiedTokens.LONGEST_KEPT.minusSeconds(1));
        tokens.verify("token-a", passing(Duration.ofHours(4)));
        clock.advance(Duration.ofSeconds(1));
        tokens.verify("token-a", passing(Duration.ofHours(4)));

        assertEquals(List.of("token-a", "token-a"), verified);
    }

    /** A verification that passes the token, expiring it at the given time from now. */
    private VerifiedTokens.Verification passing(Duration lifetime) {
        return token -> {
            verified.add(token);
            JwtClaims claims = new JwtClaims();
            claims.setSubject("alice");
            claims.setExpirationTime(NumericDate.fromSeconds(clock.instant().plus(lifetime).getEpochSecond()));
            return new DefaultJWTCallerPrincipal(token, "JWT", claims);
        };
    }

    private VerifiedTokens.Verification failing() {
        return token -> {
            verified.add(token);
            throw new ParseException("refused");
        };
    }
}
