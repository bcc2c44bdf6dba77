package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.ClinicProfile;
import app.rapport.contacts.domain.Letterhead;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Objects;

/**
 * The clinic profile as other services see it ({@code ClinicProfileUpdated}, shaped as the golden
 * sample): what their letters need to speak for the clinic, never the packet's lists of plans and
 * policies, which stay here.
 */
public final class ClinicProfileEvents {

    private ClinicProfileEvents() {
    }

    @Serdeable
    public record ClinicProfileUpdated(String profileId, String clinicName, String timeZone, Letterhead letterhead,
                                       @Nullable ClinicProfile.Logo logo, List<String> focusNiches, int version) {

        /** {@code profile} as saved: time zone resolved, version set. */
        public static ClinicProfileUpdated of(String profileId, ClinicProfile profile) {
            return new ClinicProfileUpdated(profileId, profile.clinicName(), Objects.requireNonNull(profile.timeZone()),
                    profile.letterhead(), profile.logo(),
                    profile.focusNiches() == null ? List.of() : profile.focusNiches(),
                    Objects.requireNonNull(profile.version()));
        }
    }
}
