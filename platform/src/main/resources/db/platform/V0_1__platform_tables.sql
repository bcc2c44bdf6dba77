-- Tables every Rapport service has: the transactional outbox, the consumer inbox and
-- per-clinic plugin switches. Each service's own tables start at version 1.

CREATE TABLE outbox_event (
    seq            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY, -- publish order
    id             CHAR(36)     NOT NULL,                            -- ce_id
    clinic_id      VARCHAR(64)  NOT NULL,
    aggregate_type VARCHAR(64)  NOT NULL,
    aggregate_id   VARCHAR(64)  NOT NULL,                            -- record key, ce_subject
    topic          VARCHAR(128) NOT NULL,
    type           VARCHAR(128) NOT NULL,                            -- ce_type
    payload        MEDIUMTEXT   NOT NULL,
    trace_parent   VARCHAR(64)  NULL,
    created_at     TIMESTAMP(6) NOT NULL,
    published_at   TIMESTAMP(6) NULL,
    CONSTRAINT uq_outbox_event_id UNIQUE (id),
    INDEX ix_outbox_unpublished (published_at, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(100) NOT NULL,
    clinic_id    VARCHAR(64)  NOT NULL,
    event_type   VARCHAR(128) NOT NULL,
    processed_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (consumer, event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE plugin_setting (
    clinic_id   VARCHAR(64)  NOT NULL,
    plugin_name VARCHAR(100) NOT NULL,
    enabled     BOOLEAN      NOT NULL,
    changed_by  VARCHAR(200) NOT NULL,
    changed_at  TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (clinic_id, plugin_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
