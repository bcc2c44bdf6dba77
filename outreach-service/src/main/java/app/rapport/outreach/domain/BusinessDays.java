package app.rapport.outreach.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** Office days: Monday to Friday. Referral partners' offices and ours are closed at weekends. */
public final class BusinessDays {

    private BusinessDays() {
    }

    /** {@code days} business days after {@code from} (a Friday + 2 is the Tuesday; a Saturday + 2 too). */
    public static LocalDate add(LocalDate from, int days) {
        LocalDate d = from;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isBusinessDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** The day itself when it is a business day, else the next Monday. */
    public static LocalDate onOrAfter(LocalDate day) {
        LocalDate d = day;
        while (!isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    public static boolean isBusinessDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The Monday that starts {@code day}'s week. */
    public static LocalDate weekStart(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
