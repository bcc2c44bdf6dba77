package app.rapport.contacts.web;

import app.rapport.contacts.domain.PractitionerImports;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Imports a partner list through the practitioner-importer plugin for its format. */
@Controller("/api/v1/practitioner-imports")
@Tag(name = "Practitioners")
public class PractitionerImportController {

    private final PractitionerImports imports;

    public PractitionerImportController(PractitionerImports imports) {
        this.imports = imports;
    }

    @Post
    @Consumes({"text/csv", "text/plain"})
    @Secured(Roles.STAFF)
    @Operation(summary = "Import a partner list; good rows are entered, duplicates and bad rows are reported by line")
    public ImportReport importList(Caller caller, @QueryValue @NotBlank @Size(max = 20) String format,
                                   @Body String body) {
        var report = imports.run(caller.clinicId(), caller.user(), format.strip(), body);
        return new ImportReport(report.format(), report.importer(), report.imported(), report.importedIds(),
                report.duplicates().stream().map(d -> new DuplicateRow(d.line(), d.existingId())).toList(),
                report.rejected().stream().map(r -> new RejectedRow(r.line(), r.reason())).toList());
    }

    /** What an import did: how many partners it entered, which lines were already known, which were refused. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ImportReport(String format, String importer, int imported, List<String> importedIds,
                               List<DuplicateRow> duplicates, List<RejectedRow> rejected) {
    }

    @Serdeable
    public record DuplicateRow(int line, String existingId) {
    }

    @Serdeable
    public record RejectedRow(int line, String reason) {
    }
}
