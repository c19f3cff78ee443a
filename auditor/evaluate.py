"""`auditor eval`: score the auditor against gold annotations (`corpora/gold/FORMAT.md`).

The audit runs in-process (`read_inputs` + `audit_documents`); gold claims are then aligned
with predicted findings document by document and scored.

Alignment
---------
* A gold document is matched with an input document by its `doc` field: the input's file name
  (`a01-leaflet.txt`), or `file.jsonl#id` for a record of a JSONL/CSV/Parquet batch. Gold
  documents with no input are *missing*: every gold item in them counts as not found.
  Input documents with no gold are not scored.
* A gold claim's span is where its `text` occurs in the cleaned document text
  (`Document.text`; the `occurrence`-th hit, counting from 1, default 1). When the exact text is
  absent, a case- and whitespace-insensitive search is tried; a text found neither way is
  reported under `gold_text_not_found` and counts as not found.
* A predicted finding matches a gold claim when their character spans overlap and their topics
  are equal. Pairs are made one-to-one, greedily, largest overlap first (ties: same kind first,
  then text order). Left-over claims are then paired the same way allowing an anchored topic to
  equal its base topic (`pregnancy_window_after` ~ `pregnancy_window`), and a topic to equal the
  one a brief without its id files it under (`FILED_UNDER`: `pregnancy_test_lockout` ~
  `pickup_window`); such *base-topic matches* count as matches and are counted and listed
  separately.
* A gold arithmetic item may quote any quantity of its worked example (FORMAT.md); it matches
  an arithmetic finding whose span lies within EXAMPLE_REACH characters of its own, nearest
  first, after every overlapping pair, whatever topic the gold names for it (every worked
  example is a cumulative dose's; one writer filed two under `arithmetic`).
* Gold omissions match predicted omission findings of the same document and topic (exact topic
  first, then base topic), one-to-one.

Metrics (each also per gold/predicted `kind` and per `topic`)
--------------------------------------------------------------
* **Extraction precision / recall / F1** (non-omission claims; omissions get their own row):
  matched = aligned (gold, prediction) pairs; precision = matched / predicted findings in the
  scored documents; recall = matched / gold claims; F1 = their harmonic mean. Per kind and per
  topic, recall groups by the gold claim's kind/topic and precision by the prediction's.
* **Quantity accuracy**: among matched pairs whose gold claim is `numeric`, the share whose
  predicted unit equals the gold unit and whose low and high both equal the gold's within a
  relative tolerance of 1e-3.
* **Verdict accuracy**: among matched non-omission pairs, the share whose predicted verdict
  equals the gold verdict.
* **Discrepancy recall**: gold items whose verdict is `discrepant` or `omission`; one is found
  when it is matched and the matched prediction's verdict is also `discrepant` or `omission`.
  Recall = found / gold discrepancies, overall and by gold severity. Missed criticals are listed.
* **False alarm rate**: the denominator is every gold claim with verdict `consistent` (matched
  or not) plus every predicted `discrepant`/`omission` finding with no gold match at all; the
  numerator is the matched gold-consistent claims whose prediction is `discrepant`/`omission`
  plus those unmatched predicted alarms. (A gold `unverified` claim flagged as discrepant is a
  verdict error, not a false alarm.)

* **Precision**: of the predicted `discrepant` findings, the share matched to a gold
  `discrepant`/`omission` item (`discrepancy_precision`); the same over discrepant and omission
  findings together (`alarm_precision`); and the number of predicted critical findings that are
  not gold problems (`critical_false_alarms`).

A rate with an empty denominator is `null` and never breaks a threshold.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from auditor.model import Document, Finding
from auditor.policy import PROBLEMS as ALARMS
from auditor.policy import SEVERITIES, VERDICTS, base_topic

KINDS = ("numeric", "safety", "arithmetic", "omission")
# Topics a gold writer's brief has no id for, and the id it files them under: the retired
# 19-day lockout is a wait after a missed pickup window (corpora/blind/BRIEF.md lists no
# lockout topic). A relaxed match, counted with the base-topic matches.
FILED_UNDER = {"pregnancy_test_lockout": "pickup_window"}
EXAMPLE_REACH = 120  # characters between two quantities of one worked example
REL_TOL = 1e-3
_BATCH_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")


class GoldError(ValueError):
    """A gold file that cannot be read; the message is one line with file and line."""


@dataclass(slots=True)
class GoldClaim:
    doc: str
    kind: str
    topic: str
    verdict: str
    severity: str
    where: str
    text: str = ""
    occurrence: int = 1
    drug: str = ""
    low: float | None = None
    high: float | None = None
    unit: str = ""
    qualifier: str = ""
    context: str = ""
    direction: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class GoldDoc:
    doc: str
    where: str
    claims: list[GoldClaim]


@dataclass(slots=True)
class Pair:
    gold: GoldClaim | None
    pred: Finding | None
    relaxed: bool = False


@dataclass(slots=True)
class DocAlignment:
    doc: str
    document: Document | None
    pairs: list[Pair] = field(default_factory=list)
    not_found: list[GoldClaim] = field(default_factory=list)


# -- gold ------------------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Gold documents from a .jsonl file or every .jsonl file of a folder (sorted)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.jsonl") if p.is_file())
        if not files:
            raise GoldError(f"{path}: no .jsonl gold files in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise GoldError(f"{path}: no such gold file or folder")
    docs: list[GoldDoc] = []
    seen: dict[str, str] = {}
    for file in files:
        with open(file, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{file}, line {number}"
                gold = _gold_doc(line, where)
                if gold.doc in seen:
                    raise GoldError(f"{where}: doc {gold.doc!r} already annotated at {seen[gold.doc]}")
                seen[gold.doc] = where
                docs.append(gold)
    return docs


def _gold_doc(line: str, where: str) -> GoldDoc:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise GoldError(f"{where}: not valid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise GoldError(f"{where}: a line must be a JSON object")
    doc = record.get("doc")
    if not isinstance(doc, str) or not doc.strip():
        raise GoldError(f"{where}: missing 'doc'")
    claims = record.get("claims")
    if not isinstance(claims, list):
        raise GoldError(f"{where}: 'claims' must be a list")
    return GoldDoc(doc, where, [_gold_claim(doc, c, f"{where}, claim {i}", where)
                                for i, c in enumerate(claims, start=1)])


def _gold_claim(doc: str, raw: object, what: str, where: str) -> GoldClaim:
    def fail(reason: str) -> GoldError:
        return GoldError(f"{what}: {reason}")

    if not isinstance(raw, dict):
        raise fail("a claim must be a JSON object")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise fail(f"kind must be one of {', '.join(KINDS)} (got {kind!r})")
    topic = raw.get("topic")
    if not isinstance(topic, str) or not topic:
        raise fail("missing 'topic'")
    verdict = raw.get("verdict")
    if verdict not in VERDICTS:
        raise fail(f"verdict must be one of {', '.join(VERDICTS)} (got {verdict!r})")
    if (kind == "omission") != (verdict == "omission"):
        raise fail("kind 'omission' goes with verdict 'omission' and only with it")
    severity = raw.get("severity", "info")
    if severity not in SEVERITIES:
        raise fail(f"severity must be one of {', '.join(SEVERITIES)} (got {severity!r})")
    claim = GoldClaim(doc=doc, kind=kind, topic=topic, verdict=verdict, severity=severity,
                      where=where, drug=str(raw.get("drug") or ""),
                      unit=str(raw.get("unit") or ""), qualifier=str(raw.get("qualifier") or ""),
                      context=str(raw.get("context") or ""),
                      direction=str(raw.get("direction") or ""))
    if kind != "omission":
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            raise fail("missing 'text'")
        claim.text = text
        occurrence = raw.get("occurrence", 1)
        if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
            raise fail("'occurrence' must be a whole number from 1")
        claim.occurrence = occurrence
    for name in ("low", "high"):
        value = raw.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail(f"'{name}' must be a number")
        setattr(claim, name, float(value))
    if kind == "numeric" and (claim.low is None or claim.high is None or not claim.unit):
        raise fail("a numeric claim needs 'low', 'high' and 'unit'")
    return claim


# -- alignment -------------------------------------------------------------------------------


def doc_keys(document: Document) -> list[str]:
    """The names a gold `doc` may use for `document`: file name, or `file#id` for batches."""
    source = document.source.replace("\\", "/")
    keys = [source]
    for match in re.finditer("#", source):
        head = source[:match.start()]
        if head.lower().removesuffix(".gz").endswith(_BATCH_SUFFIXES):
            keys.append(f"{head.rsplit('/', 1)[-1]}#{source[match.end():]}")
            break
    else:
        keys.append(source.rsplit("/", 1)[-1])
    return keys


def locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Span of the `occurrence`-th hit of `needle` in `text` (exact, else loose)."""
    hits = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    if len(hits) < occurrence:
        loose = r"\s+".join(re.escape(word) for word in needle.split())
        hits = [(m.start(), m.end()) for m in re.finditer(loose, text, re.IGNORECASE)]
    return hits[occurrence - 1] if len(hits) >= occurrence else None


