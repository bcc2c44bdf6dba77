package app.rapport.console.web;

import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.PartnerNames;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import app.rapport.console.services.ServiceProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What staff do to one task — deliver, complete, skip, reschedule, approve a gesture — from
 * Today, the task list or a partner's page. With htmx the task's row is swapped in place; without
 * JavaScript the browser goes back to the page it came from with a notice.
 */
@Controller(value = "/tasks", produces = MediaType.TEXT_HTML)
public class TaskActionsController {

    private final ServiceClient services;
    private final PartnerNames partners;
    private final Pages pages;
    private final OnceOnly onceOnly;

    public TaskActionsController(ServiceClient services, PartnerNames partners, Pages pages, OnceOnly onceOnly) {
        this.services = services;
        this.partners = partners;
        this.pages = pages;
        this.onceOnly = onceOnly;
    }

    @Post(value = "/{id}/deliver", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> deliver(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                   @Body Map<String, String> form) {
        return act(request, session, id, form, "deliver", Map.of(), delivery -> {
            String summary = delivery.str("summary", "Delivered");
            return delivery.has("script") ? summary + " — " + delivery.str("script") : summary;
        });
    }

    @Post(value = "/{id}/complete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> complete(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                    @Body Map<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", form.getOrDefault("outcome", ""));
        return act(request, session, id, form, "complete", body, done -> "Marked done");
    }

    @Post(value = "/{id}/skip", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> skip(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                @Body Map<String, String> form) {
        return act(request, session, id, form, "skip", Map.of("reason", form.getOrDefault("reason", "")),
                skipped -> "Skipped");
    }

    /** The prospect said no to an invitation: done, and outreach-service takes the offer off the gift ledger. */
    @Post(value = "/{id}/decline", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> decline(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                   @Body Map<String, String> form) {
        return act(request, session, id, form, "decline", Map.of("reason", form.getOrDefault("reason", "")),
                declined -> "Invitation declined; its offer no longer counts on the gift ledger");
    }

    @Post(value = "/{id}/reschedule", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> reschedule(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                      @Body Map<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dueOn", form.getOrDefault("dueOn", ""));
        body.put("reason", form.getOrDefault("reason", ""));
        return act(request, session, id, form, "reschedule", body, moved -> "Moved to " + moved.str("dueOn"));
    }

    @Post(value = "/{id}/approve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> approve(HttpRequest<?> request, StaffSession session, @PathVariable String id,
                                   @Body Map<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", form.getOrDefault("kind", ""));
        body.put("description", form.getOrDefault("description", ""));
        body.put("value", Map.of("amount", form.getOrDefault("value.amount", ""),
                "currency", form.getOrDefault("value.currency", "USD")));
        return act(request, session, id, form, "approve", body,
                approved -> "Gift recorded: " + approved.str("gift.kind") + " " + approved.str("gift.value.amount"));
    }

    /** The printable card of a handwritten-note or letter task, rendered by outreach-service. */
    @Get(value = "/{id}/card.pdf", produces = "application/pdf")
    public HttpResponse<byte[]> card(StaffSession session, @PathVariable String id) {
        byte[] pdf = services.bytes(session, Service.OUTREACH, "/api/v1/tasks/" + id + "/card.pdf", "application/pdf");
        return HttpResponse.ok(pdf).contentType(MediaType.of("application/pdf"))
                .header("Content-Disposition", "inline; filename=\"card-" + id + ".pdf\"");
    }

    /**
     * The row again with the refusal in it (a blank outcome, a gift over the yearly limit or a
     * cash equivalent in words, with the allowance that remains), so the person can correct it there.
     */
    private HttpResponse<?> refusedRow(HttpRequest<?> request, StaffSession session, String id, String back,
                                       ServiceProblem problem) {
        Doc task;
        try {
            task = services.get(session, Service.OUTREACH, "/api/v1/tasks/" + id);
        } catch (ServiceProblem unreadable) {
            return pages.fragment("refusal", Map.of("message", problem.summary()));
        }
        String pid = task.str("practitionerId");
        Doc partner = partners.lookup(session, List.of(pid)).getOrDefault(pid, Doc.empty());
        Map<String, Object> model = new LinkedHashMap<>(Map.of("task", task, "partner", partner,
                "frame", pages.frame(request, session, "", ""), "back", back, "refusal", refusal(problem)));
        if ("PROPOSED".equals(task.str("status"))) {
            model.put("allowance", Section.load(() -> services.get(session, Service.OUTREACH, "/api/v1/gifts/allowance",
                    Map.of("practitionerId", pid))));
        }
        return pages.fragment("task-row", model);
    }

    /** The refusal as a sentence: a bare field message gets its field's name, a gift refusal what remains. */
    static String refusal(ServiceProblem problem) {
        if (problem.status() == 412) {
            return "Someone else acted on this task since you opened the page; here it is as it is now.";
        }
        String message = problem.summary();
        var fields = problem.fieldErrors();
        if (!fields.isEmpty() && !message.isEmpty() && Character.isLowerCase(message.charAt(0))
                && !fields.keySet().iterator().next().isBlank()) {
            var first = fields.entrySet().iterator().next();
            String field = first.getKey().replace("value.amount", "value").replace('.', ' ');
            message = Character.toUpperCase(field.charAt(0)) + field.substring(1) + " " + first.getValue();
        }
        String remaining = problem.problem().str("extra.remainingAllowance");
        if (!remaining.isEmpty() && !message.contains("remain")) {
            message = message + " (" + remaining + " remains this year.)";
        }
        return message;
    }

    private HttpResponse<?> act(HttpRequest<?> request, StaffSession session, String id, Map<String, String> form,
                                String action, Map<String, Object> body,
                                java.util.function.Function<Doc, String> describe) {
        String back = ProblemPages.pathOf(form.getOrDefault("back", "/"));
        String[] notice = new String[1];
        Doc[] task = new Doc[1];
        try {
            // A second click on the same button gets the first click's outcome: nothing runs twice.
            onceOnly.run(session.user().username(), form.get(OnceOnly.FIELD), () -> {
                // The version the row showed: two clicks, or two people, on one task act once; the other is told.
                Doc answer = services.post(session, Service.OUTREACH, "/api/v1/tasks/" + id + "/" + action, body,
                        form.get("version"));
                notice[0] = describe.apply(answer);
                task[0] = answer.has("task") ? answer.doc("task") : answer;
                return back;
            });
        } catch (ServiceProblem problem) {
            if (Pages.htmx(request)) {
                return refusedRow(request, session, id, back, problem);
            }
            return pages.redirect(back, refusal(problem));
        }
        if (task[0] == null) {
            // The same form again: show the task as it is now.
            task[0] = services.get(session, Service.OUTREACH, "/api/v1/tasks/" + id);
            notice[0] = "Already done";
        }
        if (Pages.htmx(request)) {
            Doc partner = partners.lookup(session, List.of(task[0].str("practitionerId")))
                    .getOrDefault(task[0].str("practitionerId"), Doc.empty());
            return pages.fragment("task-row", Map.of("task", task[0], "partner", partner, "notice", notice[0],
                    "frame", pages.frame(request, session, "", ""), "back", back));
        }
        return pages.redirect(back, notice[0]);
    }
}
