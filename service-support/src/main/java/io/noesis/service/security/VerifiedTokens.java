package io.noesis.service.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens already verified, so that a caller's repeated requests with one token do not each pay
 * for its RSA signature check: with the services' first-tier JIT that check took 29 of approval-service's
 * 104 CPU samples while decisions came at 200 a second (docs/performance.md).
 * <p>
 * What keeps this as strict as verifying every time:
 * <ul>
 * <li>a token is found only by its whole compact form, signature included, so any other string is verified afresh;</li>
 * <li>only tokens that passed are kept, never a refusal;</li>
 * <li>a kept token is honoured only before its expiry time, after which it is verified again (and refused);</li>
 * <li>nothing is kept longer than {@link #LONGEST_KEPT}: a token is checked again, against the keys the
 * service then holds, at least that often.</li>
 * </ul>
 */
public final class VerifiedTokens {

    /** Tokens verified within this time are not verified again. */
    public static final Duration LONGEST_KEPT = Duration.ofSeconds(60);
    /** A few thousand callers' tokens at most, a few KB each. */
    static final int CAPACITY = 2_000;

    /** The check a token passes or fails: the signature, the issuer, the times. */
    @FunctionalInterface
    public interface Verification {
        JsonWebToken verify(String token) throws ParseException;
    }

    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    /**
     * @param clock  the wall clock the tokens' expiry times are read against
     * @param ticker the monotonic time that bounds how long a token is kept, so that the wall clock set back
     *               cannot keep one longer
     */
    public VerifiedTokens(Clock clock, Ticker ticker) {
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(CAPACITY)
                .expireAfterWrite(LONGEST_KEPT)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** The token's claims: those kept if it passed recently and has not expired since, else the verification's. */
    public JsonWebToken verify(String token, Verification verification) throws ParseException {
        JsonWebToken kept = verified.getIfPresent(token);
        if (kept != null && clock.instant().getEpochSecond() < kept.getExpirationTime()) {
            return kept;
        }
        JsonWebToken passed = verification.verify(token);
        verified.put(token, passed);
        return passed;
    }
}