def align(gold: GoldDoc, document: Document | None,
          findings: Iterable[Finding]) -> DocAlignment:
    """One-to-one pairs of gold claims and findings for one document."""
    result = DocAlignment(gold.doc, document)
    findings = list(findings)
    if document is None:
        result.pairs = [Pair(g, None) for g in gold.claims]
        return result
    spans = [g for g in gold.claims if g.kind != "omission"]
    for claim in spans:
        span = locate(document.text, claim.text, claim.occurrence)
        if span is None:
            result.not_found.append(claim)
        else:
            claim.start, claim.end = span
    located = [g for g in spans if g.start is not None]
    preds: list[Finding] = []
    pred_om: list[Finding] = []
    spanless: list[Finding] = []
    for f in findings:
        if f.kind == "omission" or f.verdict == "omission":
            pred_om.append(f)
        elif f.start_char is not None and f.end_char is not None:
            preds.append(f)
        else:
            spanless.append(f)
    gold_om = [g for g in gold.claims if g.kind == "omission"]
    pairs: list[Pair] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    used_gold_om: set[int] = set()
    used_pred_om: set[int] = set()
    for relaxed in (False, True):
        def key(topic: str, relaxed: bool = relaxed) -> str:
            return base_topic(FILED_UNDER.get(topic, topic)) if relaxed else topic

        candidates = []
        for gi, g in enumerate(located):
            for pi, p in enumerate(preds):
                overlap = min(g.end, p.end_char) - max(g.start, p.start_char)
                if overlap <= 0 and g.kind == p.kind == "arithmetic":
                    # A worked example is one claim whichever of its quantities marks it (the
                    # gold may quote the weight, the finding marks the duration): nearest
                    # pairs first, after every true overlap.
                    overlap = 1 - (-overlap) / (EXAMPLE_REACH + 1) if -overlap <= EXAMPLE_REACH else 0
                # A worked example is one kind of claim whatever topic its gold names for it.
                same_topic = key(g.topic) == key(p.topic) or g.kind == p.kind == "arithmetic"
                if overlap > 0 and same_topic:
                    candidates.append((-overlap, g.kind != p.kind, p.start_char, gi, pi))
        for _, _, _, gi, pi in sorted(candidates):
            if gi in used_gold or pi in used_pred:
                continue
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append(Pair(located[gi], preds[pi], located[gi].topic != preds[pi].topic))
        for gi, g in enumerate(gold_om):
            if gi in used_gold_om:
                continue
            for pi, p in enumerate(pred_om):
                if pi not in used_pred_om and key(g.topic) == key(p.topic):
                    used_gold_om.add(gi)
                    used_pred_om.add(pi)
                    pairs.append(Pair(g, p, g.topic != p.topic))
                    break
    pairs += [Pair(g, None) for gi, g in enumerate(located) if gi not in used_gold]
    pairs += [Pair(g, None) for g in result.not_found]
    pairs += [Pair(g, None) for gi, g in enumerate(gold_om) if gi not in used_gold_om]
    pairs += [Pair(None, p) for pi, p in enumerate(preds) if pi not in used_pred]
    pairs += [Pair(None, p) for pi, p in enumerate(pred_om) if pi not in used_pred_om]
    pairs += [Pair(None, f) for f in spanless]
    result.pairs = pairs
    return result


