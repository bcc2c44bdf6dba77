package app.rapport.outreach.repository;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

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

    public void setTarget(String clinicId, int target, String user, Instant now) {
        jdbc.update("INSERT INTO weekly_goal (clinic_id, target, updated_by, updated_at) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE target = VALUES(target), updated_by = VALUES(updated_by), "
                + "updated_at = VALUES(updated_at)", clinicId, target, user, now);
    }
}
