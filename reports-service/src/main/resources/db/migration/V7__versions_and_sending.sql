-- Every record a person edits carries a version: GET returns it as the ETag, an update names it
-- in If-Match and is refused (412) when someone else saved first. Internal writes bump it too, so
-- a stale tab never overwrites what the pipeline or a colleague changed (issue 15, ADR 0407).
ALTER TABLE report        ADD COLUMN version BIGINT NOT NULL DEFAULT 0,
                          -- when the send claimed it (SENDING): the recovery step flags a claim this old
                          ADD COLUMN sending_since TIMESTAMP(6) NULL,
                          ADD INDEX ix_report_sending (status, sending_since);
ALTER TABLE consent       ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE letter        ADD COLUMN version BIGINT NOT NULL DEFAULT 0,
                          ADD COLUMN sending_since TIMESTAMP(6) NULL,
                          -- DRAFT, SENDING, SENT or DELIVERY_UNCONFIRMED
                          MODIFY COLUMN status VARCHAR(20) NOT NULL;
ALTER TABLE measurement   ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
-- PENDING, SENDING, SENT, FAILED or DELIVERY_UNCONFIRMED
ALTER TABLE status_update MODIFY COLUMN status VARCHAR(20) NOT NULL;
