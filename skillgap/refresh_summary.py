"""What a refresh did, in numbers a person reads: counts, months touched, new skills, top movers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from skillgap import market, store


@dataclass(frozen=True)
class RefreshSummary:
    files: int
    skipped_files: int
    rows: int
    loaded: int
    duplicates: int
    rejected: int
    extracted: int
    months: list[str] = field(default_factory=list)
    new_skills: list[dict] = field(default_factory=list)
    top_movers: list[dict] = field(default_factory=list)
    taxonomy_version: str | None = None
    warnings: list[str] = field(default_factory=list)  # e.g. no export file in the folder

    def to_dict(self) -> dict:
        return asdict(self)

    def to_markdown(self) -> str:
        lines = [
            "## Refresh summary",
            "",
            "| files | skipped | rows | loaded | duplicates | rejected | postings extracted |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            f"| {self.files} | {self.skipped_files} | {self.rows} | {self.loaded} | {self.duplicates} "
            f"| {self.rejected} | {self.extracted} |",
            "",
            f"Months with new postings: {', '.join(self.months) or 'none'}",
            "",
        ]
        lines += [f"**Warning:** {w}" for w in self.warnings] + ([""] if self.warnings else [])
        if self.new_skills:
            lines += ["New skills seen: " + ", ".join(s["label"] for s in self.new_skills[:20]), ""]
        if self.top_movers:
            lines += ["| top mover | share | change |", "|---|---:|---:|"]
            for m in self.top_movers:
                change = "—" if m["change"] is None else f"{m['change'] * 100:+.1f} pts"
                share = "—" if m["latest_share"] is None else f"{m['latest_share'] * 100:.1f}%"
                lines.append(f"| {m['label']} | {share} | {change} |")
        return "\n".join(lines)


def _int(d: dict | None, key: str) -> int:
    return int((d or {}).get(key) or 0)


def summarize_refresh(
    db_path: Path | str, *, ingested: dict, extracted: dict, aggregated: dict, since: str
) -> RefreshSummary:
    """Summarise a refresh from its steps' results and the (staged) store it wrote."""
    con = store.connect(db_path)
    try:
        months = [
            r[0]
            for r in con.execute(
                """SELECT DISTINCT p.posted_month FROM postings p JOIN load_runs l ON p.load_run_id = l.run_id
                   WHERE l.started_at >= CAST(? AS TIMESTAMP) AND p.posted_month IS NOT NULL ORDER BY 1""",
                [since],
            ).fetchall()
        ]
        version = aggregated.get("taxonomy_version")
        older = store.scalar(
            con,
            """SELECT count(*) FROM postings p LEFT JOIN load_runs l ON p.load_run_id = l.run_id
               WHERE l.started_at IS NULL OR l.started_at < CAST(? AS TIMESTAMP)""",
            [since],
        )
        # on a first load every skill is "new": only report skills new relative to earlier postings
        new_skills = [] if not older else [
            {"skill_id": r[0], "label": r[1]}
            for r in con.execute(
                """WITH fresh AS (SELECT p.posting_id FROM postings p JOIN load_runs l ON p.load_run_id = l.run_id
                                  WHERE l.started_at >= CAST(? AS TIMESTAMP))
                   SELECT s.skill_id, any_value(k.label)
                   FROM posting_skills s JOIN fresh USING (posting_id) LEFT JOIN skills k USING (skill_id)
                   WHERE s.skill_id NOT IN (
                       SELECT skill_id FROM posting_skills WHERE posting_id NOT IN (SELECT posting_id FROM fresh))
                   GROUP BY s.skill_id ORDER BY count(*) DESC, s.skill_id LIMIT 50""",
                [since],
            ).fetchall()
        ]
        movers = []
        if months:
            t = market.trends(con, market.MarketFilter(), months=13, min_support=5, top=5)
            ranked = [s for s in t["skills"] if s["change"] is not None and s["postings"] >= 5]
            ranked.sort(key=lambda s: (-abs(s["change"]), s["skill_id"]))
            movers = [
                {"skill_id": s["skill_id"], "label": s["label"], "latest_share": s["latest_share"], "change": s["change"]}
                for s in ranked[:5]
            ]
    finally:
        con.close()
    return RefreshSummary(
        files=_int(ingested, "files"),
        skipped_files=_int(ingested, "skipped_files"),
        rows=_int(ingested, "rows"),
        loaded=_int(ingested, "loaded"),
        duplicates=_int(ingested, "duplicates"),
        rejected=_int(ingested, "rejected"),
        extracted=_int(extracted, "extracted") or _int(extracted, "postings"),
        months=months,
        new_skills=new_skills,
        top_movers=movers,
        taxonomy_version=version,
        warnings=list((ingested or {}).get("warnings") or []),
    )
