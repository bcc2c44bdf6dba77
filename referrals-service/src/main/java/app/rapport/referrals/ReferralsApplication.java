package app.rapport.referrals;

import app.rapport.platform.RapportApplication;
import app.rapport.platform.plugin.PluginController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Rapport referrals-service: referrals received and sent, their status until the loop is closed, visits, partner intake links. */
@OpenAPIDefinition(
        info = @Info(title = "Rapport referrals-service", version = "v1",
                description = "Referrals received and sent, their status until the loop is closed, visits, partner intake links. Every endpoint except health needs a bearer token naming the clinic."),
        security = @SecurityRequirement(name = "bearer"))
// The platform's endpoints are compiled in its own jar; include them in this service's document.
@OpenAPIInclude(classes = PluginController.class, tags = @io.swagger.v3.oas.annotations.tags.Tag(name = "Plugins"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class ReferralsApplication {

    private ReferralsApplication() {
    }

    public static void main(String[] args) {
        RapportApplication.run(ReferralsApplication.class, args);
    }
}
