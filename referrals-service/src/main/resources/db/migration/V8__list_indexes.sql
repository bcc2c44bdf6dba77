-- Lists served by indexes (ADR 0012). The referrals list filters on any of direction, status and
-- partner and always reads newest first (referred_on DESC, created_at DESC, id): one index per
-- combination of those equality filters, each followed by the order, so a page reads its rows in
-- order (a from/to date is a range on referred_on, the order's own first column). Descending key
-- parts (MariaDB 10.8+, MySQL 8) let "DESC, DESC, id ASC" be read straight from the index.
ALTER TABLE referral
    ADD INDEX ix_referral_list (clinic_id, referred_on DESC, created_at DESC, id),
    ADD INDEX ix_referral_list_direction (clinic_id, direction, referred_on DESC, created_at DESC, id),
    ADD INDEX ix_referral_list_status (clinic_id, status, referred_on DESC, created_at DESC, id),
    ADD INDEX ix_referral_list_direction_status (clinic_id, direction, status, referred_on DESC, created_at DESC, id),
    ADD INDEX ix_referral_list_partner (clinic_id, practitioner_id, referred_on DESC, created_at DESC, id),
    ADD INDEX ix_referral_list_partner_direction (clinic_id, practitioner_id, direction, referred_on DESC, created_at DESC, id),
    ADD INDEX ix_referral_list_partner_status (clinic_id, practitioner_id, status, referred_on DESC, created_at DESC, id),
    ADD INDEX ix_referral_list_partner_direction_status (clinic_id, practitioner_id, direction, status, referred_on DESC, created_at DESC, id),
    -- the same leading columns as the list indexes above, which now serve whatever these served
    DROP INDEX ix_referral_clinic_date,
    DROP INDEX ix_referral_clinic_partner,
    DROP INDEX ix_referral_clinic_status,
    DROP INDEX ix_referral_clinic_direction_status;

-- Intake links, newest first.
ALTER TABLE intake_link
    ADD INDEX ix_intake_link_list (clinic_id, created_at DESC, id),
    DROP INDEX ix_intake_link_clinic;
