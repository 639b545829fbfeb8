package io.noesis.approval.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The OIDC provider the approval page signs in with (Authorization Code flow with PKCE, done by the page),
 * under noesis.oidc.*. Without an issuer and a client id the page offers only the pasted bearer token.
 * The service verifies the tokens through mp.jwt.verify.* (the provider's JWKS and issuer).
 */
@ConfigMapping(prefix = "noesis.oidc")
public interface PageSignIn {

    /** The provider's issuer URL; the page reads its endpoints from issuer + /.well-known/openid-configuration. */
    Optional<String> issuer();

    /** The public client (no secret) registered at the provider for the page. */
    Optional<String> clientId();

    /** The scopes the page asks for. */
    @WithDefault("openid")
    String scope();
}
