package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What staff enter about a partner, by hand, from an import or with an introduction. Phone, fax
 * and e-mail are normalised (E.164, lower case) before they are stored or compared.
 *
 * @param stage             only when entering a partner the clinic already knows; defaults to PROSPECT.
 *                          An edit leaves the stage alone: that is a stage change.
 * @param physicianOverride null lets the directory derive it from specialty and credentials
 * @param owner             the staff member looking after the relationship; defaults to whoever enters it
 */
@Serdeable
public record PractitionerDetails(@NotBlank @Size(max = 100) String firstName,
                                  @NotBlank @Size(max = 100) String lastName,
                                  @Nullable @Size(max = 100) String credentials,
                                  @NotNull Specialty specialty,
                                  @Nullable @Size(max = 200) String organization,
                                  @Nullable @Pattern(regexp = "^[0-9]{10}$", message = "must be the 10-digit NPI") String npi,
                                  @Nullable @Email @Size(max = 254) String email,
                                  @Nullable @Size(max = 40) String phone,
                                  @Nullable @Size(max = 40) String fax,
                                  @Nullable @Valid PostalAddress address,
                                  @Nullable ThankYouChannel preferredThankYouChannel,
                                  @Nullable @Valid ReportPreferences reportPreferences,
                                  @Nullable RelationshipStage stage,
                                  @Nullable @Size(max = 128) String owner,
                                  @Nullable @Size(max = 20) List<@NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9 _-]{0,49}$",
                                          message = "must be letters, digits, spaces, - or _, at most 50") String> tags,
                                  @Nullable @Size(max = 5000) String notes,
                                  @Nullable Boolean physicianOverride) {
}
