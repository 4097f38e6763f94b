package dev.tessera.portal.web;

import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Signing out: the Sign out button posts here with its CSRF token, so another site cannot sign a user
 * out. Only then is the session cookie removed and the browser sent to the identity provider's end-session
 * endpoint (RP-initiated logout), which ends the single sign-on session too and comes back to
 * {@code /signed-out} on the origin the browser used. quarkus-oidc's own logout path is not used: it
 * runs before any of the portal's code could check the token.
 */
@Path("/logout")
public class Logout {

    @Inject
    Csrf csrf;

    @Inject
    OidcSession session;

    @Inject
    OidcConfigurationMetadata provider;

    @ConfigProperty(name = "quarkus.oidc.client-id")
    String clientId;

    @POST
    @Blocking
    public Response logout(@RestForm(Csrf.FIELD) String token, @Context UriInfo uri) {
        csrf.verify(token);
        String idToken =
                session.getIdToken() == null ? null : session.getIdToken().getRawToken();
        session.logout().await().indefinitely();
        UriBuilder end = UriBuilder.fromUri(provider.getEndSessionUri())
                .queryParam("client_id", clientId)
                .queryParam(
                        "post_logout_redirect_uri",
                        uri.getBaseUriBuilder().path("signed-out").build());
        if (idToken != null) {
            end.queryParam("id_token_hint", idToken);
        }
        return Response.seeOther(end.build()).build();
    }
}
