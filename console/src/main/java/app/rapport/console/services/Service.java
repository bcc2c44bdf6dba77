package app.rapport.console.services;

/** The four services the console composes its pages from. */
public enum Service {
    CONTACTS("contacts-service"),
    REFERRALS("referrals-service"),
    OUTREACH("outreach-service"),
    REPORTS("reports-service");

    private final String displayName;

    Service(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
