package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.plugin.OutreachRule;
import jakarta.inject.Singleton;

/**
 * Invite a prospect to see the clinic's work: a free evaluation or a gift certificate, issued by
 * staff ({@code POST /api/v1/invitations}) and tracked as an INVITATION task until its outcome is
 * known. It proposes nothing by itself; switching it off for a clinic closes the invitations endpoint.
 */
@Singleton
public class EducateByExampleRule implements OutreachRule {

    public static final String NAME = "educate-by-example";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String ruleName() {
        return "EducateByExample";
    }

    @Override
    public String description() {
        return "Staff invite a prospect for a free evaluation or with a gift certificate, tracked with its outcome";
    }
}
