-- outreach-service: the local copy of the directory, the referrals the rules count, outreach
-- tasks, the gift ledger, per-clinic message templates and weekly goals.

-- Local copy of contacts-service's practitioners (PractitionerSnapshot), one row per clinic and
-- practitioner; a snapshot older than the stored version is ignored.
CREATE TABLE partner (
    clinic_id          VARCHAR(64)  NOT NULL,
    id                 CHAR(36)     NOT NULL,
    first_name         VARCHAR(100) NOT NULL,
    last_name          VARCHAR(100) NOT NULL,
    credentials        VARCHAR(100) NULL,
    specialty          VARCHAR(64)  NOT NULL,
    organization       VARCHAR(200) NULL,
    email              VARCHAR(254) NULL,
    phone              VARCHAR(20)  NULL,
    postal_address     VARCHAR(600) NULL,        -- printable lines, newline separated
    preferred_channel  VARCHAR(32)  NOT NULL,
    stage              VARCHAR(32)  NOT NULL,
    physician          BOOLEAN      NOT NULL,
    archived           BOOLEAN      NOT NULL,
    version            BIGINT       NOT NULL,
    first_seen_at      TIMESTAMP(6) NOT NULL,
    updated_at         TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (clinic_id, id),
    INDEX ix_partner_stage (clinic_id, stage, archived, first_seen_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Referrals in both directions as the rules need them: who, which way, on what day.
CREATE TABLE referral_fact (
    clinic_id       VARCHAR(64) NOT NULL,
    referral_id     CHAR(36)    NOT NULL,
    practitioner_id CHAR(36)    NOT NULL,
    direction       VARCHAR(16) NOT NULL,        -- RECEIVED | SENT
    occurred_on     DATE        NOT NULL,
    PRIMARY KEY (clinic_id, referral_id),
    INDEX ix_referral_fact_partner (clinic_id, practitioner_id, direction, occurred_on)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE outreach_task (
    id                  CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id           VARCHAR(64)  NOT NULL,
    type                VARCHAR(32)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,   -- PROPOSED | OPEN | DONE | SKIPPED
    practitioner_id     CHAR(36)     NOT NULL,
    referral_id         CHAR(36)     NULL,
    channel             VARCHAR(32)  NOT NULL,
    channel_provisional BOOLEAN      NOT NULL,   -- default channel, partner's preference not known yet
    due_on              DATE         NOT NULL,
    rule                VARCHAR(100) NULL,       -- the rule plugin that proposed it; NULL when staff created it
    dedupe_key          VARCHAR(200) NULL,       -- one task per rule and occasion, e.g. ThankYou:<referral id>
    note                VARCHAR(500) NULL,
    offer               VARCHAR(32)  NULL,       -- invitations: FREE_EVALUATION | GIFT_CERTIFICATE
    outcome             VARCHAR(500) NULL,
    skip_reason         VARCHAR(500) NULL,
    delivered_at        TIMESTAMP(6) NULL,
    completed_at        TIMESTAMP(6) NULL,
    created_by          VARCHAR(200) NOT NULL,
    created_at          TIMESTAMP(6) NOT NULL,
    updated_at          TIMESTAMP(6) NOT NULL,
    -- The second guard behind the inbox: a redelivered or replayed event cannot make a second task.
    CONSTRAINT uq_outreach_task_dedupe UNIQUE (clinic_id, dedupe_key),
    INDEX ix_outreach_task_due (clinic_id, status, due_on),
    INDEX ix_outreach_task_partner (clinic_id, practitioner_id, type)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE gift (
    id              CHAR(36)      NOT NULL PRIMARY KEY,
    clinic_id       VARCHAR(64)   NOT NULL,
    practitioner_id CHAR(36)      NOT NULL,
    task_id         CHAR(36)      NULL,
    kind            VARCHAR(32)   NOT NULL,
    description     VARCHAR(200)  NULL,
    amount          DECIMAL(14,2) NOT NULL,
    currency        CHAR(3)       NOT NULL,
    given_on        DATE          NOT NULL,
    gift_year       INT           NOT NULL,
    recorded_by     VARCHAR(200)  NOT NULL,
    recorded_at     TIMESTAMP(6)  NOT NULL,
    INDEX ix_gift_recipient_year (clinic_id, practitioner_id, gift_year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A clinic's own wording; without a row the built-in default applies.
CREATE TABLE message_template (
    clinic_id  VARCHAR(64)   NOT NULL,
    kind       VARCHAR(32)   NOT NULL,           -- THANK_YOU | INVITATION
    subject    VARCHAR(200)  NOT NULL,
    body       TEXT          NOT NULL,
    updated_by VARCHAR(200)  NOT NULL,
    updated_at TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (clinic_id, kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE weekly_goal (
    clinic_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    target     INT          NOT NULL,
    updated_by VARCHAR(200) NOT NULL,
    updated_at TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