# -- running ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Evaluation:
    alignments: list[DocAlignment]
    gold_docs: int
    input_documents: int
    unannotated: list[str]
    read_failures: list[str]
    ambiguous: list[str]


def evaluate(gold_path: str | Path, inputs: Iterable[str | Path], pipeline=None) -> Evaluation:
    """Audit `inputs` in-process with `pipeline` (default: the bundled reference's) and align
    the findings with the gold at `gold_path`."""
    from auditor.audit import audit_documents
    from auditor.documents import ReadFailure, read_inputs

    gold = load_gold(gold_path)
    wanted = {g.doc for g in gold}
    chosen: dict[str, Document] = {}
    unannotated: list[str] = []
    failures: list[str] = []
    ambiguous: list[str] = []
    total = 0
    for item in read_inputs(list(inputs)):
        if isinstance(item, ReadFailure):
            failures.append(str(item))
            continue
        total += 1
        key = next((k for k in doc_keys(item) if k in wanted), None)
        if key is None:
            unannotated.append(item.source)
        elif key in chosen:
            ambiguous.append(f"{key}: {item.source} ignored, {chosen[key].source} used")
        else:
            chosen[key] = item
    documents = list(chosen.values())
    audits = {a.document.source: a for a in audit_documents(documents, pipeline)}
    alignments = []
    for g in gold:
        document = chosen.get(g.doc)
        findings = audits[document.source].findings if document else ()
        alignments.append(align(g, document, findings))
    return Evaluation(alignments, len(gold), total, unannotated, failures, ambiguous)


