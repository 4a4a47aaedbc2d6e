-- Postings, the loads that brought them, the rows we could not use, and the skills found in them.

CREATE TABLE load_runs (
    run_id        VARCHAR PRIMARY KEY,        -- uuid4 hex
    file          VARCHAR NOT NULL,           -- absolute path as given (member path for archives: a.zip!b.csv)
    checksum      VARCHAR NOT NULL,           -- sha256 of the file's bytes
    source        VARCHAR,                    -- layout's source name (hn, glassdoor, linkedin, generic, ...)
    layout        VARCHAR,                    -- layout id that mapped the columns
    rows          INTEGER NOT NULL DEFAULT 0, -- posting records read; rows = loaded + duplicates + rejected
    loaded        INTEGER NOT NULL DEFAULT 0,
    duplicates    INTEGER NOT NULL DEFAULT 0,
    rejected      INTEGER NOT NULL DEFAULT 0,
    labels        INTEGER NOT NULL DEFAULT 0, -- source label rows kept (label files)
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    status        VARCHAR NOT NULL,           -- loaded | skipped | failed | labels
    message       VARCHAR
);

CREATE TABLE postings (
    posting_id      VARCHAR PRIMARY KEY,      -- stable: derived from source + source id (or url, or content)
    source          VARCHAR NOT NULL,
    source_id       VARCHAR,
    source_file     VARCHAR,
    load_run_id     VARCHAR,
    title           VARCHAR,
    company         VARCHAR,
    location        VARCHAR,
    country         VARCHAR,
    remote          BOOLEAN,
    posted_date     DATE,
    posted_month    VARCHAR,                  -- 'YYYY-MM'
    description     VARCHAR,
    salary_min      DOUBLE,
    salary_max      DOUBLE,
    salary_currency VARCHAR,                  -- ISO 4217
    salary_period   VARCHAR,                  -- year | month | week | day | hour
    salary_text     VARCHAR,
    url             VARCHAR,
    dedup_key       VARCHAR,                  -- near-duplicate key (company + normalised title + text shingle hash)
    raw             JSON,
    loaded_at       TIMESTAMP NOT NULL
);

CREATE TABLE rejected_rows (
    load_run_id  VARCHAR,
    file         VARCHAR NOT NULL,
    row_number   INTEGER,                     -- 1-based record number (CSV: data row; JSONL: line)
    reason       VARCHAR NOT NULL,
    raw          VARCHAR,
    rejected_at  TIMESTAMP NOT NULL
);

-- Another party's labels for postings (HN `technologies`, the Chinese board's `techStack`):
-- kept to measure our extraction, never used as truth.
CREATE TABLE source_labels (
    source      VARCHAR NOT NULL,
    source_id   VARCHAR NOT NULL,
    posting_id  VARCHAR,
    kind        VARCHAR NOT NULL,             -- technology | role | experience_level | ...
    label       VARCHAR NOT NULL,
    source_file VARCHAR
);

CREATE TABLE skill_mentions (
    posting_id        VARCHAR NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    skill_id          VARCHAR NOT NULL,
    label             VARCHAR,
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    text              VARCHAR,
    sentence          VARCHAR,
    section           VARCHAR,                -- requirements | preferred | responsibilities | about | benefits | other
    required          BOOLEAN,                -- true: required, false: nice-to-have, null: unknown
    years             DOUBLE                  -- years of experience asked, when stated
);

-- Which postings were extracted with which taxonomy version (also those with no mentions).
CREATE TABLE posting_extractions (
    posting_id        VARCHAR NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    n_mentions        INTEGER NOT NULL,
    extracted_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (posting_id, taxonomy_version)
);
