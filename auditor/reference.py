"""The curated reference: facts, drugs, topics, units and rule cues, read from `reference/`.

Everything an editor may change lives in those CSV files; this module only reads and checks
them. A bad row fails with the file, the row number and the reason. The SHA-256 of the files'
contents is the reference version recorded in every run.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path

from auditor.policy import SEVERITIES


def _bundled() -> Path:
    """The reference that ships with the package: inside an installed wheel it is the package
    data `auditor/_reference/` (pyproject maps the top-level `reference/` folder there); in a
    checkout, or an editable install, it is that `reference/` folder itself."""
    packaged = Path(str(resources.files("auditor") / "_reference"))
    return packaged if (packaged / "facts.csv").is_file() else Path(__file__).resolve().parent.parent / "reference"


BUNDLED = _bundled()
COMPARISONS = ("range", "minimum", "maximum", "prohibits", "denies")
SEVERITY_FIELDS = ("if_over", "if_under", "if_contradicted")
JURISDICTIONS = ("US", "EU", "UK", "any")
EVIDENCE = ("label", "guideline", "trial", "cohort", "review", "patient-information")
CONTEXT_CATEGORIES = ("negated", "hedged", "hypothetical", "attributed", "anecdotal", "refuted",
                      "question", "study", "terminate")
CONTEXT_SCOPES = ("sentence", "previous_sentence", "next_sentence", "paragraph", "section", "unattributed_sentence")
FILES = (
    "facts.csv",
    "topics.csv",
    "drugs.csv",
    "units.csv",
    "requirements.csv",
    "context_rules.csv",
    "stance_cues.csv",
    "window_cues.csv",
    "sequences.csv",
    "frames.csv",
    "members.csv",
)
FRAME_PLACES = ("before", "after", "clause", "sentence", "label", "anchor", "mention")
FRAME_EFFECTS = ("excludes", "requires")


class ReferenceError(ValueError):
    """A reference file that cannot be used; the message names file, row and reason."""


class ProvenanceError(ReferenceError):
    """A fact that cannot be defended from its row: no quote or source URL, or a market, date or
    kind of evidence that is not one the table knows."""


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str
    unit: str
    factor: float
    dimension: str


@dataclass(frozen=True, slots=True)
class Topic:
    topic: str
    label: str
    dimensions: tuple[str, ...]
    anchors: tuple[str, ...]
    implied: str
    aliases: tuple[str, ...]
    weak: frozenset[str] = frozenset()
    # A window whose subject a later sentence may leave unsaid ("Use two methods. Keep using them
    # for a month after."); a topic of many different activities (waxing, peels, facials) does not.
    carries: bool = False

    @property
    def is_rule(self) -> bool:
        return self.dimensions == ("rule",)


def word_key(text: str) -> str:
    """Text as its lower-cased words joined by single spaces: how `applies_when` phrases and the
    sentences they are looked for in are compared, whatever the spacing, case and punctuation."""
    return " ".join(_WORD.findall(text.lower()))


_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ReferenceFact:
    """One cited fact and how a claim is compared with it.

    `low`/`high` are normalised to `unit` (time in days); `display_unit` keeps the unit the
    row was written in, for explanations.
    """

    id: str
    drug: str
    topic: str
    comparison: str
    low: float | None
    high: float | None
    unit: str
    display_unit: str
    display_low: float | None
    display_high: float | None
    tolerance: float
    if_over: str
    if_under: str
    if_contradicted: str
    statement: str
    citation: str
    source_url: str
    confidence: str
    reviewer: str
    reviewed: str
    # Provenance (issue: a reference an editor can defend). Optional so older tables load.
    quote: str = ""  # the source's own sentence, verbatim, that supports the value
    population: str = ""  # who or what conditions the figure holds for
    jurisdiction: str = "any"  # US, EU, UK or any
    valid_from: str = ""  # YYYY-MM-DD the rule took effect, or ""
    valid_to: str = ""  # YYYY-MM-DD the rule stopped being in force, or "" (still in force)
    evidence: str = ""  # label, guideline, trial, cohort, review, patient-information
    # Words one of which a claim's sentence must hold for the fact to speak to it ("highly
    # effective": the EU's one-method rule is for a highly effective method only); empty: any.
    applies_when: tuple[str, ...] = ()

    def in_force(self, on: str) -> bool:
        """Whether the fact's rule is in force on `on` (YYYY-MM-DD)."""
        return (not self.valid_from or self.valid_from <= on) and (
            not self.valid_to or on < self.valid_to)


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    drug: str
    when_topics: tuple[str, ...]  # every topic of when_areas
    requires_topics: tuple[str, ...]
    fact_id: str
    severity: str
    message: str
    # The areas a page must treat for the requirement to apply: groups of topics ("pregnancy
    # prevention"; "waxing"; "tetracyclines"), `;` apart in when_topics, `|` within a group; an
    # area whose first topic starts with "+" suffices alone when two of its topics are treated.
    when_areas: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class ContextRule:
    phrase: str
    category: str
    direction: str
    max_tokens: int | None
    scope: str


