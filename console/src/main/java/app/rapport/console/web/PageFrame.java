package app.rapport.console.web;

import app.rapport.console.security.StaffSession;

import java.util.List;

/**
 * What the layout around every page needs: who is signed in, which clinic they act in, the
 * navigation with the current section marked, the CSRF token for the page's forms, and a
 * one-line notice ("Thank-you delivered") carried over a redirect.
 */
public record PageFrame(StaffSession session, String title, String section, String notice, boolean devInbox) {

    public record NavItem(String href, String label, String section) {
    }

    public static final List<NavItem> NAV = List.of(
            new NavItem("/", "Today", "today"),
            new NavItem("/referrals", "Referrals", "referrals"),
            new NavItem("/partners", "Partners", "partners"),
            new NavItem("/tasks", "Tasks", "tasks"),
            new NavItem("/reports", "Reports", "reports"),
            new NavItem("/gifts", "Gifts", "gifts"),
            new NavItem("/analytics", "Analytics", "analytics"),
            new NavItem("/settings", "Settings", "settings"));

    public List<NavItem> nav() {
        return NAV;
    }

    public String csrf() {
        return session.csrfToken();
    }

    /** The htmx header attribute value that sends the CSRF token with every htmx request. */
    public String htmxHeaders() {
        return "{\"X-CSRF-Token\": \"" + session.csrfToken() + "\"}";
    }
}
