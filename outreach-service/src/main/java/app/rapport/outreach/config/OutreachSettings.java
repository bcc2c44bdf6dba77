package app.rapport.outreach.config;

import app.rapport.outreach.domain.OutreachChannel;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything an operator may tune about outreach; each value comes from an env var documented in
 * the README (see application.yml).
 */
@Singleton
public class OutreachSettings {

    private final ZoneId defaultZone;
    private final Map<String, ZoneId> clinicZones;
    private final OutreachChannel defaultThankYouChannel;
    private final int repeatReferrerCount;
    private final int repeatReferrerWindowDays;
    private final int reverseReferralCount;
    private final int weeklyNewPractitioners;
    private final double dormantGapFactor;
    private final int dormantMinDays;
    private final BigDecimal physicianAnnualCap;
    private final Map<Integer, BigDecimal> physicianCapsByYear;
    private final BigDecimal otherAnnualCap;
    private final String giftCurrency;

    public OutreachSettings(@Value("${rapport.outreach.time-zone}") String defaultZone,
                            @Value("${rapport.outreach.clinic-time-zones:}") String clinicZones,
                            @Value("${rapport.outreach.default-thank-you-channel}") String defaultThankYouChannel,
                            @Value("${rapport.outreach.repeat-referrer.count}") int repeatReferrerCount,
                            @Value("${rapport.outreach.repeat-referrer.window-days}") int repeatReferrerWindowDays,
                            @Value("${rapport.outreach.reverse-referral.count}") int reverseReferralCount,
                            @Value("${rapport.outreach.weekly-new-practitioners}") int weeklyNewPractitioners,
                            @Value("${rapport.outreach.dormant.gap-factor}") double dormantGapFactor,
                            @Value("${rapport.outreach.dormant.min-days}") int dormantMinDays,
                            @Value("${rapport.outreach.gifts.physician-annual-cap}") String physicianAnnualCap,
                            @Value("${rapport.outreach.gifts.physician-annual-caps-by-year:}") String capsByYear,
                            @Value("${rapport.outreach.gifts.other-annual-cap}") String otherAnnualCap,
                            @Value("${rapport.outreach.gifts.currency}") String giftCurrency) {
        this.defaultZone = ZoneId.of(defaultZone);
        this.clinicZones = new HashMap<>();
        pairs(clinicZones).forEach((clinic, zone) -> this.clinicZones.put(clinic, ZoneId.of(zone)));
        this.defaultThankYouChannel = OutreachChannel.valueOf(defaultThankYouChannel);
        this.repeatReferrerCount = repeatReferrerCount;
        this.repeatReferrerWindowDays = repeatReferrerWindowDays;
        this.reverseReferralCount = reverseReferralCount;
        this.weeklyNewPractitioners = weeklyNewPractitioners;
        this.dormantGapFactor = dormantGapFactor;
        this.dormantMinDays = dormantMinDays;
        this.physicianAnnualCap = new BigDecimal(physicianAnnualCap);
        this.physicianCapsByYear = new HashMap<>();
        pairs(capsByYear).forEach((year, cap) -> physicianCapsByYear.put(Integer.parseInt(year), new BigDecimal(cap)));
        this.otherAnnualCap = new BigDecimal(otherAnnualCap);
        this.giftCurrency = giftCurrency;
    }

    /** "a=1,b=2" → {a: 1, b: 2}; blanks ignored. */
    private static Map<String, String> pairs(String spec) {
        Map<String, String> out = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String pair : spec.split(",")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException("Expected key=value, got '" + pair + "'");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }

    /**
     * The configured zone of a clinic, or the default. The clinic's profile (ClinicProfileUpdated)
     * wins once it arrives: ask {@code ClinicProfiles.zoneOf}, not this, for "today".
     */
    public ZoneId zoneOf(String clinicId) {
        return clinicZones.getOrDefault(clinicId, defaultZone);
    }

    /** Used for a thank-you when the partner's preference has not arrived yet. */
    public OutreachChannel defaultThankYouChannel() {
        return defaultThankYouChannel;
    }

    public int repeatReferrerCount() {
        return repeatReferrerCount;
    }

    public int repeatReferrerWindowDays() {
        return repeatReferrerWindowDays;
    }

    public int reverseReferralCount() {
        return reverseReferralCount;
    }

    public int weeklyNewPractitioners() {
        return weeklyNewPractitioners;
    }

    public double dormantGapFactor() {
        return dormantGapFactor;
    }

    public int dormantMinDays() {
        return dormantMinDays;
    }

    /** The yearly non-monetary compensation limit for a physician in {@code year}. */
    public BigDecimal physicianAnnualCap(int year) {
        return physicianCapsByYear.getOrDefault(year, physicianAnnualCap);
    }

    public BigDecimal otherAnnualCap() {
        return otherAnnualCap;
    }

    public String giftCurrency() {
        return giftCurrency;
    }
}
