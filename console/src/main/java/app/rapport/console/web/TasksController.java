package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.Parallel;
import app.rapport.console.services.PartnerNames;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Tasks: the clinic's whole outreach list with its filters; each row is worked in place (TaskActionsController). */
@Controller(value = "/tasks", produces = MediaType.TEXT_HTML)
public class TasksController {

    static final int PAGE_SIZE = 20;

    private final ServiceClient services;
    private final PartnerNames partners;
    private final Pages pages;
    private final Parallel parallel;

    public TasksController(ServiceClient services, PartnerNames partners, Pages pages, Parallel parallel) {
        this.services = services;
        this.partners = partners;
        this.pages = pages;
        this.parallel = parallel;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, StaffSession session, @Nullable @QueryValue String type,
                                @Nullable @QueryValue String status, @Nullable @QueryValue Boolean overdue,
                                @Nullable @QueryValue String due, @Nullable @QueryValue String practitionerId,
                                @Nullable @QueryValue Integer page) {
        TaskListPage list = new TaskListPage(type, status, Boolean.TRUE.equals(overdue), due, practitionerId,
                page == null || page < 0 ? 0 : page);
        Map<String, Object> query = new LinkedHashMap<>(list.filters());
        query.put("page", list.page());
        query.put("size", PAGE_SIZE);
        Section<Doc> tasks = Section.load(() -> services.get(session, Service.OUTREACH, "/api/v1/tasks", query));

        List<String> ids = new ArrayList<>();
        Set<String> awaitingApproval = new LinkedHashSet<>();
        if (tasks.ok()) {
            for (Doc t : tasks.value().items()) {
                ids.add(t.str("practitionerId"));
                if (awaitingApproval(t)) {
                    awaitingApproval.add(t.str("practitionerId"));
                }
            }
        }
        if (!list.practitionerId().isEmpty()) {
            ids.add(list.practitionerId());
        }
        // The allowance is shown before a gesture is approved: one look-up per partner, side by side.
        Map<String, CompletableFuture<Section<Doc>>> pending = new LinkedHashMap<>();
        awaitingApproval.forEach(id -> pending.put(id, Section.start(parallel, () -> services.get(session,
                Service.OUTREACH, "/api/v1/gifts/allowance", Map.of("practitionerId", id)))));
        Map<String, Doc> names = partners.lookup(session, ids);
        Map<String, Section<Doc>> allowances = new LinkedHashMap<>();
        pending.forEach((id, f) -> allowances.put(id, f.join()));

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("list", list);
        model.put("tasks", tasks);
        model.put("partners", names);
        model.put("allowances", allowances);
        model.put("pageSize", PAGE_SIZE);
        return pages.page(request, session, "tasks", "Tasks", "tasks", model);
    }

    static boolean awaitingApproval(Doc task) {
        return "PROPOSED".equals(task.str("status")) && "GESTURE".equals(task.str("type"));
    }
}
