package app.rapport.reports.domain;

import app.rapport.reports.repository.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
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

    private static final String NAME = "MAX(CONCAT(p.first_name, ' ', p.last_name))";
    private static final String JOIN_PARTNER = " LEFT JOIN practitioner p ON p.clinic_id = r.clinic_id AND p.id = r.practitioner_id ";

    private final Sql sql;
    private final ClinicCalendar calendar;

    public ReferralAnalytics(Sql sql, ClinicCalendar calendar) {
        this.sql = sql;
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

    private static String in(List<String> clinics) {
        return "r.clinic_id IN (" + Sql.placeholders(clinics.size()) + ")";
    }

    private static Object[] args(List<String> clinics, Object... more) {
        List<Object> all = new ArrayList<>(clinics);
        all.addAll(List.of(more));
        return all.toArray();
    }

    /** The parameters of a query that filters the same way in a sub-query and in its own WHERE. */
    private static Object[] twice(Object[] params) {
        Object[] both = Arrays.copyOf(params, params.length * 2);
        System.arraycopy(params, 0, both, params.length, params.length);
        return both;
    }

    @ReadOnly
    public List<ReferralCount> referrals(List<String> clinics, GroupBy by, LocalDate from, LocalDate to) {
        String where = " WHERE " + in(clinics) + " AND r.direction = 'RECEIVED' AND r.referred_on BETWEEN ? AND ? ";
        Object[] params = args(clinics, from, to);
        return switch (by) {
            case SOURCE -> sql.query("SELECT r.practitioner_id, " + NAME + " AS name, MAX(p.specialty) AS specialty, COUNT(*) AS n "
                            + "FROM referral r" + JOIN_PARTNER + where + "GROUP BY r.practitioner_id ORDER BY n DESC, r.practitioner_id",
                    rs -> new ReferralCount(rs.getString(1), rs.getString(2), rs.getString(3), null, rs.getLong(4)), params);
            case SPECIALTY -> sql.query("SELECT COALESCE(p.specialty, 'UNKNOWN') AS specialty, COUNT(*) AS n FROM referral r"
                            + JOIN_PARTNER + where + "GROUP BY COALESCE(p.specialty, 'UNKNOWN') ORDER BY n DESC, specialty",
                    rs -> new ReferralCount(null, null, rs.getString(1), null, rs.getLong(2)), params);
            case MONTH -> everyMonth(sql.query("SELECT DATE_FORMAT(r.referred_on, '%Y-%m') AS month, COUNT(*) AS n FROM referral r"
                            + where + "GROUP BY DATE_FORMAT(r.referred_on, '%Y-%m') ORDER BY month",
                    rs -> new ReferralCount(null, null, null, rs.getString(1), rs.getLong(2)), params), from, to);
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
        return sql.query("SELECT r.practitioner_id, " + NAME + ", COUNT(*), COUNT(v.first_visit), "
                        + "AVG(DATEDIFF(v.first_visit, r.referred_on)) FROM referral r" + JOIN_PARTNER
                        + "LEFT JOIN (SELECT clinic_id, referral_id, MIN(visit_date) AS first_visit FROM visit "
                        + "GROUP BY clinic_id, referral_id) v ON v.clinic_id = r.clinic_id AND v.referral_id = r.id "
                        + "WHERE " + in(clinics) + " AND r.direction = 'RECEIVED' AND r.referred_on BETWEEN ? AND ? "
                        + "GROUP BY r.practitioner_id ORDER BY r.practitioner_id",
                rs -> {
                    long received = rs.getLong(3);
                    long converted = rs.getLong(4);
                    BigDecimal avg = rs.getBigDecimal(5);
                    return new Conversion(rs.getString(1), rs.getString(2), received, converted,
                            BigDecimal.valueOf(converted).divide(BigDecimal.valueOf(received), 4, RoundingMode.HALF_UP)
                                    .stripTrailingZeros().toPlainString(),
                            avg == null ? null : avg.setScale(1, RoundingMode.HALF_UP).toPlainString());
                }, args(clinics, from, to));
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
        String currency = "COALESCE(r.currency, b.currency)";
        List<Billed> billed = sql.query("SELECT r.practitioner_id, " + NAME + ", COUNT(DISTINCT r.clinic_id, r.referral_id), COUNT(*), "
                        + "COALESCE(SUM(r.billed_amount), 0) AS billed, " + currency + " FROM visit r" + JOIN_PARTNER
                        + "LEFT JOIN (SELECT r.practitioner_id, MIN(r.currency) AS currency FROM visit r WHERE " + in(clinics)
                        + " AND r.visit_date BETWEEN ? AND ? AND r.currency IS NOT NULL GROUP BY r.practitioner_id) b"
                        + " ON b.practitioner_id = r.practitioner_id "
                        + "WHERE " + in(clinics) + " AND r.visit_date BETWEEN ? AND ? "
                        + "GROUP BY r.practitioner_id, " + currency + " ORDER BY billed DESC, r.practitioner_id, " + currency,
                rs -> new Billed(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5),
                        rs.getString(6)),
                twice(args(clinics, from, to)));
        List<Billed> spent = sql.query("SELECT r.practitioner_id, " + NAME + ", SUM(r.amount), r.currency FROM gift_spend r"
                        + JOIN_PARTNER + "WHERE " + in(clinics) + " AND r.given_on BETWEEN ? AND ? AND r.reversed_on IS NULL "
                        + "GROUP BY r.practitioner_id, r.currency ORDER BY SUM(r.amount) DESC, r.practitioner_id, r.currency",
                rs -> new Billed(rs.getString(1), rs.getString(2), 0, 0, rs.getBigDecimal(3), rs.getString(4)),
                args(clinics, from, to));
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
        return partners(clinics, from, to, "");
    }

    private List<Partner> partners(List<String> clinics, LocalDate from, LocalDate to, String andAlso) {
        return sql.query("SELECT r.practitioner_id, " + NAME + ", MAX(p.specialty), "
                        + "SUM(CASE WHEN r.direction = 'RECEIVED' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN r.direction = 'SENT' THEN 1 ELSE 0 END), "
                        + "MIN(CASE WHEN r.direction = 'RECEIVED' THEN r.referred_on END), "
                        + "MAX(CASE WHEN r.direction = 'RECEIVED' THEN r.referred_on END), "
                        + "MAX(CASE WHEN r.direction = 'SENT' THEN r.referred_on END) "
                        + "FROM referral r" + JOIN_PARTNER + "WHERE " + in(clinics) + " AND r.referred_on BETWEEN ? AND ?"
                        + andAlso + " GROUP BY r.practitioner_id ORDER BY r.practitioner_id",
                rs -> new Partner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(4) - rs.getLong(5), date(rs.getDate(6)), date(rs.getDate(7)), date(rs.getDate(8))),
                args(clinics, from, to));
    }

    /**
     * Partners whose last referral is older than {@code days}. An archived partner is left out:
     * the clinic ended that relationship, so it is no quiet partner to check in with (restored, they
     * count again). One whose directory entry has not arrived yet is kept, not known to be archived.
     */
    @ReadOnly
    public List<Dormant> dormant(List<String> clinics, LocalDate asOf, int days) {
        LocalDate cutoff = asOf.minusDays(days);
        return partners(clinics, OPEN_FROM, asOf, " AND (p.archived IS NULL OR NOT p.archived)").stream()
                .filter(p -> p.lastReferralOn() != null && p.lastReferralOn().isBefore(cutoff))
                .map(p -> new Dormant(p.practitionerId(), p.practitionerName(), p.specialty(), p.received(),
                        p.lastReferralOn(), asOf.toEpochDay() - p.lastReferralOn().toEpochDay()))
                .toList();
    }

    /** Thank-yous for the referrals received between the two days. */
    @ReadOnly
    public List<ThankYouTurnaround> thankYouTurnaround(List<String> clinics, LocalDate from, LocalDate to) {
        record Row(String clinic, String partner, String name, LocalDate received, Instant completed) {
        }
        List<Row> rows = sql.query("SELECT t.clinic_id, t.practitioner_id, CONCAT(p.first_name, ' ', p.last_name), r.referred_on, t.completed_at "
                        + "FROM thank_you t JOIN referral r ON r.clinic_id = t.clinic_id AND r.id = t.referral_id "
                        + "LEFT JOIN practitioner p ON p.clinic_id = t.clinic_id AND p.id = t.practitioner_id "
                        + "WHERE " + in(clinics) + " AND r.referred_on BETWEEN ? AND ? ORDER BY t.practitioner_id",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(),
                        rs.getTimestamp(5).toInstant()), args(clinics, from, to));
        Map<String, List<Long>> days = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, ZoneId> zones = new HashMap<>(); // a thank-you is done on its own clinic's day
        for (Row r : rows) {
            days.computeIfAbsent(r.partner(), k -> new ArrayList<>())
                    .add(businessDaysBetween(r.received(), r.completed().atZone(zones.computeIfAbsent(r.clinic(), calendar::zoneOf)).toLocalDate()));
            if (r.name() != null) {
                names.put(r.partner(), r.name());
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

    private static LocalDate date(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
