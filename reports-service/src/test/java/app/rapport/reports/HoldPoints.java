package app.rapport.reports;

import app.rapport.platform.mail.Mailer;
import app.rapport.reports.domain.ClinicCalendar;
import app.rapport.reports.domain.Letterheads;
import app.rapport.reports.domain.MeasurementLog;
import app.rapport.reports.domain.ReportContent;
import app.rapport.reports.domain.ReportDocument;
import app.rapport.reports.plugin.Destination;
import app.rapport.reports.plugin.EmailDelivery;
import app.rapport.reports.plugin.MailText;
import app.rapport.reports.plugin.PdfReportRenderer;
import app.rapport.reports.repository.MeasurementRepository;
import app.rapport.reports.repository.ReferralRepository;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Points inside the service where a race test parks one request while another runs: the real
 * code on either side, a latch in between. Only in a context with {@code rapport.test.hold-points=true}.
 */
final class HoldPoints {

    static final String CONTENT_CHECKED = "content-checked";
    static final String REPORT_RENDERED = "report-rendered";
    static final String REPORT_DELIVERED = "report-delivered";

    /** What a parked request does when let go. */
    enum Then { CONTINUE, DIE }

    private record Hold(CountDownLatch reached, CountDownLatch released, Then then, AtomicBoolean taken) {
    }

    private static final Map<String, Hold> ARMED = new ConcurrentHashMap<>();

    private HoldPoints() {
    }

    /** The next request to pass {@code point} parks there until {@link #release}. */
    static void arm(String point, Then then) {
        ARMED.put(point, new Hold(new CountDownLatch(1), new CountDownLatch(1), then, new AtomicBoolean()));
    }

    static void awaitReached(String point) throws InterruptedException {
        if (!ARMED.get(point).reached().await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("nothing reached " + point);
        }
    }

    static void release(String point) {
        ARMED.remove(point).released().countDown();
    }

    /** Only the first request to pass an armed point parks; every other passes straight through. */
    static void pass(String point) {
        Hold hold = ARMED.get(point);
        if (hold == null || !hold.taken().compareAndSet(false, true)) {
            return;
        }
        hold.reached().countDown();
        try {
            hold.released().await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (hold.then() == Then.DIE) {
            throw new SenderStopped();
        }
    }

    /** Not an exception the service handles: the sending thread stops here, as in a crash. */
    static final class SenderStopped extends Error {
        SenderStopped() {
            super("the sender stopped dead (test)");
        }
    }

    @Singleton
    @Replaces(MeasurementLog.class)
    @Requires(property = "rapport.test.hold-points", value = "true")
    static class HeldMeasurementLog extends MeasurementLog {
        HeldMeasurementLog(MeasurementRepository measurements, ReferralRepository referrals, ClinicCalendar calendar,
                           app.rapport.platform.idempotency.IdempotentEffects idempotentEffects, java.time.Clock clock) {
            super(measurements, referrals, calendar, idempotentEffects, clock);
        }

        @Override
        public void checkContent(String clinicId, String referralId, ReportContent content) {
            super.checkContent(clinicId, referralId, content);
            pass(CONTENT_CHECKED);
        }
    }

    @Singleton
    @Replaces(PdfReportRenderer.class)
    @Requires(property = "rapport.test.hold-points", value = "true")
    static class HeldPdfReportRenderer extends PdfReportRenderer {
        HeldPdfReportRenderer(Letterheads letterheads) {
            super(letterheads);
        }

        @Override
        public byte[] render(ReportDocument doc) {
            byte[] pdf = super.render(doc);
            pass(REPORT_RENDERED);
            return pdf;
        }
    }

    @Singleton
    @Replaces(EmailDelivery.class)
    @Requires(property = "rapport.test.hold-points", value = "true")
    static class HeldEmailDelivery extends EmailDelivery {
        HeldEmailDelivery(Mailer mail, MailText text) {
            super(mail, text);
        }

        @Override
        public void deliver(ReportDocument document, byte[] pdf, Destination to) {
            super.deliver(document, pdf, to);
            pass(REPORT_DELIVERED);
        }
    }
}