# -- metrics ---------------------------------------------------------------------------------


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)


def quantity_ok(gold: GoldClaim, pred: Finding) -> bool:
    return pred.unit == gold.unit and _close(pred.value_low, gold.low) and \
        _close(pred.value_high, gold.high)


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


class _Tally:
    def __init__(self):
        self.gold = self.predicted = self.matched_gold = self.matched_pred = 0
        self.qty_n = self.qty_ok = self.verdict_n = self.verdict_ok = 0
        self.disc = self.disc_found = 0
        self.fa_den = self.fa = 0
        self.by_severity: dict[str, list[int]] = {s: [0, 0] for s in SEVERITIES}

    def row(self) -> dict:
        precision = _rate(self.matched_pred, self.predicted)
        recall = _rate(self.matched_gold, self.gold)
        f1 = None
        if precision is not None and recall is not None:
            f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched_gold,
            "precision": precision, "recall": recall, "f1": f1,
            "quantity_accuracy": _rate(self.qty_ok, self.qty_n), "quantity_checked": self.qty_n,
            "verdict_accuracy": _rate(self.verdict_ok, self.verdict_n),
            "verdict_checked": self.verdict_n,
            "discrepancies": self.disc, "discrepancies_found": self.disc_found,
            "discrepancy_recall": _rate(self.disc_found, self.disc),
            "false_alarms": self.fa, "false_alarm_denominator": self.fa_den,
            "false_alarm_rate": _rate(self.fa, self.fa_den),
        }


