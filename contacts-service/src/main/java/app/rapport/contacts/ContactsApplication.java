package app.rapport.contacts;

import app.rapport.platform.RapportApplication;
import app.rapport.platform.plugin.PluginController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Rapport contacts-service: the directory of referral partners, introductions, clinic profile and referral packet. */
@OpenAPIDefinition(
        info = @Info(title = "Rapport contacts-service", version = "v1",
                description = "The directory of referral partners, introductions, clinic profile and referral packet. Every endpoint except health needs a bearer token naming the clinic."),
        security = @SecurityRequirement(name = "bearer"))
// The platform's endpoints are compiled in its own jar; include them in this service's document.
@OpenAPIInclude(classes = PluginController.class, tags = @io.swagger.v3.oas.annotations.tags.Tag(name = "Plugins"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class ContactsApplication {

    private ContactsApplication() {
    }

    public static void main(String[] args) {
        RapportApplication.run(ContactsApplication.class, args);
    }
}
