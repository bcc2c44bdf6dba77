package app.rapport.outreach.repository;

import app.rapport.platform.inbox.BatchMemo;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The running counts a consumer batch's referrals raise (ADR 0016), held until the batch is
 * applied and then written once per partner and direction: a busy referrer's poll of twenty
 * referrals sends one upsert, not twenty (issue 14). Written in key order, so two transactions
 * that raise the same partners' counts lock their rows in the same order. What the batch's rules
 * read of a count ({@link PartnerHistory#referrals}) adds what is held here.
 */
final class PendingReferralCounts {

    private static final Object KEY = PendingReferralCounts.class;

    private record Key(String clinicId, String practitionerId, String direction) {
    }

    private record Tally(int referrals, LocalDate lastOn) {
        Tally plus(LocalDate on) {
            return new Tally(referrals + 1, on.isAfter(lastOn) ? on : lastOn);
        }
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::clinicId)
            .thenComparing(Key::practitionerId).thenComparing(Key::direction);

    private final ReferralFactRepository writer;
    private final Map<Key, Tally> counts = new TreeMap<>(ORDER);

    private PendingReferralCounts(ReferralFactRepository writer) {
        this.writer = writer;
    }

    /** This consumer transaction's pending counts, opened on first use; empty outside one (count now). */
    static Optional<PendingReferralCounts> inThisBatch(ReferralFactRepository writer) {
        return BatchMemo.pending(KEY, () -> new PendingReferralCounts(writer), PendingReferralCounts::write);
    }

    /** The pending counts if this consumer transaction has any. */
    static Optional<PendingReferralCounts> open() {
        return BatchMemo.open(KEY);
    }

    void add(String clinicId, String practitionerId, String direction, LocalDate on) {
        counts.merge(new Key(clinicId, practitionerId, direction), new Tally(1, on), (had, one) -> had.plus(on));
    }

    /** How many referrals are pending for the partner in {@code direction}. */
    int of(String clinicId, String practitionerId, String direction) {
        Tally tally = counts.get(new Key(clinicId, practitionerId, direction));
        return tally == null ? 0 : tally.referrals();
    }

    /** Writes what is pending, in key order, and forgets it. */
    void write() {
        counts.forEach((key, tally) -> writer.countReferrals(key.clinicId(), key.practitionerId(), key.direction(),
                tally.referrals(), tally.lastOn()));
        counts.clear();
    }
}
