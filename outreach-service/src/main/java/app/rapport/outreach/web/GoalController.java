package app.rapport.outreach.web;

import app.rapport.outreach.domain.WeeklyGoals;
import app.rapport.outreach.repository.WeeklyGoalRepository;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Versions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.time.Clock;

@Controller("/api/v1/goals/weekly")
@Tag(name = "Weekly goal")
public class GoalController {

    private final WeeklyGoals goals;
    private final WeeklyGoalRepository targets;
    private final Clock clock;

    public GoalController(WeeklyGoals goals, WeeklyGoalRepository targets, Clock clock) {
        this.goals = goals;
        this.targets = targets;
        this.clock = clock;
    }

    @Get
    @Secured({Roles.STAFF, Roles.CLINICIAN, Roles.GROUP_ADMIN})
    @Operation(summary = "This week's goal of new practitioners contacted: target, done, open tasks, streak of weeks met")
    public HttpResponse<WeeklyGoalView> progress(Caller caller) {
        return view(caller);
    }

    @Put
    @Secured({Roles.STAFF, Roles.GROUP_ADMIN})
    @Operation(summary = "Set the clinic's weekly target")
    public HttpResponse<WeeklyGoalView> setTarget(Caller caller, @Nullable @Header(Versions.IF_MATCH) String ifMatch,
                                                  @Valid @Body Requests.WeeklyTarget body) {
        if (!targets.setTarget(caller.clinicId(), body.target(), caller.user(), clock.instant(), Versions.expected(ifMatch))) {
            throw Versions.stale("The clinic's weekly target", targets.version(caller.clinicId()));
        }
        return view(caller);
    }

    private HttpResponse<WeeklyGoalView> view(Caller caller) {
        long version = targets.version(caller.clinicId());
        return Versions.tagged(HttpResponse.ok(WeeklyGoalView.of(goals.progress(caller.clinicId(), clock.instant()), version)),
                version);
    }

    @Serdeable
    public record WeeklyGoalView(String weekStart, int target, int done, boolean met, int streak, long openTasks,
                                 long version) {
        static WeeklyGoalView of(WeeklyGoals.Progress p, long version) {
            return new WeeklyGoalView(p.weekStart().toString(), p.target(), p.done(), p.met(), p.streak(), p.open(),
                    version);
        }
    }
}
