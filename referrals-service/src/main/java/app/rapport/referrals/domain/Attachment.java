package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** What was attached to a referral (a letter, imaging, notes): metadata only, the file lives elsewhere. */
@MappedEntity("referral_attachment")
public record Attachment(@Id String id, String clinicId, String referralId, int listOrder, String fileName,
                         String contentType, @Nullable Long sizeBytes, @Nullable String description) {
}
