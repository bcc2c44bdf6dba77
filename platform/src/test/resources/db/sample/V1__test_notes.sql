-- A minimal aggregate for the platform's own tests: a note a clinic writes, and what a
-- consumer applied from the events about notes.
CREATE TABLE test_note (
    id        CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id VARCHAR(64)  NOT NULL,
    text      VARCHAR(500) NOT NULL,
    INDEX ix_test_note_clinic (clinic_id)
);

CREATE TABLE test_applied (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    clinic_id    VARCHAR(64)  NOT NULL,
    note_id      VARCHAR(64)  NOT NULL,
    event_id     VARCHAR(100) NOT NULL,
    text         VARCHAR(500) NOT NULL
);
