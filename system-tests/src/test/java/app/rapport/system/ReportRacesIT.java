package app.rapport.system;

import app.rapport.local.ServiceApi;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two races of a report against the real processes over HTTP, each started from one gate so
 * the requests meet inside the service: an edit of the content while the report is sent, and the
 * patient's consent revoked while it goes out. Whichever wins, nothing is overwritten and nothing
 * is disclosed without the consent that was valid when it was logged. (No mail server here: the
 * report goes to the print queue, through the same sending path.)
 */
@Order(33)
class ReportRacesIT {

    private static final int ROUNDS = 5;

    @Test
    void anEditRacingTheSendNeverTurnsASentReportBackIntoADraft() throws Exception {
        ClinicSession staff = new ClinicSession("races-edit-" + java.util.UUID.randomUUID().toString().substring(0, 6));
        for (int round = 0; round < ROUNDS; round++) {
            ReportDrafts.Draft d = ReportDrafts.ready(staff);
            String path = "/api/v1/reports/" + d.reportId();
            ServiceApi.Answer[] answers = race(
                    () -> staff.reports.put(path + "/content", staff.token, ReportDrafts.content("Edited while sending " + round(d))),
                    () -> staff.reports.post(path + "/send", staff.token, Map.of("channel", "PRINT")));
            ServiceApi.Answer edit = answers[0];
            ServiceApi.Answer send = answers[1];

            assertThat(send.status()).as(send.toString()).isEqualTo(200);
            assertThat(edit.status()).as("the edit lands before the send, or is refused once it is being sent: " + edit)
                    .isIn(200, 409, 412);
            ServiceApi.Answer report = staff.reports.get(path, staff.token);
            assertThat(report.text("status")).as(report.toString()).isEqualTo("SENT");
            assertThat(ReportDrafts.disclosures(d)).hasSize(1);
            if (edit.status() != 200) {
                assertThat(report.text("content.coverLetter")).isEqualTo("Our plan of care follows.");
            }
            Tally.count(Tally.RACES);
        }
    }

    @Test
    void aRevocationRacingTheSendEitherStopsItOrComesAfterItsDisclosure() throws Exception {
        ClinicSession staff = new ClinicSession("races-consent-" + java.util.UUID.randomUUID().toString().substring(0, 6));
        for (int round = 0; round < ROUNDS; round++) {
            ReportDrafts.Draft d = ReportDrafts.ready(staff);
            ServiceApi.Answer[] answers = race(
                    () -> staff.reports.post("/api/v1/reports/" + d.reportId() + "/send", staff.token, Map.of("channel", "PRINT")),
                    () -> staff.reports.post("/api/v1/consents/" + d.consentId() + "/revoke", staff.token,
                            Map.of("reason", "patient withdrew by phone")));
            ServiceApi.Answer send = answers[0];
            ServiceApi.Answer revoke = answers[1];

            assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
            Instant revokedAt = Instant.parse(revoke.text("revokedAt"));
            ServiceApi.Answer report = staff.reports.get("/api/v1/reports/" + d.reportId(), staff.token);
            if (send.status() == 200) {
                var disclosures = ReportDrafts.disclosures(d);
                assertThat(disclosures).hasSize(1);
                assertThat(disclosures.get(0).path("consentId").asText()).isEqualTo(d.consentId());
                assertThat(Instant.parse(disclosures.get(0).path("disclosedAt").asText()))
                        .as("disclosed under the consent before it was revoked").isBefore(revokedAt);
                assertThat(report.text("status")).isEqualTo("SENT");
            } else {
                assertThat(send.status()).as(send.toString()).isEqualTo(409);
                assertThat(send.body()).contains("consent-required");
                assertThat(ReportDrafts.disclosures(d)).isEmpty();
                assertThat(report.text("status")).isEqualTo("AWAITING_CONSENT");
            }
            Tally.count(Tally.RACES);
        }
    }

    private static String round(ReportDrafts.Draft d) {
        return d.reportId().substring(0, 8);
    }

    /** Both calls released by one gate, each on its own thread. */
    private static ServiceApi.Answer[] race(Supplier<ServiceApi.Answer> first, Supplier<ServiceApi.Answer> second) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<ServiceApi.Answer> a = CompletableFuture.supplyAsync(() -> awaitGate(gate, first));
        CompletableFuture<ServiceApi.Answer> b = CompletableFuture.supplyAsync(() -> awaitGate(gate, second));
        gate.countDown();
        return new ServiceApi.Answer[] {a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS)};
    }

    private static ServiceApi.Answer awaitGate(CountDownLatch gate, Supplier<ServiceApi.Answer> call) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return call.get();
    }
}
