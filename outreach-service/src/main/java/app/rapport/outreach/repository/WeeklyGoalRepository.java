package app.rapport.outreach.repository;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A clinic's own weekly target of new practitioners contacted, when it set one. */
@Singleton
public class WeeklyGoalRepository {

    private final Jdbc jdbc;

    public WeeklyGoalRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Integer> target(String clinicId) {
        return jdbc.query("SELECT target FROM weekly_goal WHERE clinic_id = ?", rs -> rs.getInt(1), clinicId)
                .stream().findFirst();
    }

    /** The version of the clinic's own target; 0 while it uses the default. */
    public long version(String clinicId) {
        return jdbc.version("weekly_goal", Map.of("clinic_id", clinicId));
    }

    /** @return false when {@code expected} is not the current version: nothing was written */
    public boolean setTarget(String clinicId, int target, String user, Instant now, OptionalLong expected) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("target", target);
        values.put("updated_by", user);
        values.put("updated_at", now);
        return jdbc.writeVersioned("weekly_goal", Map.of("clinic_id", clinicId), values, expected);
    }
}
