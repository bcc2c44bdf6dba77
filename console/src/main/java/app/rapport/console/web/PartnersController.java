package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import app.rapport.console.services.ServiceProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Partners: the directory list with its filters, entering and editing a partner, archiving one,
 * and whom to approach for a focus. Everything is contacts-service's; the console shows it.
 */
@Controller(value = "/partners", produces = MediaType.TEXT_HTML)
public class PartnersController {

    static final int PAGE_SIZE = 20;

    private final ServiceClient services;
    private final Pages pages;
    private final OnceOnly onceOnly;

    public PartnersController(ServiceClient services, Pages pages, OnceOnly onceOnly) {
        this.services = services;
        this.pages = pages;
        this.onceOnly = onceOnly;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, StaffSession session, @Nullable @QueryValue String q,
                                @Nullable @QueryValue String specialty, @Nullable @QueryValue String stage,
                                @Nullable @QueryValue String tag, @Nullable @QueryValue Boolean includeArchived,
                                @Nullable @QueryValue Integer page) {
        PartnerListPage list = new PartnerListPage(q, specialty, stage, tag, Boolean.TRUE.equals(includeArchived),
                page == null || page < 0 ? 0 : page);
        Map<String, Object> query = new LinkedHashMap<>(list.filters());
        query.put("page", list.page());
        query.put("size", PAGE_SIZE);
        Section<Doc> partners = Section.load(() -> services.get(session, Service.CONTACTS, "/api/v1/practitioners", query));
        return pages.page(request, session, "partners", "Partners", "partners",
                Map.of("list", list, "partners", partners, "pageSize", PAGE_SIZE));
    }

