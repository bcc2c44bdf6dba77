-- Who to call back at the referring office: a partner's intake form names the person who sent it.
ALTER TABLE referral
    ADD COLUMN referrer_contact_name  VARCHAR(200) NULL,
    ADD COLUMN referrer_contact_phone VARCHAR(40)  NULL,
    ADD COLUMN referrer_contact_email VARCHAR(254) NULL;
