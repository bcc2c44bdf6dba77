package app.rapport.outreach.plugin;

import app.rapport.platform.plugin.RapportPlugin;

import java.util.List;
import java.util.Set;

/**
 * The extension point for deciding what outreach is due. A rule reacts to events the service
 * consumes ({@link #onEvent}) and to the periodic check ({@link #onCheck}), looks at what the
 * service knows through the read-only {@link OutreachFacts}, and proposes tasks. It never writes:
 * the service stores each proposal once (per rule and {@link TaskProposal#occasion()}), publishes
 * it, and keeps gestures PROPOSED until a person approves them.
 *
 * <p>A rule is a Micronaut bean ({@code @Singleton}); a clinic can switch it off by its
 * {@link #name()} at {@code PUT /api/v1/plugins/{name}}.
 */
public interface OutreachRule extends RapportPlugin {

    String EXTENSION_POINT = "outreach-rule";

    @Override
    default String extensionPoint() {
        return EXTENSION_POINT;
    }

    /** How tasks name the rule that proposed them (the event's {@code rule}), e.g. {@code ThankYou}. */
    String ruleName();

    /** The {@code ce_type}s (see {@code EventTypes}) this rule wants to see; others never reach it. */
    default Set<String> eventTypes() {
        return Set.of();
    }

    /** Tasks to propose because of one event. Runs in the transaction that applies the event. */
    default List<TaskProposal> onEvent(OutreachEvent event, OutreachFacts facts) {
        return List.of();
    }

    /** Tasks to propose on the periodic check (hourly by default; "today" is {@link OutreachFacts#today()}). */
    default List<TaskProposal> onCheck(OutreachFacts facts) {
        return List.of();
    }
}
