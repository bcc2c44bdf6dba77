package app.rapport.referrals.web;

import app.rapport.platform.plugin.PluginRegistry;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.ProblemException;
import app.rapport.referrals.domain.VisitImports;
import app.rapport.referrals.plugin.VisitImporter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** Imports visits through a visit importer plugin, answering line by line. */
@Controller("/api/v1/visit-imports")
@Secured({Roles.STAFF, Roles.CLINICIAN})
@Tag(name = "Visits")
public class VisitImportController {

    private final List<VisitImporter> adapters;
    private final PluginRegistry plugins;
    private final VisitImports importer;

    public VisitImportController(List<VisitImporter> adapters, PluginRegistry plugins, VisitImports importer) {
        this.adapters = adapters;
        this.plugins = plugins;
        this.importer = importer;
    }

    @Post(consumes = {"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import visits from another system's export, e.g. ?adapter=csv-visit-import with text/csv")
    public ImportReport importVisits(Caller caller, @QueryValue String adapter, @Nullable @Body String body) {
        VisitImporter chosen = plugins.enabledFor(caller.clinicId(), adapters).stream()
                .filter(a -> a.name().equals(adapter)).findFirst()
                .orElseThrow(() -> ProblemException.invalidField("adapter", "no visit importer '" + adapter
                        + "' is loaded and switched on for this clinic (see GET /api/v1/plugins)"));
        if (body == null || body.isBlank()) {
            throw ProblemException.invalidField("body", "the export is empty");
        }
        List<VisitImports.LineReport> lines = importer.importVisits(caller.clinicId(), caller.user(), chosen, body);
        return new ImportReport(chosen.name(), count(lines, VisitImports.LineOutcome.IMPORTED),
                count(lines, VisitImports.LineOutcome.DUPLICATE), count(lines, VisitImports.LineOutcome.REJECTED),
                lines.stream().map(l -> new LineView(l.line(), l.outcome().name(), l.referralId(), l.visitId(),
                        l.visitNumber(), l.reason())).toList());
    }

    private static int count(List<VisitImports.LineReport> lines, VisitImports.LineOutcome outcome) {
        return (int) lines.stream().filter(l -> l.outcome() == outcome).count();
    }

    @Serdeable
    public record ImportReport(String adapter, int imported, int duplicates, int rejected, List<LineView> lines) {
    }

    @Serdeable
    public record LineView(int line, String outcome, @Nullable String referralId, @Nullable String visitId,
                           @Nullable Integer visitNumber, @Nullable String reason) {
    }
}
