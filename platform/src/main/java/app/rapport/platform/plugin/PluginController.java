package app.rapport.platform.plugin;

import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/** What plugins this service loaded and, per clinic, which are switched on. */
@Controller("/api/v1/plugins")
@Tag(name = "Plugins")
public class PluginController {

    private final PluginRegistry registry;

    public PluginController(PluginRegistry registry) {
        this.registry = registry;
    }

    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "Plugins this service loaded, built-in and from the plugin directory, with the caller's clinic's switch")
    public Page<PluginView> list(Caller caller, @Valid @RequestBean PageQuery paging) {
        List<PluginView> all = registry.list(caller.clinicId());
        int from = Math.min(all.size(), paging.pageNumber() * paging.pageSize());
        int to = Math.min(all.size(), from + paging.pageSize());
        return new Page<>(all.subList(from, to), paging.pageNumber(), paging.pageSize(), all.size());
    }

    @Put("/{name}")
    @Secured({Roles.STAFF, Roles.GROUP_ADMIN, Roles.OPS})
    @Operation(summary = "Switch a plugin on or off for the caller's clinic")
    public PluginView setEnabled(Caller caller, @PathVariable String name, @Valid @Body PluginSwitch body) {
        return registry.setEnabled(caller.clinicId(), name, body.enabled(), caller.user());
    }

    /** Request body of {@code PUT /api/v1/plugins/{name}}. */
    @Serdeable
    public record PluginSwitch(@NotNull Boolean enabled) {
    }
}
