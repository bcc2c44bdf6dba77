package app.rapport.system;

import app.rapport.local.ServiceApi;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What front-desk staff type that the generic bad-input sweep cannot: a patient's phone as people
 * write it (kept, in E.164) or as no number at all (refused at its field), and a visit dated before
 * its referral (refused at its field, nothing recorded). Its own clinic, so no other test's counts move.
 */
@Order(32)
class PatientAndVisitInputIT {

    private final ClinicSession staff = new ClinicSession("typed-input");

    @Test
    @SuppressWarnings("unchecked")
    void aPhoneAsTypedIsKeptInE164ANonNumberAndAVisitBeforeTheReferralAreRefusedAtTheirFields() {
        String partner = staff.registerPartner("Okafor");
        Map<String, Object> body = ClinicSession.referralBody(partner);
        Map<String, Object> patient = new HashMap<>((Map<String, Object>) body.get("patient"));
        patient.put("phone", "(206) 555-0142");
        body.put("patient", patient);
        LocalDate received = LocalDate.now().minusDays(3);
        body.put("referredOn", received.toString());
        String referral = staff.receiveReferral(body);
        ServiceApi.Answer created = staff.referrals.get("/api/v1/referrals/" + referral, staff.token);
        assertThat(created.json().path("patient").path("phone").asText()).isEqualTo("+12065550142");

        Map<String, Object> notANumber = ClinicSession.referralBody(partner);
        Map<String, Object> other = new HashMap<>((Map<String, Object>) notANumber.get("patient"));
        other.put("lastName", "Haddad");
        other.put("phone", "call the front desk");
        notANumber.put("patient", other);
        ServiceApi.Answer refusedPhone = staff.referrals.post("/api/v1/referrals", staff.token, notANumber);
        assertThat(refusedPhone.status()).as(refusedPhone.toString()).isEqualTo(422);
        assertThat(refusedPhone.isProblem()).isTrue();
        assertThat(refusedPhone.json().path("errors").get(0).path("field").asText()).isEqualTo("patient.phone");
        assertThat(staff.all(staff.referrals, "/api/v1/referrals?q=haddad")).isEmpty();

        for (String to : new String[] {"ACCEPTED", "SCHEDULED"}) {
            ServiceApi.Answer moved = staff.referrals.post("/api/v1/referrals/" + referral + "/transitions", staff.token,
                    Map.of("to", to, "reason", "Booked"));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }
        ServiceApi.Answer early = staff.referrals.post("/api/v1/referrals/" + referral + "/visits", staff.token,
                Map.of("visitDate", received.minusDays(1).toString(), "type", "INITIAL_EVALUATION"));
        assertThat(early.status()).as(early.toString()).isEqualTo(422);
        assertThat(early.json().path("errors").get(0).path("field").asText()).isEqualTo("visitDate");
        assertThat(staff.all(staff.referrals, "/api/v1/referrals/" + referral + "/visits")).isEmpty();
        assertThat(staff.referrals.get("/api/v1/referrals/" + referral, staff.token).text("status")).isEqualTo("SCHEDULED");
    }
}
