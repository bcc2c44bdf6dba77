package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.domain.BusinessDays;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.plugin.OutreachFacts;
import app.rapport.outreach.plugin.OutreachRule;
import app.rapport.outreach.plugin.TaskProposal;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A partner has gone quiet when their silence is much longer than their own usual gap between
 * referrals: a partner who refers weekly is quiet after a month, one who refers twice a year is
 * not. Silent for more than {@code gap-factor} × their median gap, and at least {@code min-days}.
 */
@Singleton
public class DormantRule implements OutreachRule {

    /** Two gaps at least, so "usual" means something. */
    static final int MINIMUM_REFERRALS = 3;

    @Override
    public String name() {
        return "dormant";
    }

    @Override
    public String ruleName() {
        return "Dormant";
    }

    @Override
    public String description() {
        return "Check in with a referring partner who has been silent much longer than their own usual gap";
    }

    @Override
    public List<TaskProposal> onCheck(OutreachFacts facts) {
        List<TaskProposal> out = new ArrayList<>();
        for (String practitionerId : facts.referringPartners(MINIMUM_REFERRALS)) {
            Optional<Partner> partner = facts.partner(practitionerId);
            if (partner.isPresent() && partner.get().archived()) {
                continue;
            }
            List<LocalDate> dates = facts.referralsReceivedFrom(practitionerId);
            LocalDate last = dates.get(dates.size() - 1);
            long silent = ChronoUnit.DAYS.between(last, facts.today());
            double median = medianGapDays(dates);
            if (silent >= facts.settings().dormantMinDays() && silent > facts.settings().dormantGapFactor() * median) {
                OutreachChannel channel = partner.map(p -> OutreachChannel.fromThankYouPreference(p.preferredChannel()))
                        .orElse(OutreachChannel.PHONE);
                // One check-in per silence: the occasion is the last referral before it.
                out.add(TaskProposal.open(app.rapport.outreach.domain.TaskType.CHECK_IN, practitionerId, null, channel,
                        BusinessDays.add(facts.today(), 2), practitionerId + ":" + last,
                        "No referral for " + silent + " days; usually one every " + Math.round(median) + " days"));
            }
        }
        return out;
    }

    /** The median number of days between consecutive referrals. */
    static double medianGapDays(List<LocalDate> datesOldestFirst) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < datesOldestFirst.size(); i++) {
            gaps.add(ChronoUnit.DAYS.between(datesOldestFirst.get(i - 1), datesOldestFirst.get(i)));
        }
        gaps.sort(Long::compare);
        int n = gaps.size();
        return n % 2 == 1 ? gaps.get(n / 2) : (gaps.get(n / 2 - 1) + gaps.get(n / 2)) / 2.0;
    }
}
