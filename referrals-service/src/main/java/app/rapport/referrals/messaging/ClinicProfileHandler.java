package app.rapport.referrals.messaging;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.platform.inbox.PoisonEventException;
import app.rapport.platform.persistence.AfterCommit;
import app.rapport.referrals.domain.ClinicCalendar;
import app.rapport.referrals.domain.ClinicTimeZone;
import app.rapport.referrals.repository.ClinicTimeZoneRepository;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;

/**
 * Keeps each clinic's time zone from its profile (ClinicProfileUpdated on contacts.practitioners.v1):
 * the whole profile travels, so the highest {@code version} wins and an older or repeated one changes nothing.
 */
@Singleton
public class ClinicProfileHandler implements EventHandler<InboundEvents.ClinicProfileUpdated> {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicProfileHandler.class);

    private final ClinicTimeZoneRepository zones;
    private final ClinicCalendar calendar;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public ClinicProfileHandler(ClinicTimeZoneRepository zones, ClinicCalendar calendar,
                                TransactionOperations<Connection> transactions, Clock clock) {
        this.zones = zones;
        this.calendar = calendar;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String consumerName() {
        // The name it had as ClinicTimeZoneHandler: a new name would replay the topic.
        return "referrals-service.clinic-time-zone";
    }

    @Override
    public Map<String, Class<? extends InboundEvents.ClinicProfileUpdated>> payloadTypes() {
        return Map.of(EventTypes.CLINIC_PROFILE_UPDATED, InboundEvents.ClinicProfileUpdated.class);
    }

    @Override
    public void apply(InboundEvent<InboundEvents.ClinicProfileUpdated> event) {
        InboundEvents.ClinicProfileUpdated profile = event.payload();
        try {
            ZoneId.of(profile.timeZone());
        } catch (DateTimeException e) {
            throw new PoisonEventException(event.type() + " names time zone '" + profile.timeZone()
                    + "', which is no IANA zone");
        }
        String clinic = event.clinicId();
        ClinicTimeZone snapshot = new ClinicTimeZone(clinic, profile.timeZone(), profile.version(), clock.instant());
        if (!zones.keepNewer(zones.lock(clinic), snapshot).changed()) {
            LOG.debug("Clinic {} profile v{} ignored: the copy holds it or a newer one", clinic, profile.version());
            return;
        }
        // After the commit: forgotten earlier, a request could read the old zone again and keep it a minute.
        AfterCommit.run(transactions, () -> calendar.forget(clinic));
        LOG.info("Clinic {} time zone {} (profile v{})", clinic, profile.timeZone(), profile.version());
    }
}
