package app.rapport.outreach;

import app.rapport.platform.RapportApplication;
import app.rapport.platform.plugin.PluginController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Rapport outreach-service: thank-yous, networking cadence, gestures and the gift ledger. */
@OpenAPIDefinition(
        info = @Info(title = "Rapport outreach-service", version = "v1",
                description = "Thank-yous, networking cadence, gestures and the gift ledger. Every endpoint except health needs a bearer token naming the clinic."),
        security = @SecurityRequirement(name = "bearer"))
// The platform's endpoints are compiled in its own jar; include them in this service's document.
@OpenAPIInclude(classes = PluginController.class, tags = @io.swagger.v3.oas.annotations.tags.Tag(name = "Plugins"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class OutreachApplication {

    private OutreachApplication() {
    }

    public static void main(String[] args) {
        RapportApplication.run(OutreachApplication.class, args);
    }
}