def _item(doc: str, gold: GoldClaim | None, pred: Finding | None, document: Document | None,
          **more) -> dict:
    row: dict = {"doc": doc}
    if gold is not None:
        row.update(text=gold.text, kind=gold.kind, topic=gold.topic, expected=gold.verdict,
                   severity=gold.severity)
        if gold.kind == "numeric":
            row["expected_quantity"] = [gold.low, gold.high, gold.unit]
        if document is not None and gold.start is not None:
            row["sentence"] = _sentence(document.text, gold.start, gold.end)
    if pred is not None:
        row.update(predicted=pred.verdict, predicted_topic=pred.topic, predicted_kind=pred.kind,
                   predicted_text=pred.claim_text, predicted_severity=pred.severity,
                   explanation=pred.explanation)
        if pred.value_low is not None:
            row["predicted_quantity"] = [pred.value_low, pred.value_high, pred.unit]
        if gold is None and pred.start_char is not None and document is not None:
            row["sentence"] = _sentence(document.text, pred.start_char, pred.end_char)
    else:
        row["predicted"] = "not extracted"
    row.update(more)
    return row


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return " ".join(text[left:right].split())[:300]


class _Score:
    """The tallies of one evaluation, filled pair by pair (`add`)."""

    def __init__(self) -> None:
        self.overall, self.omissions = _Tally(), _Tally()
        self.kinds: dict[str, _Tally] = defaultdict(_Tally)
        self.topics: dict[str, _Tally] = defaultdict(_Tally)
        self.errors: dict[str, list] = {k: [] for k in (
            "missed_critical", "missed_discrepancies", "false_alarms", "missed_claims",
            "spurious_findings", "verdict_mismatches", "quantity_mismatches", "base_topic_matches",
            "gold_text_not_found")}
        self.gold_claims = 0
        self.alarms = {"right": 0, "raised": 0, "critical_wrong": 0, "discrepant_right": 0,
                       "discrepant": 0}

    def add(self, al, pair) -> None:
        g, p = pair.gold, pair.pred
        gold_groups, pred_groups = [], []
        if g is not None:
            self.gold_claims += 1
            gold_groups = [self.omissions if g.kind == "omission" else self.overall,
                           self.kinds[g.kind], self.topics[g.topic]]
        if p is not None:
            is_om = p.kind == "omission" or p.verdict == "omission"
            pred_groups = [self.omissions if is_om else self.overall, self.kinds[p.kind],
                           self.topics[p.topic]]
        for t in gold_groups:
            t.gold += 1
            t.matched_gold += p is not None
        for t in pred_groups:
            t.predicted += 1
            t.matched_pred += g is not None
        if g is not None and p is not None:
            self._matched(al, pair, gold_groups)
        if g is not None and p is None:
            self.errors["missed_claims"].append(_item(
                al.doc, g, None, al.document, overlapping=_overlapping(al, g)))
        if g is None and p is not None:
            self.errors["spurious_findings"].append(_item(al.doc, None, p, al.document))
        if p is not None and p.verdict in ALARMS:
            self._alarm(g, p)
        if g is not None and g.verdict in ALARMS:
            self._discrepancy(al, g, p, gold_groups)
        if g is not None and g.verdict == "consistent":
            alarm = p is not None and p.verdict in ALARMS
            for t in gold_groups:
                t.fa_den += 1
                t.fa += alarm
            if alarm:
                self.errors["false_alarms"].append(_item(al.doc, g, p, al.document))
        elif g is None and p is not None and p.verdict in ALARMS:
            for t in pred_groups:
                t.fa_den += 1
                t.fa += 1
            self.errors["false_alarms"].append(_item(al.doc, None, p, al.document, unmatched=True))

    def _matched(self, al, pair, gold_groups) -> None:
        """Verdict and quantity accuracy of a gold claim the audit found."""
        g, p = pair.gold, pair.pred
        if pair.relaxed:
            self.errors["base_topic_matches"].append(_item(al.doc, g, p, al.document))
        if g.kind != "omission":
            for t in gold_groups:
                t.verdict_n += 1
                t.verdict_ok += p.verdict == g.verdict
            if p.verdict != g.verdict:
                self.errors["verdict_mismatches"].append(_item(al.doc, g, p, al.document))
        if g.kind == "numeric":
            ok = quantity_ok(g, p)
            for t in gold_groups:
                t.qty_n += 1
                t.qty_ok += ok
            if not ok:
                self.errors["quantity_mismatches"].append(_item(al.doc, g, p, al.document))

    def _alarm(self, g, p) -> None:
        """Precision of what the audit flags: is a flagged finding a gold problem?"""
        right = g is not None and g.verdict in ALARMS
        self.alarms["raised"] += 1
        self.alarms["right"] += right
        self.alarms["critical_wrong"] += not right and p.severity == "critical"
        if p.verdict == "discrepant":
            self.alarms["discrepant"] += 1
            self.alarms["discrepant_right"] += right

    def _discrepancy(self, al, g, p, gold_groups) -> None:
        """Discrepancy recall: a gold problem, found or missed."""
        found = p is not None and p.verdict in ALARMS
        for t in gold_groups:
            t.disc += 1
            t.disc_found += found
            t.by_severity[g.severity][0] += 1
            t.by_severity[g.severity][1] += found
        if not found:
            row = _item(al.doc, g, p, al.document)
            if p is None and g.kind != "omission":
                row["overlapping"] = _overlapping(al, g)
            self.errors["missed_discrepancies"].append(row)
            if g.severity == "critical":
                self.errors["missed_critical"].append(row)


