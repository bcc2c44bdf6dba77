package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The task list's filters as the person set them, and the links that keep them while paging. */
public record TaskListPage(String type, String status, boolean overdue, String due, String practitionerId, int page) implements FilteredList {

    @Override
    public String path() {
        return "/tasks";
    }

    /** outreach-service's task types and statuses, as its API takes them. */
    public static final List<String> TYPES = List.of("THANK_YOU", "PERSONAL_THANKS", "GESTURE", "INTRO_MEETING", "CHECK_IN", "NEW_CONTACT",
            "INVITATION");
    public static final List<String> STATUSES = List.of("PROPOSED", "OPEN", "DONE", "SKIPPED");
    /**
     * What a gesture may become. The gift card is offered because staff reach for it; the ledger
     * refuses it as a cash equivalent and the row says so (cash and checks are not offered at all).
     */
    public static final List<String> GIFT_KINDS = List.of("MEAL", "FLOWERS", "GIFT_BASKET", "BOOK",
            "SERVICE_CERTIFICATE", "OTHER", "GIFT_CARD");

    public TaskListPage {
        type = type == null ? "" : type;
        status = status == null ? "" : status;
        due = due == null ? "" : due.strip();
        practitionerId = practitionerId == null ? "" : practitionerId.strip();
    }

    /** The filters as outreach-service's task search takes them (empty ones left out). */
    @Override
    public Map<String, Object> filters() {
        Map<String, Object> f = new LinkedHashMap<>();
        if (!type.isEmpty()) {
            f.put("type", type);
        }
        if (!status.isEmpty()) {
            f.put("status", status);
        }
        if (overdue) {
            f.put("overdue", true);
        }
        if (!due.isEmpty()) {
            f.put("due", due);
        }
        if (!practitionerId.isEmpty()) {
            f.put("practitionerId", practitionerId);
        }
        return f;
    }

    /** This page's own address, where a task's form returns without JavaScript. */
    public String self() {
        return pageHref(page);
    }

}
