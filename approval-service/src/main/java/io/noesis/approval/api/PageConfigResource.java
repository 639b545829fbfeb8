package io.noesis.approval.api;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the approval page needs before anyone signs in: the OIDC provider to offer, if one is configured. */
@Path("/page/config")
@Produces(MediaType.APPLICATION_JSON)
public class PageConfigResource {

    /** The provider as the page uses it: offered with both its issuer and the page's client id, or not at all. */
    public record Oidc(String issuer, String clientId, String scope) {
    }

    /** oidc is null when the page signs in with a pasted token only. */
    public record PageConfig(Oidc oidc) {
    }

    @Inject
    PageSignIn signIn;

    @GET
    @PermitAll
    public PageConfig config() {
        Oidc oidc = signIn.issuer().isPresent() && signIn.clientId().isPresent()
                ? new Oidc(signIn.issuer().get(), signIn.clientId().get(), signIn.scope())
                : null;
        return new PageConfig(oidc);
    }
}
