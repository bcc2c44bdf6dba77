package app.rapport.outreach.domain;

import app.rapport.outreach.repository.TaskRepository;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/** The weekly goal of new practitioners contacted: this week's progress and the streak of weeks met. */
@Singleton
public class WeeklyGoals {

    /** How far back a streak is counted. */
    static final int MAX_WEEKS = 104;

    private final TaskRepository tasks;
    private final ClinicFacts facts;
    private final ClinicProfiles clinics;

    public WeeklyGoals(TaskRepository tasks, ClinicFacts facts, ClinicProfiles clinics) {
        this.tasks = tasks;
        this.facts = facts;
        this.clinics = clinics;
    }

    /**
     * @param streak consecutive weeks met, ending with this week when it is already met, else with last week
     */
    public record Progress(LocalDate weekStart, int target, int done, boolean met, int streak, long open) {
    }

    public Progress progress(String clinicId, Instant now) {
        ZoneId zone = clinics.zoneOf(clinicId);
        LocalDate thisWeek = BusinessDays.weekStart(now.atZone(zone).toLocalDate());
        int target = facts.weeklyTarget(clinicId);
        Map<LocalDate, Integer> doneByWeek = new HashMap<>();
        LocalDate from = thisWeek.minusWeeks(MAX_WEEKS);
        for (OutreachTask t : tasks.newContactsDone(clinicId, from.atStartOfDay(zone).toInstant(),
                thisWeek.plusWeeks(1).atStartOfDay(zone).toInstant())) {
            doneByWeek.merge(BusinessDays.weekStart(t.getCompletedAt().atZone(zone).toLocalDate()), 1, Integer::sum);
        }
        int done = doneByWeek.getOrDefault(thisWeek, 0);
        boolean met = done >= target;
        int streak = 0;
        LocalDate week = met ? thisWeek : thisWeek.minusWeeks(1);
        while (!week.isBefore(from) && doneByWeek.getOrDefault(week, 0) >= target) {
            streak++;
            week = week.minusWeeks(1);
        }
        return new Progress(thisWeek, target, done, met, streak, tasks.countOpenNewContacts(clinicId));
    }
}