def compute_metrics(evaluation: Evaluation, min_discrepancy_recall: float | None = None,
                    max_false_alarm_rate: float | None = None) -> dict:
    """The metrics of the module docstring, as a JSON-ready dict."""
    score = _Score()
    for al in evaluation.alignments:
        for g in al.not_found:
            score.errors["gold_text_not_found"].append(
                {"doc": al.doc, "text": g.text, "occurrence": g.occurrence, "where": g.where})
        for pair in al.pairs:
            score.add(al, pair)
    overall, omissions, kinds, topics = score.overall, score.omissions, score.kinds, score.topics
    errors, alarms, gold_claims = score.errors, score.alarms, score.gold_claims
    # the headline discrepancy recall and false alarm rate cover omissions as well
    headline = _Tally()
    for t in (overall, omissions):
        headline.disc += t.disc
        headline.disc_found += t.disc_found
        headline.fa_den += t.fa_den
        headline.fa += t.fa
        for s in SEVERITIES:
            headline.by_severity[s][0] += t.by_severity[s][0]
            headline.by_severity[s][1] += t.by_severity[s][1]
    extraction = overall.row()
    recall = _rate(headline.disc_found, headline.disc)
    far = _rate(headline.fa, headline.fa_den)
    broken = []
    if min_discrepancy_recall is not None and recall is not None and recall < min_discrepancy_recall:
        broken.append(f"discrepancy recall {recall:.3f} < {min_discrepancy_recall:g}")
    if max_false_alarm_rate is not None and far is not None and far > max_false_alarm_rate:
        broken.append(f"false alarm rate {far:.3f} > {max_false_alarm_rate:g}")
    present = [al for al in evaluation.alignments if al.document is not None]
    return {
        "counts": {
            "gold_documents": evaluation.gold_docs,
            "gold_items": gold_claims,
            "scored_documents": len(present),
            "missing_documents": [al.doc for al in evaluation.alignments if al.document is None],
            "input_documents": evaluation.input_documents,
            "unannotated_documents": len(evaluation.unannotated),
            "read_failures": evaluation.read_failures,
            "ambiguous_documents": evaluation.ambiguous,
        },
        "overall": {
            "extraction": {k: extraction[k] for k in
                           ("gold", "predicted", "matched", "precision", "recall", "f1")},
            "omissions": {k: v for k, v in omissions.row().items() if k in
                          ("gold", "predicted", "matched", "precision", "recall", "f1")},
            "quantity_accuracy": {"value": extraction["quantity_accuracy"],
                                  "checked": overall.qty_n, "correct": overall.qty_ok},
            "verdict_accuracy": {"value": extraction["verdict_accuracy"],
                                 "checked": overall.verdict_n, "correct": overall.verdict_ok},
            "discrepancy_recall": {
                "value": recall, "gold": headline.disc, "found": headline.disc_found,
                "by_severity": {s: {"gold": n, "found": f, "value": _rate(f, n)}
                                for s, (n, f) in headline.by_severity.items() if n}},
            "false_alarm_rate": {"value": far, "false_alarms": headline.fa,
                                 "denominator": headline.fa_den},
            "discrepancy_precision": {
                "value": _rate(alarms["discrepant_right"], alarms["discrepant"]),
                "right": alarms["discrepant_right"], "flagged": alarms["discrepant"]},
            "alarm_precision": {"value": _rate(alarms["right"], alarms["raised"]),
                                "right": alarms["right"], "flagged": alarms["raised"]},
            "critical_false_alarms": alarms["critical_wrong"],
            "base_topic_matches": len(errors["base_topic_matches"]),
        },
        "by_kind": {k: kinds[k].row() for k in sorted(kinds, key=_kind_order)},
        "by_topic": {k: topics[k].row() for k in sorted(topics)},
        "thresholds": {"min_discrepancy_recall": min_discrepancy_recall,
                       "max_false_alarm_rate": max_false_alarm_rate,
                       "passed": not broken, "broken": broken},
        "errors": errors,
    }


