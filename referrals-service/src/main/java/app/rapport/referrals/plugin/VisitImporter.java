package app.rapport.referrals.plugin;

import app.rapport.platform.plugin.RapportPlugin;
import app.rapport.referrals.domain.VisitType;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The referrals-service extension point: reads what another system exports (a practice-management
 * system's visit list, …) into visit lines. The adapter only reads; matching each line to a
 * referral, refusing duplicates and recording the visit is the service's job, the same for all.
 * A jar with an implementation on RAPPORT_PLUGIN_DIR is picked up at start.
 */
public interface VisitImporter extends RapportPlugin {

    String EXTENSION_POINT = "visit-importer";

    @Override
    default String extensionPoint() {
        return EXTENSION_POINT;
    }

    /** Reads the export. A line it cannot read comes back with {@link VisitLine#problem()} set, never as an exception. */
    List<VisitLine> read(String content);

    /** How a line names the patient when it has no referral id. Never logged. */
    record PatientMatch(String firstName, String lastName, LocalDate birthDate) {
        @Override
        public String toString() {
            return "PatientMatch[redacted]";
        }
    }

    /**
     * One visit as exported. Either {@code referralId} or {@code patient} identifies the referral;
     * {@code externalRef} (the exporting system's appointment id) keeps a re-import from doubling it.
     */
    record VisitLine(int line, @Nullable String referralId, @Nullable PatientMatch patient,
                     @Nullable LocalDate visitDate, @Nullable VisitType type, @Nullable BigDecimal billedAmount,
                     @Nullable String currency, @Nullable String externalRef, @Nullable String problem) {

        public static VisitLine unreadable(int line, String problem) {
            return new VisitLine(line, null, null, null, null, null, null, null, problem);
        }
    }
}
