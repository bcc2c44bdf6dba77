package app.rapport.contacts.web;

import app.rapport.contacts.domain.FocusMap;
import app.rapport.contacts.domain.Specialty;
import app.rapport.contacts.repository.PractitionerRepository;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Versions;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.ProblemException;
import io.micronaut.data.model.Pageable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.stream.Collectors;

/** Niche targeting: which specialties to approach for a focus, and the partners already known in them. */
@Controller("/api/v1")
@Tag(name = "Targets")
public class TargetController {

    private final FocusMap focusMap;
    private final PractitionerRepository practitioners;
    private final PractitionerViews views;

    public TargetController(FocusMap focusMap, PractitionerRepository practitioners, PractitionerViews views) {
        this.focusMap = focusMap;
        this.practitioners = practitioners;
        this.views = views;
    }

    @Get("/targets")
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "The specialties to approach for a focus and the partners known in them, prospects not yet contacted first")
    public Targets targets(Caller caller, @QueryValue @NotBlank @Size(max = 48) String focus,
                           @Valid @RequestBean PageQuery paging) {
        FocusMap.Entry entry = focusMap.find(caller.clinicId(), focus.strip()).orElseThrow(() ->
                ProblemException.invalidField("focus", "unknown focus '" + focus + "'; this clinic's focuses are "
                        + focusMap.forClinic(caller.clinicId()).stream().map(FocusMap.Entry::focus)
                        .collect(Collectors.joining(", "))));
        Page<PractitionerView> partners;
        if (entry.specialties().isEmpty()) {
            partners = new Page<>(List.of(), paging.pageNumber(), paging.pageSize(), 0);
        } else {
            var page = practitioners.findTargets(caller.clinicId(), entry.specialties().stream().map(Enum::name).toList(),
                    Pageable.from(paging.pageNumber(), paging.pageSize()));
            partners = new Page<>(views.all(caller.clinicId(), page.getContent()), page.getPageNumber(), page.getSize(),
                    page.getTotalSize());
        }
        return new Targets(entry.focus(), entry.specialties(), entry.source(), partners);
    }

    @Get("/target-focuses")
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "This clinic's focus → specialties map: defaults, the clinic's changes and its own focuses")
    public List<FocusView> focuses(Caller caller) {
        return focusMap.forClinic(caller.clinicId()).stream().map(FocusView::of).toList();
    }

    @Put("/target-focuses/{focus}")
    @Secured(Roles.STAFF)
    @Operation(summary = "Set the specialties for a focus: changes a default or defines a focus of the clinic's own")
    public HttpResponse<FocusView> putFocus(Caller caller, @PathVariable String focus,
                                            @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                            @Valid @Body FocusSpecialties body) {
        FocusMap.Entry saved = focusMap.put(caller.clinicId(), caller.user(), focus, ifMatch, body.specialties());
        return Versions.tagged(HttpResponse.ok(FocusView.of(saved)), saved.version());
    }

    @Delete("/target-focuses/{focus}")
    @Secured(Roles.STAFF)
    @Operation(summary = "Return a focus to its default, or remove one the clinic defined")
    public HttpResponse<Void> resetFocus(Caller caller, @PathVariable String focus,
                                         @Nullable @Header(Versions.IF_MATCH) String ifMatch) {
        focusMap.reset(caller.clinicId(), focus, ifMatch);
        return HttpResponse.noContent();
    }

    @Serdeable
    public record FocusSpecialties(@NotEmpty @Size(max = 15) List<@NotNull Specialty> specialties) {
    }

    @Serdeable
    public record FocusView(String focus, List<Specialty> specialties, FocusMap.Source source, long version) {
        static FocusView of(FocusMap.Entry e) {
            return new FocusView(e.focus(), e.specialties(), e.source(), e.version());
        }
    }

    @Serdeable
    public record Targets(String focus, List<Specialty> specialties, FocusMap.Source source,
                          Page<PractitionerView> partners) {
    }
}
