"""Link ESCO skills and O*NET technology names to our taxonomy, and optionally add new tools.

Both importers read a file a user downloads themselves (formats in docs/taxonomy.md), match every label
to our skills by ``normalize_alias`` (ambiguous aliases only by exact spelling), and write one YAML
overlay under ``skills_taxonomy/data/imported/``:

* ``{id: <our skill>, extend: true, aliases: [...], esco_uris: [...]/onet_codes: [...]}`` — links and
  extra aliases for a curated skill (merged by the loader);
* with ``add_new``, full records ``{id: esco-.../onet-..., category: imported/esco|imported/onet, kind: tool}``.

An alias or label that another skill already claims is skipped and counted, never written, so the
result cannot break ``taxonomy check``. ESCO © European Union (CC BY 4.0); O*NET by USDOL/ETA (CC BY 4.0).
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from skillgap.errors import TaxonomyError
from skills_taxonomy.aliases import normalize_alias

try:  # the C loader is ~10x faster
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

ESCO_URI = "http://data.europa.eu/esco/skill/"
ESCO_ATTRIBUTION = (
    "This service uses the ESCO classification of the European Commission. ESCO v1.1 (c) European Union, "
    "reused under CC BY 4.0 (Commission Decision 2011/833/EU); labels reformatted and linked to skillgap's skills."
)
ONET_ATTRIBUTION = (
    "O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), "
    "used under the CC BY 4.0 license; technology names linked to skillgap's skills. O*NET(R) is a trademark "
    "of USDOL/ETA."
)

# Vendor prefixes O*NET puts before product names ("Amazon Web Services AWS SageMaker").
_VENDORS = (
    "Amazon Web Services AWS", "Amazon Web Services", "Amazon", "AWS", "Microsoft Azure", "Microsoft", "Azure",
    "Google Cloud", "Google", "IBM", "Oracle", "Apache", "Atlassian", "Adobe", "SAP", "Red Hat", "HashiCorp",
    "Salesforce", "Elastic", "MongoDB", "Meta", "Facebook", "The MathWorks", "Databricks", "Snowflake", "Docker",
)
_VENDOR_HINTS = {
    "amazon": ("aws", "amazon"), "aws": ("aws", "amazon"), "microsoft": ("microsoft", "azure", "ms"),
    "azure": ("azure", "microsoft"), "google": ("google", "gcp"), "ibm": ("ibm",), "oracle": ("oracle",),
    "apache": ("apache",), "atlassian": ("atlassian", "jira", "confluence"), "adobe": ("adobe",), "sap": ("sap",),
    "red": ("red hat", "redhat", "openshift", "ansible"), "hashicorp": ("hashicorp", "terraform", "vault", "consul"),
}
_VENDOR_RX = re.compile("^(" + "|".join(re.escape(v) for v in _VENDORS) + r") (\S.*)$")
_SUFFIXES = re.compile(r"\s+(software|programming language|language|platform|framework|library)$", re.IGNORECASE)
_NAME_LIKE = re.compile(r"[A-Z0-9]")
_WORDS = re.compile(r"[\s_\-\u2010-\u2015\u2212]+")
_PARENS = re.compile(r"\s*\([^)]*\)")


@dataclass
class ImportReport:
    source: str
    rows: int = 0
    items: int = 0  # ESCO concepts / distinct O*NET technology names
    linked_skills: int = 0
    links: int = 0  # uris/codes written
    aliases_added: int = 0
    new_skills: int = 0
    skipped_conflicts: int = 0
    skipped_ambiguous: int = 0
    out: str = ""
    examples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}

    def summary(self) -> str:
        return (
            f"{self.source}: read {self.rows} rows ({self.items} items); linked {self.linked_skills} of our skills "
            f"({self.links} links, {self.aliases_added} new aliases), added {self.new_skills} new skills, "
            f"skipped {self.skipped_conflicts} conflicting labels and {self.skipped_ambiguous} ambiguous matches; "
            f"wrote {self.out}"
        )


# ------------------------------------------------------------------------------------------------
# Our side: the surface-form index of the current data (minus the file being rewritten)
# ------------------------------------------------------------------------------------------------


@dataclass
class _Index:
    by_key: dict[str, str]  # normalised form -> skill id (non-ambiguous forms)
    exact: dict[str, str]  # ambiguous form (exact spelling) -> skill id
    claimed: dict[str, str]  # every normalised form -> skill id (for collision checks)
    skill_text: dict[str, str]  # skill id -> "id label aliases category" casefolded (vendor hints)
    ids: set[str]

    vocab: frozenset[str] = frozenset()  # every word of every key (cheap pre-filter for 100k ESCO labels)

    def match(self, label: str) -> str | None:
        if label in self.exact:
            return self.exact[label]
        for word in _WORDS.split(label.casefold()):
            if word and word not in self.vocab and word[:-1] not in self.vocab and word[:-2] not in self.vocab \
                    and word[:-3] + "y" not in self.vocab:
                return None
        return self.by_key.get(normalize_alias(label))

    def free(self, form: str, sid: str) -> bool:
        key = normalize_alias(form)
        return bool(key) and self.claimed.get(key, sid) == sid

    def claim(self, form: str, sid: str) -> None:
        self.claimed[normalize_alias(form)] = sid


def _records(data_dir: Path, *, exclude: Path | None) -> list[dict]:
    files = sorted((data_dir / "skills").glob("*.yaml")) + sorted((data_dir / "imported").glob("*.yaml"))
    out: list[dict] = []
    for f in files:
        if exclude is not None and f.resolve() == exclude.resolve():
            continue
        try:
            data = yaml.load(f.read_text(encoding="utf-8"), Loader=_Loader) or []
        except yaml.YAMLError as exc:
            raise TaxonomyError(f"{f}: invalid YAML ({exc}); run `skillgap taxonomy check`") from exc
        out += [r for r in data if isinstance(r, dict) and r.get("id")]
    return out


def _index(data_dir: Path, *, exclude: Path | None) -> _Index:
    by_key: dict[str, str] = {}
    exact: dict[str, str] = {}
    claimed: dict[str, str] = {}
    text: dict[str, list[str]] = defaultdict(list)
    ids: set[str] = set()
    records = _records(data_dir, exclude=exclude)
    for raw in sorted(records, key=lambda r: (bool(r.get("extend")), str(r["id"]))):
        sid = str(raw["id"])
        ids.add(sid)
        amb = {str(a) for a in raw.get("ambiguous_aliases") or ()}
        forms = ([str(raw["label"])] if raw.get("label") else []) + [str(a) for a in raw.get("aliases") or ()]
        text[sid] += [sid, *forms, str(raw.get("category", ""))]
        for form in forms:
            key = normalize_alias(form)
            claimed.setdefault(key, sid)
            if form in amb:
                exact.setdefault(form, sid)
            else:
                by_key.setdefault(key, sid)
    idx = _Index(by_key, exact, claimed, {k: " ".join(v).casefold() for k, v in text.items()}, ids)
    idx.vocab = frozenset(w for key in by_key for w in key.split())
    return idx


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9+#]+", "-", normalize_alias(text)).strip("-")
    return s.replace("+", "plus").replace("#", "sharp")[:60].strip("-") or "item"


def _variants(name: str) -> list[tuple[str, str | None]]:
    """Names to try for an external label, with the vendor that was stripped (if any)."""
    out: list[tuple[str, str | None]] = []
    base = [name, _PARENS.sub("", name).strip()]
    base += [_SUFFIXES.sub("", b).strip() for b in base]
    for b in dict.fromkeys(base):
        if b:
            out.append((b, None))
    for b in dict.fromkeys(base):
        m = _VENDOR_RX.match(b)
        if m:
            out.append((m.group(2).strip(), m.group(1).split()[0].casefold()))
    return list(dict.fromkeys(out))


def _distinctive(term: str) -> bool:
    """A stripped product name that cannot be an everyday word: inner capitals, digits or an acronym."""
    return bool(re.search(r"[a-z][A-Z]|\d|^[A-Z]{2,}$", term)) or len(term.split()) >= 2


def _match_external(name: str, idx: _Index) -> str | None:
    for variant, vendor in _variants(name):
        sid = idx.match(variant)
        if sid is None:
            continue
        if vendor is None:
            return sid
        hints = _VENDOR_HINTS.get(vendor, (vendor,))
        if _distinctive(variant) or any(h in idx.skill_text.get(sid, "") for h in hints):
            return sid
    return None


def _alias_ok(label: str) -> bool:
    """External labels worth keeping as aliases: short names, not phrases or parenthesised glosses."""
    return 2 <= len(label) <= 60 and "(" not in label and len(label.split()) <= 5 and not label.endswith(".")


# ------------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------------


def _write(out: Path, header: str, records: list[dict]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=4096) if records else "[]\n"
    text = "".join(f"# {line}\n" for line in header.splitlines()) + body
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)


def _assemble(
    links: dict[str, dict[str, list[str]]], new: list[dict], *, code_field: str, report: ImportReport
) -> list[dict]:
    records: list[dict] = []
    for sid in sorted(links):
        rec: dict = {"id": sid, "extend": True}
        aliases = links[sid].get("aliases", [])
        if aliases:
            rec["aliases"] = aliases
        rec[code_field] = sorted(set(links[sid][code_field]))
        report.links += len(rec[code_field])
        report.aliases_added += len(aliases)
        records.append(rec)
    report.linked_skills = len(records)
    records += sorted(new, key=lambda r: r["id"])
    report.new_skills = len(new)
    return records


# ------------------------------------------------------------------------------------------------
# ESCO
# ------------------------------------------------------------------------------------------------


def read_esco(path: Path) -> tuple[dict[str, tuple[str, list[str]]], int]:
    """ESCO concepts as ``{uri: (preferred label, alt labels)}`` and the number of rows read.

    Reads the official ESCO download (``skills_en.csv``: conceptUri, preferredLabel, altLabels with one
    label per line) and Nesta's formatted file (``id,description,hierarchy_levels,type`` with one row per
    label, ``type`` = preferredLabel / altLabels).
    """
    concepts: dict[str, list] = {}
    rows = 0
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        cols = set(reader.fieldnames or ())
        if {"conceptUri", "preferredLabel"} <= cols:
            for row in reader:
                rows += 1
                uri, pref = (row.get("conceptUri") or "").strip(), (row.get("preferredLabel") or "").strip()
                if not uri or not pref:
                    continue
                alts = [a.strip() for a in re.split(r"[\n|]", row.get("altLabels") or "") if a.strip()]
                concepts[uri] = [pref, alts]
        elif {"id", "description", "type"} <= cols:
            for row in reader:
                rows += 1
                kind, label = row.get("type"), (row.get("description") or "").strip()
                if kind not in ("preferredLabel", "altLabels") or not label:
                    continue
                uri = ESCO_URI + row["id"].strip()
                entry = concepts.setdefault(uri, ["", []])
                if kind == "preferredLabel":
                    entry[0] = label
                else:
                    entry[1].append(label)
        else:
            raise TaxonomyError(
                f"{path}: not an ESCO skills CSV (columns {sorted(cols)}); expected conceptUri, preferredLabel, "
                "altLabels (ESCO download) or id, description, hierarchy_levels, type (Nesta's formatted file)."
            )
    return {u: (p or (a[0] if a else ""), a) for u, (p, a) in concepts.items() if p or a}, rows


def import_esco(
    path: Path | str,
    *,
    data_dir: Path,
    out: Path,
    add_new: bool = False,
    label_filter: str | None = None,
) -> ImportReport:
    """Link ESCO concepts to our skills and write the overlay to ``out``; see the module docstring."""
    path, out = Path(path), Path(out)
    concepts, rows = read_esco(path)
    idx = _index(Path(data_dir), exclude=out)
    report = ImportReport(source=f"ESCO {path.name}", rows=rows, items=len(concepts), out=str(out))
    if add_new and not label_filter:
        raise TaxonomyError("--add-new for ESCO needs --filter REGEX (ESCO has no hot/in-demand flag), "
                            "e.g. --filter '^(Apache |SAP )'.")
    rx = re.compile(label_filter, re.IGNORECASE) if label_filter else None

    pref_hits: dict[str, list[str]] = defaultdict(list)  # skill id -> concept uris matched by preferred label
    alt_hits: dict[str, list[str]] = defaultdict(list)
    for uri, (pref, alts) in sorted(concepts.items()):
        sid = _match_external(pref, idx)
        if sid:
            pref_hits[sid].append(uri)
            continue
        votes = Counter(s for s in (_match_external(a, idx) for a in alts) if s)
        if len(votes) > 1:
            report.skipped_ambiguous += 1
        elif votes and max(votes.values()) >= 2:
            # one alt label alone is too weak ("ADR" is also the dangerous-goods treaty); two agree
            alt_hits[next(iter(votes))].append(uri)

    links: dict[str, dict[str, list[str]]] = {}
    for sid in sorted(set(pref_hits) | set(alt_hits)):
        uris = pref_hits.get(sid) or alt_hits[sid]  # preferred-label matches outrank alt-label ones
        aliases: list[str] = []
        for uri in uris:
            pref, alts = concepts[uri]
            for label in [pref, *alts]:
                if not _alias_ok(label) or not _NAME_LIKE.search(label) or len(label) < 3:
                    continue  # lowercase ESCO phrases ("use of data") make poor aliases for an extractor
                owner = idx.claimed.get(normalize_alias(label))
                if owner is None:
                    idx.claim(label, sid)
                    aliases.append(label)
                elif owner != sid:
                    report.skipped_conflicts += 1
        links[sid] = {"aliases": aliases, "esco_uris": uris}

    new: list[dict] = []
    if add_new and rx is not None:
        linked = {u for uris in (*pref_hits.values(), *alt_hits.values()) for u in uris}
        for uri, (pref, alts) in sorted(concepts.items()):
            if uri in linked or not rx.search(pref):
                continue
            rec = _new_record(pref, alts, prefix="esco", category="imported/esco", idx=idx, report=report)
            if rec:
                rec["esco_uris"] = [uri]
                new.append(rec)

    records = _assemble(links, new, code_field="esco_uris", report=report)
    _write(out, f"Generated by `skillgap taxonomy import-esco {path.name}`; do not edit by hand.\n{ESCO_ATTRIBUTION}",
           records)
    return report


def _new_record(label: str, alts: list[str], *, prefix: str, category: str, idx: _Index,
                report: ImportReport) -> dict | None:
    sid = f"{prefix}-{_slug(label)}"
    if len(label) < 3 or sid in idx.ids or not idx.free(label, sid):
        report.skipped_conflicts += 1
        return None
    idx.ids.add(sid)
    idx.claim(label, sid)
    aliases = []
    for a in alts:
        if _alias_ok(a) and idx.free(a, sid) and normalize_alias(a) != normalize_alias(label):
            idx.claim(a, sid)
            aliases.append(a)
    rec: dict = {"id": sid, "label": label, "category": category, "kind": "tool"}
    if aliases:
        rec["aliases"] = aliases
    return rec


# ------------------------------------------------------------------------------------------------
# O*NET
# ------------------------------------------------------------------------------------------------

_ONET_COLS = ("O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand")


@dataclass
class OnetTech:
    name: str
    occupations: set[str] = field(default_factory=set)
    commodity_codes: set[str] = field(default_factory=set)
    commodity_titles: set[str] = field(default_factory=set)
    hot: bool = False
    in_demand: bool = False


def read_onet(path: Path) -> tuple[dict[str, OnetTech], int]:
    """O*NET Technology Skills rows grouped by technology name (``Example``)."""
    techs: dict[str, OnetTech] = {}
    rows = 0
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        missing = [c for c in _ONET_COLS[:4] if c not in (reader.fieldnames or ())]
        if missing:
            raise TaxonomyError(
                f"{path}: not an O*NET Technology Skills file (missing columns {missing}); expected the "
                "tab-separated 'Technology Skills.txt' from the O*NET database download."
            )
        for row in reader:
            rows += 1
            name = (row.get("Example") or "").strip()
            if not name:
                continue
            t = techs.setdefault(name, OnetTech(name))
            t.occupations.add((row.get("O*NET-SOC Code") or "").strip())
            t.commodity_codes.add((row.get("Commodity Code") or "").strip())
            t.commodity_titles.add((row.get("Commodity Title") or "").strip())
            t.hot |= (row.get("Hot Technology") or "").strip().upper() == "Y"
            t.in_demand |= (row.get("In Demand") or "").strip().upper() == "Y"
    return techs, rows


def import_onet(
    path: Path | str,
    *,
    data_dir: Path,
    out: Path,
    add_new: bool = False,
    label_filter: str | None = None,
    min_occupations: int = 1,
) -> ImportReport:
    """Link O*NET technology names to our skills and write the overlay to ``out``.

    ``onet_codes`` holds the UNSPSC commodity codes O*NET files the technology under (O*NET has no id
    per technology name; the name itself is kept as an alias when free). With ``add_new``, unmatched
    names flagged Hot Technology or In Demand (and matching ``label_filter`` over name or commodity title,
    listed for at least ``min_occupations`` occupations) become new ``imported/onet`` tools.
    """
    path, out = Path(path), Path(out)
    techs, rows = read_onet(path)
    idx = _index(Path(data_dir), exclude=out)
    report = ImportReport(source=f"O*NET {path.name}", rows=rows, items=len(techs), out=str(out))
    rx = re.compile(label_filter, re.IGNORECASE) if label_filter else None

    links: dict[str, dict[str, list[str]]] = {}
    unmatched: list[OnetTech] = []
    for name in sorted(techs):
        t = techs[name]
        sid = _match_external(name, idx)
        if sid is None:
            unmatched.append(t)
            continue
        entry = links.setdefault(sid, {"aliases": [], "onet_codes": []})
        entry["onet_codes"] += sorted(c for c in t.commodity_codes if c)
        if _alias_ok(name):
            if normalize_alias(name) not in idx.claimed:
                idx.claim(name, sid)
                entry["aliases"].append(name)
            elif not idx.free(name, sid):
                report.skipped_conflicts += 1

    new: list[dict] = []
    if add_new:
        for t in unmatched:
            if not (t.hot or t.in_demand) or len(t.occupations) < min_occupations:
                continue
            if rx is not None and not (rx.search(t.name) or any(rx.search(c) for c in t.commodity_titles)):
                continue
            rec = _new_record(t.name, [], prefix="onet", category="imported/onet", idx=idx, report=report)
            if rec:
                rec["onet_codes"] = sorted(c for c in t.commodity_codes if c)
                rec["description"] = f"O*NET technology ({', '.join(sorted(t.commodity_titles))})."
                new.append(rec)

    records = _assemble(links, new, code_field="onet_codes", report=report)
    _write(out, f"Generated by `skillgap taxonomy import-onet {path.name}`; do not edit by hand.\n{ONET_ATTRIBUTION}",
           records)
    return report