    @Get("/new")
    public HttpResponse<?> newPartner(HttpRequest<?> request, StaffSession session, @Nullable @QueryValue String specialty) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("address.country", "US");
        values.put("preferredThankYouChannel", "HANDWRITTEN_NOTE");
        values.put("stage", "PROSPECT");
        values.putAll(PartnerForm.newPartnerBoxes());
        if (specialty != null && PartnerForm.SPECIALTIES.contains(specialty)) {
            values.put("specialty", specialty);
        }
        return form(request, session, HttpStatus.OK, null, FormState.of(values), "");
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, StaffSession session, @Body Map<String, String> form) {
        try {
            String location = onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                Doc created = services.post(session, Service.CONTACTS, "/api/v1/practitioners", PartnerForm.body(form, true));
                return "/partners/" + created.str("id");
            });
            return pages.redirect(location, "Partner saved");
        } catch (ServiceProblem problem) {
            return refused(request, session, null, form, problem);
        }
    }

    @Get("/{id}/edit")
    public HttpResponse<?> edit(HttpRequest<?> request, StaffSession session, @PathVariable String id) {
        Doc partner = services.get(session, Service.CONTACTS, "/api/v1/practitioners/" + id);
        return form(request, session, HttpStatus.OK, partner, FormState.of(PartnerForm.valuesOf(partner)), "");
    }

    /**
     * contacts-service's PUT replaces every detail, so the form carries all of them and the version
     * it was opened on (If-Match): a save over someone else's newer one is refused with a 412, and
     * the form comes back with what this person typed and what the other saved.
     */
    @Post(value = "/{id}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> update(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                  @Body Map<String, String> form) {
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.put(session, Service.CONTACTS, "/api/v1/practitioners/" + id, PartnerForm.body(form, false),
                        form.get(PartnerForm.VERSION));
                return "/partners/" + id;
            });
            return pages.redirect("/partners/" + id, "Partner saved");
        } catch (ServiceProblem problem) {
            if (problem.status() == 404 || problem.forbidden()) {
                throw problem;
            }
            Doc partner = services.get(session, Service.CONTACTS, "/api/v1/practitioners/" + id);
            if (problem.status() == 412) {
                return savedMeanwhile(request, session, partner, form);
            }
            return refused(request, session, partner, form, problem);
        }
    }

    @Post(value = "/{id}/archive", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> archive(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                   @Body Map<String, String> form) {
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.post(session, Service.CONTACTS, "/api/v1/practitioners/" + id + "/archive",
                        FormJson.body(Map.of("reason", form.getOrDefault("reason", ""))), form.get(PartnerForm.VERSION));
                return "/partners/" + id;
            });
            return pages.redirect("/partners/" + id, "Partner archived; their history stays");
        } catch (ServiceProblem problem) {
            return pages.redirect("/partners/" + id, problem.status() == 412
                    ? STALE + " Nothing was archived; look at their changes, then archive again." : problem.summary());
        }
    }

    /** An archived partner back in use: the same record and history (contacts-service tells the others). */
    @Post(value = "/{id}/restore", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> restore(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                   @Body Map<String, String> form) {
        try {
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                services.post(session, Service.CONTACTS, "/api/v1/practitioners/" + id + "/restore", Map.of());
                return "/partners/" + id;
            });
            return pages.redirect("/partners/" + id, "Partner restored; referrals may name them again");
        } catch (ServiceProblem problem) {
            return pages.redirect("/partners/" + id, problem.summary());
        }
    }

    /** Whom to approach for a focus: its specialties and the partners known in them, prospects first. */
    @Get("/targets")
    public HttpResponse<?> targets(HttpRequest<?> request, StaffSession session, @Nullable @QueryValue String focus,
                                   @Nullable @QueryValue Integer page) {
        Section<Doc> focuses = Section.load(() -> services.get(session, Service.CONTACTS, "/api/v1/target-focuses"));
        String chosen = focus != null && !focus.isBlank() ? focus.strip()
                : focuses.ok() && !focuses.value().items().isEmpty() ? focuses.value().items().get(0).str("focus") : "";
        int pageNumber = page == null || page < 0 ? 0 : page;
        Section<Doc> targets = chosen.isEmpty() ? new Section<>(Doc.empty(), "")
                : Section.load(() -> services.get(session, Service.CONTACTS, "/api/v1/targets",
                Map.of("focus", chosen, "page", pageNumber, "size", PAGE_SIZE)));
        return pages.page(request, session, "partner-targets", "Whom to approach", "partners",
                Map.of("focuses", focuses, "focus", chosen, "targets", targets, "page", pageNumber, "pageSize", PAGE_SIZE));
    }

    /**
     * Someone else saved the partner since this form was opened: what this person typed stays in the
     * form, the other save's values are listed above it, and the form now carries the current
     * version, so saving again replaces theirs knowingly.
     */
    private HttpResponse<?> savedMeanwhile(HttpRequest<?> request, StaffSession session, Doc current,
                                           Map<String, String> typed) {
        Map<String, String> kept = new LinkedHashMap<>(typed);
        kept.put(PartnerForm.VERSION, current.str("version"));
        FormState form = new FormState(kept, Map.of(), STALE, Forms.newId());
        return form(request, session, HttpStatus.PRECONDITION_FAILED, current, form, "",
                PartnerForm.savedByOthers(typed, current));
    }

    static final String STALE = "Someone else saved this partner since you opened it.";

    private HttpResponse<?> refused(HttpRequest<?> request, StaffSession session, @Nullable Doc partner,
                                    Map<String, String> form, ServiceProblem problem) {
        String duplicateOf = problem.status() == 409 ? problem.problem().str("extra.existingId") : "";
        HttpStatus status = problem.status() == 409 ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
        return form(request, session, status, partner, FormState.refused(form, problem), duplicateOf);
    }

    private HttpResponse<?> form(HttpRequest<?> request, StaffSession session, HttpStatus status, @Nullable Doc partner,
                                 FormState form, String duplicateOf) {
        return form(request, session, status, partner, form, duplicateOf, Map.of());
    }

    private HttpResponse<?> form(HttpRequest<?> request, StaffSession session, HttpStatus status, @Nullable Doc partner,
                                 FormState form, String duplicateOf, Map<String, String> savedByOthers) {
        boolean creating = partner == null;
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("form", form);
        model.put("partner", creating ? Doc.empty() : partner);
        model.put("creating", creating);
        model.put("duplicateOf", duplicateOf);
        model.put("savedByOthers", savedByOthers);
        model.put("archiveForm", FormState.empty());
        model.put("outside", form.errorsOutside(List.copyOf(PartnerForm.FIELDS)));
        String title = creating ? "New partner" : "Edit " + app.rapport.console.services.PartnerNames.displayName(partner);
        return pages.render(status, request, session, "partner-form", title, "partners", model);
    }
}
