-- posting_facts and posting_skills are rebuilt by aggregate_market runs (DELETE + INSERT in one transaction), and
-- posting_roles is emptied and refilled whenever the taxonomy or the classifier changes. With a PRIMARY KEY,
-- DuckDB maintains an ART index through that delete/re-insert of the same keys, which made a re-run on 100,000
-- postings ~15x slower than building the tables (benchmarks/bench_market.py).
-- Uniqueness comes from the INSERT ... SELECT itself (postings' key; GROUP BY posting_id, skill_id; ANTI JOIN on
-- posting_roles), and no query uses the index, so the three tables lose their key constraint. The data is
-- derived: it is copied over as it is.

CREATE TABLE posting_facts_021 (
    posting_id       VARCHAR NOT NULL,
    month            VARCHAR,
    role_id          VARCHAR NOT NULL,
    seniority        VARCHAR NOT NULL,
    country          VARCHAR,
    location         VARCHAR,
    remote           BOOLEAN,
    salary_currency  VARCHAR,
    salary_year      DOUBLE                   -- midpoint of the range, normalised to a year
);
INSERT INTO posting_facts_021 SELECT * FROM posting_facts;
DROP TABLE posting_facts;
ALTER TABLE posting_facts_021 RENAME TO posting_facts;

CREATE TABLE posting_skills_021 (
    posting_id  VARCHAR NOT NULL,
    skill_id    VARCHAR NOT NULL,
    required    BOOLEAN NOT NULL,             -- asked as a requirement somewhere in the posting
    preferred   BOOLEAN NOT NULL              -- asked only as nice-to-have
);
INSERT INTO posting_skills_021 SELECT * FROM posting_skills;
DROP TABLE posting_skills;
ALTER TABLE posting_skills_021 RENAME TO posting_skills;

CREATE TABLE posting_roles_021 (
    posting_id     VARCHAR NOT NULL,
    role_id        VARCHAR NOT NULL,          -- a taxonomy role id, or 'other'
    seniority      VARCHAR NOT NULL,          -- intern | junior | mid | senior | lead | principal | manager
    rules_version  VARCHAR NOT NULL           -- roles.rules_version(taxonomy version): taxonomy + classifier code
);
INSERT INTO posting_roles_021 SELECT * FROM posting_roles;
DROP TABLE posting_roles;
ALTER TABLE posting_roles_021 RENAME TO posting_roles;
