package app.rapport.outreach.plugin;

import app.rapport.outreach.domain.Partner;
import io.micronaut.core.annotation.Nullable;

/**
 * A prospect nobody has been asked to reach yet, with what makes them a warm lead.
 *
 * @param introducedBy the partner who introduced them (IntroductionRecorded), if any
 * @param focusNiche   the clinic's focus niche their specialty or organisation serves, if any
 */
public record Prospect(Partner partner, @Nullable Partner introducedBy, @Nullable String focusNiche) {
}