def _kind_order(kind: str) -> tuple[int, str]:
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), kind)


def _overlapping(al: DocAlignment, g: GoldClaim) -> list[dict]:
    """Findings whose span overlaps an unmatched gold claim: why it was not matched."""
    if g.start is None:
        return []
    return [{"topic": p.topic, "kind": p.kind, "text": p.claim_text, "verdict": p.verdict,
             "matched_elsewhere": pair.gold is not None}
            for pair in al.pairs if (p := pair.pred) is not None and p.start_char is not None
            and min(g.end, p.end_char) > max(g.start, p.start_char)]


# -- text output -----------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def _table(title: str, rows: dict[str, dict]) -> list[str]:
    width = max([len(title)] + [len(k) for k in rows])
    head = (f"{title:<{width}}  gold  pred match    P     R    F1    qty  verdict  "
            f"disc found    FA")
    lines = [head, "-" * len(head)]
    for name, r in rows.items():
        lines.append(
            f"{name:<{width}} {r['gold']:5d} {r['predicted']:5d} {r['matched']:5d} "
            f"{_fmt(r['precision'])} {_fmt(r['recall'])} {_fmt(r['f1'])}  {_fmt(r['quantity_accuracy'])}"
            f"   {_fmt(r['verdict_accuracy'])}  {r['discrepancies_found']:4d}/{r['discrepancies']:<4d}"
            f" {r['false_alarms']:3d}/{r['false_alarm_denominator']:<3d}")
    return lines


