"""The plain objects that flow through the auditor, left to right.

    Document -> (spaCy Doc) -> Claim -> Finding

Each is a frozen dataclass, so a stage can be tested alone and a batch can ship them between
processes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

import srsly


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its cleaned text and where it came from."""

    doc_id: str
    text: str
    source: str
    title: str = ""
    url: str = ""
    drug: str = ""  # a batch row's `drug` field: the page's drug when its text names none
    date: str = ""  # a batch row's `date` (YYYY-MM-DD): audit against the rules in force then


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its range, unit and qualifier, normalised.

    `low`/`high` are in `unit` (time in days, doses in mg/kg/day, mg/kg, mg/day, mg;
    percentages in %; bare counts in `count`). A single value has low == high; a range is
    never averaged. Offsets point into the document text. `raw_low`/`raw_high`/`raw_unit` keep
    the value and unit as written, for evaluation against annotations that are not normalised.
    """

    start: int
    end: int
    text: str
    low: float
    high: float
    unit: str
    qualifier: str = "exact"
    # As written, before normalisation ("5 months" -> 5, 5, "months"; "half of" -> 0.5, 0.5, "").
    raw_low: float | None = None
    raw_high: float | None = None
    raw_unit: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement an article makes that the reference can check.

    `kind` is `numeric` (a quantity about a topic), `safety` (a rule stated with or without a
    number), or `arithmetic` (a worked example, with its operands in `operands`).
    `stance` is set for rules: `prohibit`, `permit` or `assert`. `evidence` says why the
    auditor read it so: the words that tied it to its topic and drug, and its context's cue.
    """

    claim_id: str
    kind: str
    text: str
    start: int
    end: int
    sentence: str
    drug: str
    topic: str
    context: str = "asserted"
    quantity: Quantity | None = None
    stance: str = ""
    operands: tuple[tuple[str, float], ...] = ()
    evidence: str = ""
    # How the number was tied to its topic, where that limits what it can show: "sequence" (a
    # time read from the dose before it: how long that dose was taken, not always a course).
    tie: str = ""

    def to_row(self) -> dict:
        q = self.quantity
        return {
            "claim_id": self.claim_id,
            "kind": self.kind,
            "claim_text": self.text,
            "start_char": self.start,
            "end_char": self.end,
            "sentence": self.sentence,
            "drug": self.drug,
            "topic": self.topic,
            "context": self.context,
            "stance": self.stance,
            "value_low": q.low if q else None,
            "value_high": q.high if q else None,
            "unit": q.unit if q else "",
            "qualifier": q.qualifier if q else "",
            "operands": dict(self.operands),
            "evidence": self.evidence,
        }


# -- a finding's stable name -------------------------------------------------------------------
# A fingerprint hashes what a finding says, never where it stands: its document, kind, drug and
# topic, and the words of its claim and sentence (case-folded, punctuation and spacing dropped).
# Moving a paragraph or editing another sentence keeps it; editing the sentence itself makes a
# new finding and resolves the old one (`auditor.review` compares runs by it).

_WORD = re.compile(r"\w+")
FINGERPRINT_LENGTH = 12  # hex digits: 48 bits, no collision to fear among a batch's findings
# A sentence's words count up to here: a run-on "sentence" of a scraped page (a whole page with
# no full stop) would otherwise cost its length at each of its findings.
SENTENCE_WINDOW = 1_000


@lru_cache(maxsize=1024)  # a sentence with several findings is read once
def normalise_words(text: str) -> str:
    """The words of `text`, case-folded, one space apart: what a fingerprint sees."""
    return " ".join(_WORD.findall(text.casefold()))


def fingerprint(doc_id: str, kind: str, drug: str, topic: str, claim_text: str,
                sentence: str) -> str:
    """A finding's stable name (12 hex digits)."""
    parts = (doc_id, kind, drug, topic, normalise_words(claim_text[:SENTENCE_WINDOW]),
             normalise_words(sentence[:SENTENCE_WINDOW]))
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


@dataclass(frozen=True, slots=True)
class Finding:
    """A claim compared with the reference: the row an editor reads.

    Field names are the output contract (`../shared/output-contract.md`): add, never rename.
    """

    doc_id: str
    claim_id: str
    kind: str
    drug: str
    topic: str
    claim_text: str
    sentence: str
    start_char: int | None
    end_char: int | None
    value_low: float | None
    value_high: float | None
    unit: str
    qualifier: str
    context: str
    reference_id: str
    reference_value: str
    citation: str
    verdict: str
    direction: str
    severity: str
    explanation: str
    evidence: str = ""
    jurisdiction: str = ""  # of the fact compared with: US, EU, UK or any
    fingerprint: str = ""  # stable across runs and edits elsewhere in the text: filled in if empty
    review: str = ""  # the editor's decision from reviews.csv, or ""
    extra: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.fingerprint:
            object.__setattr__(self, "fingerprint", fingerprint(
                self.doc_id, self.kind, self.drug, self.topic, self.claim_text, self.sentence))



# -- serialisation ---------------------------------------------------------------------------
# `Span._.quantity` and `Span._.claim` hold these objects; registering them with srsly's msgpack
# lets a Doc that carries them serialise (`Doc.to_bytes`, `DocBin(store_user_data=True)`,
# `nlp.pipe(n_process=...)`) and come back as the same frozen objects.

_TAG = "__auditor__"
_SERIALISED = {"Quantity": Quantity, "Claim": Claim}


def _encode(obj, chain=None):
    if isinstance(obj, (Quantity, Claim)):
        return {_TAG: type(obj).__name__, **{name: getattr(obj, name) for name in obj.__dataclass_fields__}}
    return obj if chain is None else chain(obj)


def _decode(obj, chain=None):
    kind = obj.get(_TAG) if isinstance(obj, dict) else None
    if kind in _SERIALISED:
        fields = {key: value for key, value in obj.items() if key != _TAG}
        if kind == "Claim":  # msgpack gives lists back for tuples
            fields["operands"] = tuple(tuple(pair) for pair in fields.get("operands", ()))
        return _SERIALISED[kind](**fields)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("auditor", func=_encode)
srsly.msgpack_decoders.register("auditor", func=_decode)
