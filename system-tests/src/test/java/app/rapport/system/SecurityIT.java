package app.rapport.system;

import app.rapport.local.ServiceApi;
import app.rapport.local.RapportService;
import app.rapport.platform.security.TokenMinter;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** No token, an expired token, a forged signature, a role that may not: 401/403 problem+json. */
@Order(40)
class SecurityIT {

    @ParameterizedTest
    @EnumSource(RapportService.class)
    void everyServiceRefusesCallsWithoutAValidToken(RapportService service) {
        ServiceApi api = RunningPlatform.api(service);
        String clinic = "security-" + service.ordinal();
        String expired = TokenMinter.mint(RunningPlatform.get().jwtSecret(), "x", clinic, List.of("staff"),
                Instant.now().minusSeconds(120));
        String forged = TokenMinter.mint("not-the-platform-secret-0123456789-abcdef", "x", clinic, List.of("staff"),
                Instant.now().plusSeconds(600));
        for (String token : new String[] {null, expired, forged, "not-a-jwt"}) {
            ServiceApi.Answer answer = api.get("/api/v1/plugins", token);
            assertThat(answer.status()).as("%s with token %s", service, token).isEqualTo(401);
            assertThat(answer.isProblem()).as(answer.toString()).isTrue();
            Tally.count(Tally.SECURITY);
        }
    }

    @ParameterizedTest
    @EnumSource(RapportService.class)
    void aRoleThatMayNotIsRefused(RapportService service) {
        ServiceApi.Answer answer = RunningPlatform.api(service).put("/api/v1/plugins/anything",
                RunningPlatform.token("security-roles", "clinician"), java.util.Map.of("enabled", false));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.isProblem()).isTrue();
        Tally.count(Tally.SECURITY);
    }
}