@dataclass(frozen=True, slots=True)
class Sequence:
    """A quantity in `unit` right after one in `first_unit`, joined by `between`, is about `topic`."""

    first_unit: str
    between: str
    unit: str
    topic: str


@dataclass(frozen=True, slots=True)
class FrameRule:
    """A phrase that ties a number to `topic` (`requires`) or rules it out (`excludes`), by where
    it stands: right `before` the number, right `after` it, anywhere in its `clause`, as the
    time word a `label` starts with ("weeks 4 to 8"); or, for topic "*" and `anchor`, what
    "before"/"after" must be about for a window."""

    topic: str
    where: str
    phrase: str
    effect: str


@dataclass(frozen=True, slots=True)
class WindowCue:
    phrase: str
    anchor: str
    value: float
    unit: str


class Reference:
    """The loaded, validated reference tables, with lookups by drug and topic.

    Built once (`load_reference`) and handed to whatever needs it: the pipeline's components
    (`auditor.nlp.build_pipeline`), verification and the reports. `to_disk` writes the files it
    was read from, so a saved pipeline carries its own reference.
    """

    def __init__(self, root: Path):
        self.root = root
        self.files = {name: (root / name).read_bytes() for name in FILES if (root / name).exists()}
        self.units: dict[str, Unit] = {u.surface: u for u in _units(root / "units.csv")}
        self.topics: dict[str, Topic] = {t.topic: t for t in _topics(root / "topics.csv")}
        # Classes ("antibiotics", "steroids") name what a sentence is about, never a page's drug.
        self.drug_aliases, self.drug_classes = _drugs(root / "drugs.csv")
        self.facts: tuple[ReferenceFact, ...] = tuple(_facts(root / "facts.csv", self))
        self.requirements = tuple(_requirements(root / "requirements.csv", self))
        self.context_rules = tuple(_context_rules(root / "context_rules.csv"))
        self.stance_cues: dict[str, str] = _stance_cues(root / "stance_cues.csv")
        self.window_cues = tuple(_window_cues(root / "window_cues.csv", self))
        # Optional, so reference folders written before it existed still load.
        sequences = root / "sequences.csv"
        self.sequences = tuple(_sequences(sequences, self)) if sequences.exists() else ()
        frames = root / "frames.csv"
        self.frames = tuple(_frames(frames, self)) if frames.exists() else ()
        members = root / "members.csv"
        self.class_members: dict[str, frozenset[str]] = _members(members, self) if members.exists() else {}
        self._by_key: dict[tuple[str, str], list[ReferenceFact]] = defaultdict(list)
        for fact in self.facts:
            self._by_key[(fact.drug, fact.topic)].append(fact)
        self.version = _hash(self.files)

    def __reduce__(self):  # pickled as its files: a worker needs no access to `root`
        return _from_files, (str(self.root), self.files)

    def to_disk(self, path: str | Path) -> None:
        """Write the reference's files into `path` (created if needed)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, data in self.files.items():
            (path / name).write_bytes(data)

    @cached_property
    def topic_labels(self) -> dict[str, str]:
        """What an editor reads for each topic id a finding can carry: its label in topics.csv,
        and for a window the side of the course ("pregnancy_window_after")."""
        labels = {}
        for topic in self.topics.values():
            labels[topic.topic] = topic.label
            for anchor in topic.anchors:
                side = "before the course" if anchor == "before" else "after the course"
                labels[f"{topic.topic}_{anchor}"] = f"{topic.label} {side}"
        return labels

    @cached_property
    def drug_pattern(self) -> re.Pattern:
        """Any drug name or brand of drugs.csv as a word, longest first (for titles and URLs);
        a space or hyphen inside a name may be either, or "_", as in a URL slug."""
        names = sorted(self.drug_aliases, key=len, reverse=True)
        spelled = (r"[\s_-]+".join(re.escape(part) for part in _name_parts(name)) for name in names)
        return re.compile(r"(?<![a-z0-9])(" + "|".join(spelled) + r")(?![a-z0-9])", re.IGNORECASE)

    @cached_property
    def _drugs_by_parts(self) -> dict[tuple[str, ...], str]:
        return {tuple(_name_parts(alias)): drug for alias, drug in self.drug_aliases.items()}

    def drug_named_in(self, text: str) -> tuple[str, str]:
        """(drug, name as written) for the first drug named in `text`, or ("", "")."""
        found = self.drug_pattern.search(text) if text else None
        if not found:
            return "", ""
        return self._drugs_by_parts[tuple(_name_parts(found.group(1)))], found.group(1)

    def facts_for(self, drug: str, topic: str) -> list[ReferenceFact]:
        return self._by_key.get((drug, topic), [])

    def fact(self, fact_id: str) -> ReferenceFact:
        return next(f for f in self.facts if f.id == fact_id)

    def to_canonical(self, value: float, surface: str) -> tuple[float, str]:
        """Convert a value in a unit surface ("month", "mg/kg/day") to the canonical unit."""
        unit = self.units.get(surface.lower())
        if unit is not None:
            return value * unit.factor, unit.unit
        return value, surface


def _name_parts(name: str) -> list[str]:
    return [part for part in re.split(r"[\s_-]+", name.lower()) if part]


def content_hash(root: Path) -> str:
    """The reference version of a folder: a hash of its files' names and contents."""
    return _hash({name: (root / name).read_bytes() for name in FILES if (root / name).exists()})


