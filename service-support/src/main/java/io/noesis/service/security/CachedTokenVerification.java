package io.noesis.service.security;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decorates SmallRye JWT's parser, which verifies every request's bearer token, so that a token that
 * passed is not verified again for a while ({@link VerifiedTokens}). The other methods (explicit keys,
 * decryption) go straight to the parser.
 */
@Decorator
@Priority(1)
public abstract class CachedTokenVerification implements JWTParser {

    private final VerifiedTokens tokens = new VerifiedTokens(Clock.systemUTC(), Ticker.systemTicker());

    @Inject
    @Delegate
    JWTParser parser;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return tokens.verify(token, parser::parse);
    }
}
