-- Market analytics: role families per posting, and the tables aggregate_market materialises
-- so that every dashboard query is a scan of small, denormalised tables.

CREATE TABLE posting_roles (
    posting_id     VARCHAR PRIMARY KEY,
    role_id        VARCHAR NOT NULL,          -- a taxonomy role id, or 'other'
    seniority      VARCHAR NOT NULL,          -- intern | junior | mid | senior | lead | principal | manager
    rules_version  VARCHAR NOT NULL           -- taxonomy version whose role patterns classified it
);

-- Small lookup copies of the taxonomy so SQL can join labels.
CREATE TABLE skills (
    skill_id  VARCHAR PRIMARY KEY,
    label     VARCHAR NOT NULL,
    category  VARCHAR,
    kind      VARCHAR,
    parent    VARCHAR
);

CREATE TABLE roles (
    role_id  VARCHAR PRIMARY KEY,
    label    VARCHAR NOT NULL
);

-- One row per posting with everything filters need.
CREATE TABLE posting_facts (
    posting_id       VARCHAR PRIMARY KEY,
    month            VARCHAR,
    role_id          VARCHAR NOT NULL,
    seniority        VARCHAR NOT NULL,
    country          VARCHAR,
    location         VARCHAR,
    remote           BOOLEAN,
    salary_currency  VARCHAR,
    salary_year      DOUBLE                   -- midpoint of the range, normalised to a year
);

-- One row per (posting, skill) for the current taxonomy version.
CREATE TABLE posting_skills (
    posting_id  VARCHAR NOT NULL,
    skill_id    VARCHAR NOT NULL,
    required    BOOLEAN NOT NULL,             -- asked as a requirement somewhere in the posting
    preferred   BOOLEAN NOT NULL,             -- asked only as nice-to-have
    PRIMARY KEY (posting_id, skill_id)
);

-- Capitalised terms and acronyms in postings that no taxonomy surface form covers.
CREATE TABLE market_unknown_terms (
    term      VARCHAR NOT NULL,
    month     VARCHAR NOT NULL,
    postings  INTEGER NOT NULL
);

CREATE TABLE market_meta (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR
);