def _quote(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return f'"{text[:limit]}{"…" if len(text) > limit else ""}"'


def render_text(metrics: dict, max_errors: int = 60) -> str:
    """The human report: tables per kind and topic, the headline numbers, then the errors."""
    c, o = metrics["counts"], metrics["overall"]
    out = [f"Scored {c['scored_documents']} of {c['gold_documents']} gold documents "
           f"({c['gold_items']} gold items); {c['input_documents']} input documents, "
           f"{c['unannotated_documents']} without gold."]
    if c["missing_documents"]:
        out.append(f"MISSING from the inputs (all their items count as not found): "
                   f"{', '.join(c['missing_documents'])}")
    out += [f"read failure: {f}" for f in c["read_failures"]]
    out += [f"ambiguous: {a}" for a in c["ambiguous_documents"]]
    out += [""] + _table("kind", metrics["by_kind"]) + [""] + _table("topic", metrics["by_topic"])
    e, om = o["extraction"], o["omissions"]
    q, v, d, f = o["quantity_accuracy"], o["verdict_accuracy"], o["discrepancy_recall"], \
        o["false_alarm_rate"]
    by_sev = "  ".join(f"{s} {r['found']}/{r['gold']}" for s, r in d["by_severity"].items())
    out += ["", "Headline",
            f"  claim extraction    P {_fmt(e['precision'])}  R {_fmt(e['recall'])}  "
            f"F1 {_fmt(e['f1'])}  ({e['matched']} matched, {e['gold']} gold, {e['predicted']} predicted)",
            f"  omissions           P {_fmt(om['precision'])}  R {_fmt(om['recall'])}  "
            f"F1 {_fmt(om['f1'])}  ({om['matched']} matched, {om['gold']} gold, {om['predicted']} predicted)",
            f"  quantity accuracy   {_fmt(q['value'])}  ({q['correct']}/{q['checked']})",
            f"  verdict accuracy    {_fmt(v['value'])}  ({v['correct']}/{v['checked']})",
            f"  discrepancy recall  {_fmt(d['value'])}  ({d['found']}/{d['gold']}; {by_sev})",
            f"  false alarm rate    {_fmt(f['value'])}  ({f['false_alarms']}/{f['denominator']})",
            f"  precision           discrepant {_fmt(o['discrepancy_precision']['value'])} "
            f"({o['discrepancy_precision']['right']}/{o['discrepancy_precision']['flagged']}); "
            f"with omissions {_fmt(o['alarm_precision']['value'])} "
            f"({o['alarm_precision']['right']}/{o['alarm_precision']['flagged']}); "
            f"critical false alarms {o['critical_false_alarms']}",
            f"  base-topic matches  {o['base_topic_matches']} (anchored gold topic matched its base)"]
    t = metrics["thresholds"]
    out.append("  thresholds          " + ("passed" if t["passed"] else
                                          "BROKEN: " + "; ".join(t["broken"])))
    errs = metrics["errors"]

    def section(title: str, rows: list[dict], line) -> None:
        if not rows:
            return
        out.extend(["", f"{title} ({len(rows)})"])
        out.extend("  " + line(r) for r in rows[:max_errors])
        if len(rows) > max_errors:
            out.append(f"  … {len(rows) - max_errors} more (see --json)")

    def missed(r: dict) -> str:
        text = _quote(r["text"]) if r.get("text") else f"(omission: {r['topic']})"
        got = r["predicted"] if r["predicted"] == "not extracted" else \
            f"{r['predicted']} as {r['predicted_topic']}"
        return f"{r['doc']}: {text} [{r['topic']}] expected {r['expected']}/{r['severity']}, " \
               f"predicted {got}"

    def alarm(r: dict) -> str:
        text = _quote(r.get("text") or r.get("predicted_text") or f"(omission: {r['predicted_topic']})")
        tag = " [no gold claim]" if r.get("unmatched") else f" [gold {r['expected']}]"
        return f"{r['doc']}: {text}{tag} {r['predicted_topic']}: {r['explanation']}"

    section("MISSED CRITICAL", errs["missed_critical"], missed)
    section("Missed discrepancies", errs["missed_discrepancies"], missed)
    section("False alarms", errs["false_alarms"], alarm)
    section("Gold text not found in the article", errs["gold_text_not_found"],
            lambda r: f"{r['doc']}: {_quote(r['text'])} ({r['where']})")
    return "\n".join(out)
