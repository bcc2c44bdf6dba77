package app.rapport.outreach.plugin;

import java.time.LocalDate;

/**
 * A referral received from or sent to a partner, without any patient data.
 *
 * @param direction RECEIVED or SENT
 * @param kind      REFERRAL or SECOND_OPINION
 */
public record ReferralFact(String referralId, String direction, String kind, String practitionerId,
                           LocalDate occurredOn) {

    public boolean received() {
        return "RECEIVED".equals(direction);
    }
}
