-- The first outcome of each POST sent with an Idempotency-Key (ADR 0009), so that a retry gets
-- the same answer instead of running again. Rows older than rapport.idempotency.retention go.
CREATE TABLE idempotency_key (
    -- SHA-256 of scope, method, route template, path values and key: the one unique guard a
    -- claim's INSERT relies on. Path values stay hashed (an intake link's token is a credential).
    id               CHAR(64)     NOT NULL PRIMARY KEY,
    scope            VARCHAR(100) NOT NULL,           -- the acting clinic, or 'public' without a token
    route            VARCHAR(300) NOT NULL,           -- e.g. 'POST /api/v1/referrals/{id}/transitions'
    idem_key         VARCHAR(255) NOT NULL,           -- as the client sent it
    request_hash     CHAR(64)     NOT NULL,           -- SHA-256 of content type, query and body
    attempt          INT          NOT NULL,           -- fencing: a takeover after a crash bumps it
    effect_committed BOOLEAN      NOT NULL,           -- set inside the handler's own transaction
    claimed_at       TIMESTAMP(6) NOT NULL,
    completed_at     TIMESTAMP(6) NULL,
    response_status  INT          NULL,
    response_headers TEXT         NULL,               -- JSON object of the headers replayed
    response_body    MEDIUMBLOB   NULL,
    created_at       TIMESTAMP(6) NOT NULL,
    INDEX ix_idempotency_key_scope (scope, created_at),
    INDEX ix_idempotency_key_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
