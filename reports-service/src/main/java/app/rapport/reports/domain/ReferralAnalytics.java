package app.rapport.reports.domain;

import app.rapport.reports.repository.ReferralAnalyticsRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which relationships pay off, from the read models the event handlers keep (never from another
 * service's database). Every query takes the set of clinics it may read: the caller's own, or the
 * group's for a group-admin roll-up; rows are summed across them.
 */
@Singleton
public class ReferralAnalytics {

    private final ReferralAnalyticsRepository queries;
    private final ClinicCalendar calendar;

    public ReferralAnalytics(ReferralAnalyticsRepository queries, ClinicCalendar calendar) {
        this.queries = queries;
        this.calendar = calendar;
    }

    public enum GroupBy { SOURCE, SPECIALTY, MONTH }

    /** The ends of a range that was not bounded: every referral the read model holds. */
    public static final LocalDate OPEN_FROM = LocalDate.of(1900, 1, 1);
    public static final LocalDate OPEN_TO = LocalDate.of(9999, 12, 31);

    @Serdeable
    public record ReferralCount(@Nullable String practitionerId, @Nullable String practitionerName,
                                @Nullable String specialty, @Nullable String month, long received) {
    }

    @Serdeable
    public record Conversion(String practitionerId, @Nullable String practitionerName, long received,
                             long firstVisits, String conversionRate, @Nullable String averageDaysToFirstVisit) {
    }

    /**
     * @param spent what the clinic spent on the relationship in the range, in {@code currency}: gifts and
     *              invitations given, less those reversed
     * @param net   billed revenue less what was spent
     */
    @Serdeable
    public record Revenue(String practitionerId, @Nullable String practitionerName, long referrals, long visits,
                          String billedRevenue, @Nullable String currency, String spent, String net) {
    }

    @Serdeable
    public record Partner(String practitionerId, @Nullable String practitionerName, @Nullable String specialty,
                          long received, long sent, long balance, @Nullable LocalDate firstReferralOn,
                          @Nullable LocalDate lastReferralOn, @Nullable LocalDate lastSentOn) {
    }

    @Serdeable
    public record Dormant(String practitionerId, @Nullable String practitionerName, @Nullable String specialty,
                          long received, LocalDate lastReferralOn, long daysSinceLastReferral) {
    }

    @Serdeable
    public record ThankYouTurnaround(String practitionerId, @Nullable String practitionerName, long thankYous,
                                     String averageBusinessDays, long maxBusinessDays, long withinTwoBusinessDays) {
    }

    @ReadOnly
    public List<ReferralCount> referrals(List<String> clinics, GroupBy by, LocalDate from, LocalDate to) {
        return switch (by) {
            case SOURCE -> queries.receivedBySource(clinics, from, to).stream()
                    .map(c -> new ReferralCount(c.practitionerId(), c.practitionerName(), c.specialty(), null, c.received()))
                    .toList();
            case SPECIALTY -> queries.receivedBySpecialty(clinics, from, to).stream()
                    .map(c -> new ReferralCount(null, null, c.specialty(), null, c.received()))
                    .toList();
            case MONTH -> everyMonth(queries.receivedByMonth(clinics, from, to).stream()
                    .map(c -> new ReferralCount(null, null, null, c.month(), c.received()))
                    .toList(), from, to);
        };
    }

    /**
     * The months counted, with every month of the range between and around them that had none as
     * 0: a trend drawn from the months with referrals alone would join March to July as if
     * adjacent, and hide a partner who stopped. An open end of the range stops at the first or
     * last month with referrals; a range with none answers no months.
     */
    static List<ReferralCount> everyMonth(List<ReferralCount> counted, LocalDate from, LocalDate to) {
        if (counted.isEmpty()) {
            return counted;
        }
        Map<YearMonth, Long> received = new LinkedHashMap<>();
        counted.forEach(c -> received.put(YearMonth.parse(c.month()), c.received()));
        YearMonth first = from.equals(OPEN_FROM) ? YearMonth.parse(counted.get(0).month()) : YearMonth.from(from);
        YearMonth last = to.equals(OPEN_TO) ? YearMonth.parse(counted.get(counted.size() - 1).month()) : YearMonth.from(to);
        List<ReferralCount> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(new ReferralCount(null, null, null, m.toString(), received.getOrDefault(m, 0L)));
        }
        return months;
    }

    @ReadOnly
    public List<Conversion> conversion(List<String> clinics, LocalDate from, LocalDate to) {
        return queries.conversion(clinics, from, to).stream().map(c -> new Conversion(c.practitionerId(),
                c.practitionerName(), c.received(), c.firstVisits(),
                BigDecimal.valueOf(c.firstVisits()).divide(BigDecimal.valueOf(c.received()), 4, RoundingMode.HALF_UP)
                        .stripTrailingZeros().toPlainString(),
                c.averageDaysToFirstVisit() == null ? null
                        : c.averageDaysToFirstVisit().setScale(1, RoundingMode.HALF_UP).toPlainString())).toList();
    }

    /**
     * One row per source and currency. A visit with nothing billed has no currency of its own; it
     * counts in its source's row for the currency that source was billed in (the first of them,
     * alphabetically, when several), so it does not split the source into a second row with a
     * blank currency. A source with no billed visit at all is one row without a currency, unless
     * the clinic spent on it in one currency, which then is the row's.
     * <p>
     * Each row subtracts what the clinic spent on that relationship in the range (gifts and
     * invitations given, not reversed) in the row's currency; a source the clinic spent on but
     * whose patients had no visit in the range is a row of its own, billed 0, with a negative net.
     * Currencies are never added together.
     */
    @ReadOnly
    public List<Revenue> revenue(List<String> clinics, LocalDate from, LocalDate to) {
        List<Billed> billed = queries.billed(clinics, from, to).stream().map(b -> new Billed(b.practitionerId(),
                b.practitionerName(), b.referrals(), b.visits(), b.billed(), b.currency())).toList();
        List<Billed> spent = queries.spent(clinics, from, to).stream().map(s -> new Billed(s.practitionerId(),
                s.practitionerName(), 0, 0, s.spent(), s.currency())).toList();
        return netOfSpend(billed, spent);
    }

    /** A source's visits and billed total in one currency, or (from gift_spend) what was spent on it. */
    record Billed(String practitionerId, @Nullable String name, long referrals, long visits, BigDecimal amount,
                  @Nullable String currency) {
    }

    /** The billed rows with what was spent in their source and currency, then the spend that had no such row. */
    static List<Revenue> netOfSpend(List<Billed> billed, List<Billed> spent) {
        Map<String, Billed> spendLeft = new LinkedHashMap<>();
        spent.forEach(s -> spendLeft.put(s.practitionerId() + "|" + s.currency(), s));
        List<Revenue> rows = new ArrayList<>();
        for (Billed b : billed) {
            String currency = b.currency();
            if (currency == null) {
                // Nothing billed anywhere: the row takes the currency the clinic spent in, if only one.
                List<Billed> theirs = spent.stream().filter(s -> s.practitionerId().equals(b.practitionerId())).toList();
                currency = theirs.size() == 1 ? theirs.get(0).currency() : null;
            }
            Billed s = spendLeft.remove(b.practitionerId() + "|" + currency);
            rows.add(revenue(b, currency, s == null ? BigDecimal.ZERO : s.amount()));
        }
        spendLeft.values().forEach(s -> rows.add(revenue(new Billed(s.practitionerId(), s.name(), 0, 0, BigDecimal.ZERO,
                s.currency()), s.currency(), s.amount())));
        return rows;
    }

    private static Revenue revenue(Billed b, @Nullable String currency, BigDecimal spent) {
        return new Revenue(b.practitionerId(), b.name(), b.referrals(), b.visits(), money(b.amount()), currency,
                money(spent), money(b.amount().subtract(spent)));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Every referral between the two days, both ways; {@link #dormant} reads the same rows. */
    @ReadOnly
    public List<Partner> partners(List<String> clinics, LocalDate from, LocalDate to) {
        return queries.partners(clinics, from, to).stream().map(ReferralAnalytics::partner).toList();
    }

    private static Partner partner(ReferralAnalyticsRepository.PartnerRow p) {
        return new Partner(p.practitionerId(), p.practitionerName(), p.specialty(), p.received(), p.sent(),
                p.received() - p.sent(), p.firstReferralOn(), p.lastReferralOn(), p.lastSentOn());
    }

    /**
     * Partners whose last referral is older than {@code days}. An archived partner is left out:
     * the clinic ended that relationship, so it is no quiet partner to check in with (restored, they
     * count again). One whose directory entry has not arrived yet is kept, not known to be archived.
     */
    @ReadOnly
    public List<Dormant> dormant(List<String> clinics, LocalDate asOf, int days) {
        LocalDate cutoff = asOf.minusDays(days);
        return queries.unarchivedPartners(clinics, OPEN_FROM, asOf).stream().map(ReferralAnalytics::partner)
                .filter(p -> p.lastReferralOn() != null && p.lastReferralOn().isBefore(cutoff))
                .map(p -> new Dormant(p.practitionerId(), p.practitionerName(), p.specialty(), p.received(),
                        p.lastReferralOn(), asOf.toEpochDay() - p.lastReferralOn().toEpochDay()))
                .toList();
    }

    /** Thank-yous for the referrals received between the two days. */
    @ReadOnly
    public List<ThankYouTurnaround> thankYouTurnaround(List<String> clinics, LocalDate from, LocalDate to) {
        List<ReferralAnalyticsRepository.ThankYouRow> rows = queries.thankYous(clinics, from, to);
        Map<String, List<Long>> days = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, ZoneId> zones = new HashMap<>(); // a thank-you is done on its own clinic's day
        for (ReferralAnalyticsRepository.ThankYouRow r : rows) {
            days.computeIfAbsent(r.practitionerId(), k -> new ArrayList<>())
                    .add(businessDaysBetween(r.referredOn(), r.completedAt()
                            .atZone(zones.computeIfAbsent(r.clinicId(), calendar::zoneOf)).toLocalDate()));
            if (r.practitionerName() != null) {
                names.put(r.practitionerId(), r.practitionerName());
            }
        }
        List<ThankYouTurnaround> out = new ArrayList<>();
        days.forEach((partner, list) -> out.add(new ThankYouTurnaround(partner, names.get(partner), list.size(),
                BigDecimal.valueOf(list.stream().mapToLong(Long::longValue).sum())
                        .divide(BigDecimal.valueOf(list.size()), 1, RoundingMode.HALF_UP).toPlainString(),
                list.stream().mapToLong(Long::longValue).max().orElse(0),
                list.stream().filter(d -> d <= 2).count())));
        return out;
    }

    /** Working days after {@code from} up to and including {@code to}: a Friday referral thanked on Monday took 1. */
    public static long businessDaysBetween(LocalDate from, LocalDate to) {
        long n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                n++;
            }
        }
        return n;
    }
}