def _hash(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode())
        digest.update(files.get(name, b""))
    return "sha256:" + digest.hexdigest()[:16]


def _from_files(root: str, files: dict[str, bytes]) -> Reference:
    """A Reference rebuilt from its files' bytes (unpickling), through a private folder."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="auditor-reference-") as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        reference = Reference(Path(folder))
    reference.root = Path(root)
    return reference


def load_reference(root: str | Path | None = None) -> Reference:
    """Load and validate a reference folder (the bundled one by default).

    Not cached: build it once and pass the object on.
    """
    path = Path(root) if root else BUNDLED
    if not path.is_dir():
        raise ReferenceError(f"{path}: reference folder not found")
    return Reference(path)


# --- readers, one per file ------------------------------------------------------------------


def _rows(path: Path, required: tuple[str, ...]):
    """(row number, {column: cell}) for each row of a reference CSV, its cells stripped.

    Lines starting with "#" are comments. A row's number is the line it starts on, counted as
    a text editor counts them: the header, comments and line breaks inside cells included.
    """
    if not path.exists():
        raise ReferenceError(f"{path}: file missing from the reference folder")
    lines = io.StringIO(_text(path), newline="")
    reader = csv.reader("\n" if line.startswith("#") else line for line in lines)
    header: list[str] | None = None
    ended = 0  # the line the previous row ended on
    for cells in reader:
        number, ended = ended + 1, reader.line_num
        if not cells:  # a blank line, or a comment
            continue
        if header is None:
            header = cells
            missing = [c for c in required if c not in header]
            if missing:
                raise ReferenceError(f"{path}: missing column(s) {', '.join(missing)}")
            continue
        cells += [""] * (len(header) - len(cells))
        yield number, {k: v.strip() for k, v in zip(header, cells, strict=False) if k}  # extra cells: dropped
    if header is None:
        raise ReferenceError(f"{path}: missing column(s) {', '.join(required)}")


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"), (b"\xef\xbb\xbf", "utf-8-sig"))


def _text(path: Path) -> str:
    """A reference file's text, as spreadsheets save CSV: UTF-8 with or without a byte order
    mark, UTF-16 (or -32) with one, else Windows-1252; anything else is refused with why."""
    data = path.read_bytes()
    codecs = [codec for bom, codec in _BOMS if data.startswith(bom)][:1] or ["utf-8", "cp1252"]
    for codec in codecs:
        try:
            text = data.decode(codec)
            break
        except UnicodeDecodeError as error:
            failed = f"byte 0x{data[error.start]:02x} at offset {error.start}"
    else:
        names = " nor ".join({"utf-8": "UTF-8", "cp1252": "Windows-1252"}.get(c, c.upper())
                             for c in codecs)
        raise ReferenceError(f"{path}: {'neither ' if len(codecs) > 1 else 'not '}{names} "
                             f"text ({failed}): save it as UTF-8")
    if "\x00" in text:
        raise ReferenceError(f"{path}: holds NUL characters, not text (UTF-16 without its byte "
                             "order mark?): save it as UTF-8")
    return text


def _fail(path: Path, row: int, reason: str) -> ReferenceError:
    return ReferenceError(f"{path}, row {row}: {reason}")


def _number(path: Path, row: int, column: str, text: str) -> float | None:
    """A number cell, or None when empty. Every number the reference holds is a size (a bound,
    a tolerance, a factor, a count), so it must be finite and not negative: a NaN bound would
    make any claim agree with it."""
    if text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise _fail(path, row, f"{column} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise _fail(path, row, f"{column} {text!r} is not a finite number")
    if value < 0:
        raise _fail(path, row, f"{column} {text!r} is negative")
    return value


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in text.split("|") if part.strip())


def _units(path: Path):
    seen = set()
    for row, r in _rows(path, ("surface", "unit", "factor", "dimension")):
        if not r["surface"] or not r["unit"]:
            raise _fail(path, row, "surface and unit are required")
        if r["surface"].lower() in seen:
            raise _fail(path, row, f"duplicate unit surface {r['surface']!r}")
        seen.add(r["surface"].lower())
        factor = _number(path, row, "factor", r["factor"])
        if factor is None or factor <= 0:
            raise _fail(path, row, "factor must be a positive number")
        yield Unit(r["surface"].lower(), r["unit"], factor, r["dimension"])


def _topics(path: Path):
    seen = set()
    for row, r in _rows(path, ("topic", "label", "dimension", "anchors", "implied", "aliases")):
        if not re.fullmatch(r"[a-z][a-z0-9_]*", r["topic"]):
            raise _fail(path, row, f"topic id {r['topic']!r} must be lower_snake_case")
        if r["topic"] in seen:
            raise _fail(path, row, f"duplicate topic {r['topic']!r}")
        seen.add(r["topic"])
        anchors = _split(r["anchors"])
        if any(a not in ("before", "after") for a in anchors):
            raise _fail(path, row, "anchors may only be 'before' and 'after'")
        # "~treatment": a weak alias, chosen only when no specific alias is at hand.
        raw = _split(r["aliases"])
        aliases = tuple(a.lstrip("~") for a in raw)
        weak = frozenset(a.lstrip("~") for a in raw if a.startswith("~"))
        if not aliases:
            raise _fail(path, row, "a topic needs at least one alias")
        dimensions = tuple(d.strip() for d in r["dimension"].split("|") if d.strip())
        if not dimensions:
            raise _fail(path, row, "dimension is required")
        carries = r.get("carries", "yes" if anchors else "")  # optional: before it, every window carried
        if carries not in ("yes", ""):
            raise _fail(path, row, "carries must be 'yes' or empty")
        if carries and not anchors:
            raise _fail(path, row, "only a window (a topic with anchors) carries to a later sentence")
        yield Topic(r["topic"], r["label"], dimensions, anchors, r["implied"].strip(), aliases, weak,
                    carries == "yes")


def _drugs(path: Path) -> tuple[dict[str, str], frozenset[str]]:
    """alias -> drug, and the drugs that are classes (kind `class`)."""
    aliases: dict[str, str] = {}
    classes: set[str] = set()
    for row, r in _rows(path, ("drug", "alias", "kind")):
        if not r["drug"] or not r["alias"]:
            raise _fail(path, row, "drug and alias are required")
        alias = r["alias"].lower()
        if alias in aliases and aliases[alias] != r["drug"]:
            raise _fail(path, row, f"alias {alias!r} already names {aliases[alias]!r}")
        aliases[alias] = r["drug"].lower()
        if r["kind"] == "class":
            classes.add(r["drug"].lower())
    return aliases, frozenset(classes)


def _canonical_topics(reference: Reference) -> set[str]:
    names = set()
    for topic in reference.topics.values():
        names.add(topic.topic)
        names.update(f"{topic.topic}_{anchor}" for anchor in topic.anchors)
    return names


def _facts(path: Path, reference: Reference):
    required = (
        "id", "drug", "topic", "comparison", "low", "high", "unit", "tolerance", "if_over",
        "if_under", "if_contradicted", "statement", "citation", "reviewer", "reviewed",
    )
    topics = _canonical_topics(reference)
    drugs = set(reference.drug_aliases.values())
    seen = set()
    for row, r in _rows(path, required):
        if not r["id"]:
            raise _fail(path, row, "id is required")
        if r["id"] in seen:
            raise _fail(path, row, f"duplicate fact id {r['id']!r}")
        seen.add(r["id"])
        if r["drug"].lower() not in drugs:
            raise _fail(path, row, f"drug {r['drug']!r} is not in drugs.csv")
        if r["topic"] not in topics:
            raise _fail(path, row, f"topic {r['topic']!r} is not in topics.csv")
        if r["comparison"] not in COMPARISONS:
            raise _fail(path, row, f"comparison must be one of {', '.join(COMPARISONS)}")
        for column in ("citation", "reviewer", "reviewed", "statement"):
            if not r[column]:
                raise _fail(path, row, f"{column} is empty: every fact needs one")
        try:
            date.fromisoformat(r["reviewed"])
        except ValueError:
            raise _fail(path, row, f"reviewed {r['reviewed']!r} is not a YYYY-MM-DD date") from None
        for column in SEVERITY_FIELDS:
            if r[column] and r[column] not in SEVERITIES:
                raise _fail(path, row, f"{column} must be one of {', '.join(SEVERITIES)}")
        low = _number(path, row, "low", r["low"])
        high = _number(path, row, "high", r["high"])
        tolerance = _number(path, row, "tolerance", r["tolerance"]) or 0.0
        if tolerance > 1:
            raise _fail(path, row, f"tolerance {tolerance:g} must be a fraction from 0 to 1 "
                                   "(0.1 is 10%)")
        unit = ""
        if r["comparison"] in ("prohibits", "denies"):
            if not r["if_contradicted"]:
                raise _fail(path, row, "a rule needs if_contradicted")
        else:
            if low is None and high is None:
                raise _fail(path, row, "a numeric fact needs low or high")
            if low is not None and high is not None and low > high:
                raise _fail(path, row, f"low {low:g} is greater than high {high:g}")
            if r["comparison"] == "minimum" and low is None:
                raise _fail(path, row, "a minimum needs low")
            if r["comparison"] == "maximum" and high is None:
                raise _fail(path, row, "a maximum needs high")
            if r["unit"].lower() in reference.units:
                unit = reference.units[r["unit"].lower()].unit
            elif r["unit"] in ("count", "mg/kg/day", "mg/kg", "mg/day"):
                unit = r["unit"]
            else:
                raise _fail(path, row, f"unknown unit {r['unit']!r} (see units.csv)")
        factor = reference.units[r["unit"].lower()].factor if r["unit"].lower() in reference.units else 1.0
        yield ReferenceFact(
            id=r["id"],
            drug=r["drug"].lower(),
            topic=r["topic"],
            comparison=r["comparison"],
            low=None if low is None else low * factor,
            high=None if high is None else high * factor,
            unit=unit,
            display_unit=r["unit"],
            display_low=low,
            display_high=high,
            tolerance=tolerance,
            if_over=r["if_over"],
            if_under=r["if_under"],
            if_contradicted=r["if_contradicted"],
            statement=r["statement"],
            citation=r["citation"],
            source_url=r.get("source_url", ""),
            confidence=r.get("confidence", ""),
            reviewer=r["reviewer"],
            reviewed=r["reviewed"],
            applies_when=tuple(word_key(phrase) for phrase in r.get("applies_when", "").split("|")
                               if phrase.strip()),
            **_provenance(path, row, r),
        )


def _provenance(path: Path, row: int, r: dict[str, str]) -> dict[str, str]:
    """What defends a fact on its own row, checked: the source's words (`quote`) and where they
    are (`source_url`), who the figure holds for (`population`, free text), the market whose
    rule it is (`jurisdiction`), the dates it is in force (`valid_from` up to, not including,
    `valid_to`; empty when open) and the kind of `evidence`."""

    def fail(reason: str) -> ProvenanceError:
        return ProvenanceError(f"{path}, row {row}: {reason}")

    for column, what in (("quote", "its source's own words"), ("source_url", "the URL of its source")):
        if not r.get(column):
            raise fail(f"{column} is empty: every fact needs {what}")
    if r.get("jurisdiction") not in JURISDICTIONS:
        raise fail(f"jurisdiction {r.get('jurisdiction', '')!r} must be one of {', '.join(JURISDICTIONS)}")
    if r.get("evidence") not in EVIDENCE:
        raise fail(f"evidence {r.get('evidence', '')!r} must be one of {', '.join(EVIDENCE)}")
    for column in ("valid_from", "valid_to"):
        text = r.get(column, "")
        if text and not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) and _is_date(text)):
            raise fail(f"{column} {text!r} is not a YYYY-MM-DD date")
    if r.get("valid_from") and r.get("valid_to") and r["valid_from"] > r["valid_to"]:
        raise fail(f"valid_from {r['valid_from']} is after valid_to {r['valid_to']}")
    return {column: r.get(column, "") for column in
            ("quote", "population", "jurisdiction", "valid_from", "valid_to", "evidence")}


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _requirements(path: Path, reference: Reference):
    topics = _canonical_topics(reference)
    fact_ids = {f.id for f in reference.facts}
    for row, r in _rows(path, ("id", "drug", "when_topics", "requires_topics", "fact_id", "severity")):
        areas = tuple(_split(group) for group in r["when_topics"].split(";") if group.strip())
        when = tuple(topic.lstrip("+") for area in areas for topic in area)
        requires = _split(r["requires_topics"])
        for topic in (*when, *requires):  # "+" marks an area that suffices alone
            if topic != "*" and topic not in topics:
                raise _fail(path, row, f"topic {topic!r} is not in topics.csv")
        if r["fact_id"] not in fact_ids:
            raise _fail(path, row, f"fact {r['fact_id']!r} is not in facts.csv")
        if r["severity"] not in SEVERITIES:
            raise _fail(path, row, f"severity must be one of {', '.join(SEVERITIES)}")
        yield Requirement(r["id"], r["drug"].lower(), when, requires, r["fact_id"], r["severity"],
                          r.get("message", ""), areas)


def _context_rules(path: Path):
    for row, r in _rows(path, ("phrase", "category", "direction", "max_tokens", "scope")):
        if r["category"] not in CONTEXT_CATEGORIES:
            raise _fail(path, row, f"category must be one of {', '.join(CONTEXT_CATEGORIES)}")
        if r["direction"] not in ("forward", "backward", "both"):
            raise _fail(path, row, "direction must be forward, backward or both")
        if r["scope"] not in CONTEXT_SCOPES:
            raise _fail(path, row, f"scope must be one of {', '.join(CONTEXT_SCOPES)}")
        max_tokens = _number(path, row, "max_tokens", r["max_tokens"])
        yield ContextRule(r["phrase"].lower(), r["category"], r["direction"],
                          None if max_tokens is None else int(max_tokens), r["scope"])


def _stance_cues(path: Path) -> dict[str, str]:
    cues = {}
    for row, r in _rows(path, ("phrase", "stance")):
        if r["stance"] not in ("prohibit", "permit"):
            raise _fail(path, row, "stance must be prohibit or permit")
        cues[r["phrase"].lower()] = r["stance"]
    return cues


def _window_cues(path: Path, reference: Reference):
    for row, r in _rows(path, ("phrase", "anchor", "value", "unit")):
        if r["anchor"] not in ("before", "after"):
            raise _fail(path, row, "anchor must be before or after")
        value = _number(path, row, "value", r["value"])
        if value is None or r["unit"].lower() not in reference.units:
            raise _fail(path, row, "value and a known unit are required")
        canonical, unit = reference.to_canonical(value, r["unit"])
        yield WindowCue(r["phrase"].lower(), r["anchor"], canonical, unit)


def _sequences(path: Path, reference: Reference):
    units = {u.unit for u in reference.units.values()} | {
        d for t in reference.topics.values() for d in t.dimensions if d != "rule"}  # "mg/day"
    for row, r in _rows(path, ("first_unit", "between", "unit", "topic")):
        unknown = [r[c] for c in ("first_unit", "unit") if r[c] not in units]
        if unknown:
            raise _fail(path, row, f"unknown unit {unknown[0]!r} (not a unit of units.csv or topics.csv)")
        topic = reference.topics.get(r["topic"])
        if topic is None:
            raise _fail(path, row, f"unknown topic {r['topic']!r}")
        if r["unit"] not in topic.dimensions:
            raise _fail(path, row, f"topic {r['topic']!r} is not measured in {r['unit']!r}")
        if not r["between"]:
            raise _fail(path, row, "between is required")
        yield Sequence(r["first_unit"], " ".join(r["between"].lower().split()), r["unit"], r["topic"])


def _members(path: Path, reference: Reference) -> dict[str, frozenset[str]]:
    """class -> the drugs it holds ("antibiotics" holds doxycycline): a class a sentence names
    may be about a drug it holds."""
    drugs = set(reference.drug_aliases.values())
    members: dict[str, set[str]] = defaultdict(set)
    for row, r in _rows(path, ("class", "drug")):
        if r["class"].lower() not in reference.drug_classes:
            raise _fail(path, row, f"unknown class {r['class']!r} (not a class of drugs.csv)")
        if r["drug"].lower() not in drugs or r["drug"].lower() in reference.drug_classes:
            raise _fail(path, row, f"unknown drug {r['drug']!r} (not a drug of drugs.csv)")
        members[r["class"].lower()].add(r["drug"].lower())
    return {name: frozenset(held) for name, held in members.items()}


def _frames(path: Path, reference: Reference):
    for row, r in _rows(path, ("topic", "where", "phrase", "effect")):
        topics = ("*",) if r["topic"] == "*" else tuple(t.strip() for t in r["topic"].split("|"))
        unknown = [t for t in topics if t != "*" and t not in reference.topics]
        if unknown:
            raise _fail(path, row, f"unknown topic {unknown[0]!r}")
        if r["where"] not in FRAME_PLACES:
            raise _fail(path, row, f"where must be one of {', '.join(FRAME_PLACES)}")
        if r["effect"] not in FRAME_EFFECTS:
            raise _fail(path, row, f"effect must be one of {', '.join(FRAME_EFFECTS)}")
        if r["where"] == "anchor" and (r["topic"] != "*" or r["effect"] != "requires"):
            raise _fail(path, row, "an anchor row is for topic * and effect requires")
        if r["where"] == "mention" and r["effect"] != "excludes":
            raise _fail(path, row, "a mention row says what keeps words from naming the topic: excludes")
        if r["effect"] == "requires" and r["where"] not in ("clause", "anchor"):
            raise _fail(path, row, "a required phrase is looked for in the clause")
        phrase = " ".join(r["phrase"].lower().split())
        if not phrase or "*" in phrase[:-1]:
            raise _fail(path, row, "phrase is required, with * only at its end")
        for topic in topics:
            yield FrameRule(topic, r["where"], phrase, r["effect"])


# --- `auditor reference check`: is the table one an editor can defend? ---------------------

REVIEW_MAX_AGE_DAYS = 365
SERIOUS = ("critical", "major")


@dataclass(frozen=True, slots=True)
class Problem:
    """What `auditor reference check` reports: an `error` (facts that contradict each other, a
    fact without its provenance) or a `warning` (a review over a year old, a topic with no fact
    for a drug that has facts)."""

    level: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.message}"


def provenance_problems(root: str | Path) -> list[Problem]:
    """One error per fact row of `root/facts.csv` whose provenance fails validation, all of them
    (loading stops at the first)."""
    if not Path(root).is_dir():
        raise ReferenceError(f"{root}: reference folder not found")
    path = Path(root) / "facts.csv"
    problems = []
    for row, r in _rows(path, ("id",)):
        try:
            _provenance(path, row, r)
        except ProvenanceError as error:
            problems.append(Problem("error", str(error)))
    return problems


def check_reference(reference: Reference, as_of: date | None = None) -> list[Problem]:
    """The contradictions between a loaded reference's facts (errors), then its reviews older
    than a year before `as_of` (default today) and the topics a drug with facts has none for
    (warnings).

    Two facts can contradict each other only when they could judge the same claim: same drug,
    markets that overlap (the same, or one is "any"), dates in force that overlap, comparable
    units. Then it is an error when
    - a `maximum` lies below a figure another fact of its topic cites as its low (or a `minimum`
      above one cited as a high): the other fact calls right what the bound calls wrong;
    - a rate and its complement (a fact's `complement_of` column names the topic counting the
      rest: relapse against lasting remission) give opposite verdicts: a figure one topic's
      facts cite is 100 minus a figure the other topic's facts flag;
    - two ranges overlap but set different severities, so that a value one accepts the other
      calls a major or critical error. Ranges with the same severities are one rule for groups
      of different extent (a severe-acne dose beside the usual one): a claim agreeing with either
      is consistent.
    """
    as_of = as_of or date.today()
    labels = reference.topic_labels
    facts = [f for f in reference.facts if f.comparison not in ("prohibits", "denies")]
    problems = []
    for i, a in enumerate(facts):
        for j, b in enumerate(facts):
            if i == j or a.topic != b.topic or not _together(a, b):
                continue
            problems += _bound_below_figure(a, b, labels)
            if i < j and a.comparison == b.comparison == "range":
                problems += _opposite_ranges(a, b, labels)
    problems += _complements(reference, facts, labels)
    oldest = date.fromordinal(as_of.toordinal() - REVIEW_MAX_AGE_DAYS)
    problems += [Problem("warning", f"{f.id}: reviewed {f.reviewed}, more than a year before "
                                    f"{as_of.isoformat()}: check it against its source again")
                 for f in reference.facts if date.fromisoformat(f.reviewed) < oldest]
    covered = {(f.drug, f.topic) for f in reference.facts}
    for drug in sorted({f.drug for f in reference.facts}):
        for topic in reference.topics.values():
            names = {topic.topic} | {f"{topic.topic}_{anchor}" for anchor in topic.anchors}
            if not any((drug, name) in covered for name in names):
                problems.append(Problem("warning", f"{drug}: no fact on {topic.topic} "
                                                   f"({topic.label}): its claims are unverified"))
    return problems


def _together(a: ReferenceFact, b: ReferenceFact) -> bool:
    """Whether two facts could judge the same claim: drug, market, dates in force and unit."""
    return (a.drug == b.drug and a.unit == b.unit
            and (a.jurisdiction == b.jurisdiction or "any" in (a.jurisdiction, b.jurisdiction))
            and (not a.valid_to or not b.valid_from or b.valid_from < a.valid_to)
            and (not b.valid_to or not a.valid_from or a.valid_from < b.valid_to))


def _accepted(fact: ReferenceFact) -> tuple[float, float]:
    """The values a numeric fact calls consistent, its tolerance included; a side with no
    severity accepts everything beyond it (longer than a minimum window is only cautious)."""
    t = fact.tolerance
    low = -math.inf if fact.low is None or not fact.if_under else fact.low * (1 - t)
    high = math.inf if fact.high is None or not fact.if_over else fact.high * (1 + t)
    if fact.comparison == "minimum":
        high = fact.low * (1 + t) if fact.if_over else math.inf
    return low, high


def _verdict(fact: ReferenceFact, value: float) -> tuple[str, str]:
    """(direction, severity) of `fact` for a claim of exactly `value`; ("", "") if it agrees."""
    low, high = _accepted(fact)
    if value < low:
        return "understates", fact.if_under
    if value > high:
        return "overstates", fact.if_over
    return "", ""


def _said(fact: ReferenceFact, labels: dict[str, str]) -> str:
    return f"{fact.id} ({labels.get(fact.topic, fact.topic)}: {fact.statement})"


def _amount(fact: ReferenceFact, value: float) -> str:
    """A value in the fact's canonical unit, written in the unit of the fact's row."""
    written = [(c, d) for c, d in ((fact.low, fact.display_low), (fact.high, fact.display_high)) if d]
    factor = written[0][0] / written[0][1] if written else 1.0
    return f"{value / factor:.4g} {fact.display_unit}".replace(" %", "%")


def _bound_below_figure(a: ReferenceFact, b: ReferenceFact, labels: dict[str, str]) -> list[Problem]:
    low, high = _accepted(a)
    if a.comparison == "maximum" and b.low is not None and b.low > high:
        return [Problem("error", f"contradiction: {_said(a, labels)} flags anything above "
                                 f"{_amount(a, a.high)} as {a.if_over}, but {_said(b, labels)} "
                                 f"cites {_amount(b, b.low)} as its low")]
    if a.comparison == "minimum" and b.high is not None and b.high < low:
        return [Problem("error", f"contradiction: {_said(a, labels)} flags anything below "
                                 f"{_amount(a, a.low)} as {a.if_under}, but {_said(b, labels)} "
                                 f"cites {_amount(b, b.high)} as its high")]
    return []


def _opposite_ranges(a: ReferenceFact, b: ReferenceFact, labels: dict[str, str]) -> list[Problem]:
    if (a.if_over, a.if_under) == (b.if_over, b.if_under):
        return []
    (a_low, a_high), (b_low, b_high) = _accepted(a), _accepted(b)
    if a_high < b_low or b_high < a_low:
        return []  # no overlap: a gap between them is judged by whichever fact comes first
    problems = []
    for accepts, flags, low, high in ((a, b, a_low, a_high), (b, a, b_low, b_high)):
        for value in (low, high):
            direction, severity = _verdict(flags, value)
            if math.isfinite(value) and severity in SERIOUS:
                problems.append(Problem(
                    "error", f"contradiction: {_said(accepts, labels)} accepts "
                             f"{_amount(accepts, value)}, which {_said(flags, labels)} calls a "
                             f"{severity} error ({direction})"))
                break
    return problems


def _complements(reference: Reference, facts: list[ReferenceFact],
                 labels: dict[str, str]) -> list[Problem]:
    declared = {r["id"]: r.get("complement_of", "") for _, r in _rows(reference.root / "facts.csv", ("id",))}
    pairs = set()
    problems = []
    for fact in facts:
        other = declared.get(fact.id, "")
        if not other:
            continue
        if other not in reference.topic_labels or fact.unit != "%":
            problems.append(Problem("error", f"{fact.id}: complement_of {other!r} must name a "
                                             f"topic of topics.csv, and the fact be a % rate"))
            continue
        pairs.add((fact.drug, fact.topic, other))
        pairs.add((fact.drug, other, fact.topic))
    for drug, cited, judged in sorted(pairs):
        for source in (f for f in facts if (f.drug, f.topic) == (drug, cited)):
            judges = [f for f in facts if (f.drug, f.topic) == (drug, judged) and _together(f, source)]
            for figure in {v for v in (source.low, source.high) if v is not None}:
                rest = 100 - figure
                if not judges or any(_verdict(f, rest)[0] == "" for f in judges):
                    continue
                direction, severity = _verdict(judges[0], rest)  # the first fact speaks
                if severity:
                    problems.append(Problem(
                        "error", f"contradiction: {_said(source, labels)} cites {figure:g}%, so "
                                 f"{rest:g}% for {labels.get(judged, judged)}, which "
                                 f"{_said(judges[0], labels)} calls {direction} ({severity})"))
    return problems
