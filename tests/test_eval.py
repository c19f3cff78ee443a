"""`auditor eval`: alignment, metrics, thresholds and the gold reader.

The metric tests replace the NLP audit with a stub that returns planned findings, so each one
pins the scoring arithmetic, not the extractor (which is tuned separately). The last test runs
the real pipeline over the bundled corpus.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import auditor.audit
from auditor.audit import DocumentAudit
from auditor.cli import app
from auditor.evaluate import compute_metrics, doc_keys, evaluate, locate
from auditor.model import Document, Finding

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = """Isotretinoin for acne

The usual daily dose of isotretinoin is 0.5 to 1 mg/kg per day.
A course of isotretinoin usually lasts 16 to 24 weeks.
You can have waxing 3 months after stopping isotretinoin.
Isotretinoin clears acne for good in 95% of patients.
Do not take vitamin A supplements while on isotretinoin.
After the last dose, avoid pregnancy for one month.
"""

# text, kind, topic, low, high, unit, verdict, severity
CLAIMS = [
    ("0.5 to 1 mg/kg per day", "numeric", "daily_dose", 0.5, 1, "mg/kg/day", "consistent", "info"),
    ("16 to 24 weeks", "numeric", "course_length", 112, 168, "day", "consistent", "info"),
    ("3 months", "numeric", "cosmetic_procedures_after", 91.3125, 91.3125, "day", "discrepant",
     "critical"),
    ("95%", "numeric", "cure_rate", 95, 95, "%", "discrepant", "major"),
    ("vitamin A supplements", "safety", "vitamin_a_supplements", None, None, "", "consistent",
     "info"),
    ("one month", "numeric", "pregnancy_window_after", 30.4375, 30.4375, "day", "consistent",
     "info"),
]
OMISSION = ("", "omission", "blood_donation", None, None, "", "omission", "minor")


def gold_line(doc: str, claims=CLAIMS, omission=True) -> str:
    rows = []
    for text, kind, topic, low, high, unit, verdict, severity in claims:
        row = {"text": text, "kind": kind, "drug": "isotretinoin", "topic": topic,
               "verdict": verdict, "severity": severity, "direction": ""}
        if low is not None:
            row.update(low=low, high=high, unit=unit, qualifier="exact", context="asserted")
        rows.append(row)
    if omission:
        rows.append({"kind": "omission", "topic": "blood_donation", "verdict": "omission",
                     "severity": "minor"})
    return json.dumps({"doc": doc, "claims": rows})


def finding(doc: Document, text: str, kind: str, topic: str, low=None, high=None, unit="",
            verdict="consistent", severity="info", explanation="planned") -> Finding:
    span = locate(doc.text, text) if text else None
    start, end = span if span else (None, None)
    return Finding(doc_id=doc.doc_id, claim_id=f"{doc.doc_id}:{start}:{topic}", kind=kind,
                   drug="isotretinoin", topic=topic, claim_text=text, sentence="",
                   start_char=start, end_char=end, value_low=low, value_high=high, unit=unit,
                   qualifier="exact", context="asserted", reference_id="", reference_value="",
                   citation="", verdict=verdict, direction="", severity=severity,
                   explanation=explanation)


@pytest.fixture
def plan(monkeypatch):
    """`plan[doc_id] = [finding kwargs...]` decides what the stubbed audit predicts."""
    planned: dict[str, list[tuple]] = {}

    def fake_audit(documents, pipeline=None, **_):
        for document in documents:
            findings = tuple(finding(document, *spec) for spec in planned.get(document.doc_id, []))
            yield DocumentAudit(document, 0, "isotretinoin", (), findings)

    monkeypatch.setattr(auditor.audit, "audit_documents", fake_audit)
    return planned


def perfect() -> list[tuple]:
    return [(t, k, topic, lo, hi, u, v, s) for t, k, topic, lo, hi, u, v, s in CLAIMS + [OMISSION]]


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "leaflet.txt").write_text(ARTICLE, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line("leaflet.txt") + "\n", encoding="utf-8")
    return gold, articles


def metrics_for(gold: Path, articles: Path, **thresholds) -> dict:
    return compute_metrics(evaluate(gold, [articles]), **thresholds)


def test_perfect_match_gives_full_recall_and_no_false_alarm(plan, corpus):
    plan["leaflet"] = perfect()
    m = metrics_for(*corpus)
    o = m["overall"]
    assert o["extraction"] == {"gold": 6, "predicted": 6, "matched": 6, "precision": 1.0,
                               "recall": 1.0, "f1": 1.0}
    assert o["omissions"]["recall"] == 1.0 and o["omissions"]["precision"] == 1.0
    assert o["discrepancy_recall"]["value"] == 1.0
    assert o["discrepancy_recall"]["gold"] == 3  # two discrepant claims + one omission
    assert o["false_alarm_rate"] == {"value": 0.0, "false_alarms": 0, "denominator": 4}
    assert o["quantity_accuracy"]["value"] == 1.0 and o["quantity_accuracy"]["checked"] == 5
    assert o["verdict_accuracy"]["value"] == 1.0
    assert m["counts"]["missing_documents"] == []
    assert all(not rows for rows in m["errors"].values())


def test_planted_miss_lowers_discrepancy_recall_and_lists_the_critical(plan, corpus):
    plan["leaflet"] = [spec for spec in perfect() if spec[0] != "3 months"]
    m = metrics_for(*corpus)
    o = m["overall"]
    assert o["discrepancy_recall"]["found"] == 2
    assert o["discrepancy_recall"]["value"] == pytest.approx(2 / 3, abs=1e-4)
    assert o["discrepancy_recall"]["by_severity"]["critical"] == {"gold": 1, "found": 0, "value": 0.0}
    assert o["extraction"]["recall"] == pytest.approx(5 / 6, abs=1e-4)
    assert o["extraction"]["precision"] == 1.0
    [missed] = m["errors"]["missed_critical"]
    assert missed["doc"] == "leaflet.txt" and missed["text"] == "3 months"
    assert missed["predicted"] == "not extracted"
    assert m["by_topic"]["cosmetic_procedures_after"]["recall"] == 0.0


def test_a_discrepancy_found_with_a_consistent_verdict_is_still_missed(plan, corpus):
    plan["leaflet"] = [spec[:6] + ("consistent", "info") if spec[0] == "95%" else spec
                       for spec in perfect()]
    o = metrics_for(*corpus)["overall"]
    assert o["extraction"]["recall"] == 1.0
    assert o["discrepancy_recall"]["found"] == 2
    assert o["verdict_accuracy"]["correct"] == 5 and o["verdict_accuracy"]["checked"] == 6


def test_false_alarms_are_counted(plan, corpus):
    specs = [spec[:6] + ("discrepant", "minor") if spec[0] == "16 to 24 weeks" else spec
             for spec in perfect()]
    # an alarm on a span the gold does not annotate at all
    specs.append(("isotretinoin clears", "safety", "antibacterial_action", None, None, "",
                  "discrepant", "major"))
    plan["leaflet"] = specs
    m = metrics_for(*corpus)
    far = m["overall"]["false_alarm_rate"]
    # 4 gold-consistent claims + 1 unmatched alarm; 2 of them flagged
    assert far == {"value": 0.4, "false_alarms": 2, "denominator": 5}
    assert m["overall"]["extraction"]["precision"] == pytest.approx(6 / 7, abs=1e-4)
    texts = sorted((r.get("text") or r["predicted_text"]) for r in m["errors"]["false_alarms"])
    assert texts == ["16 to 24 weeks", "isotretinoin clears"]


def test_unmatched_consistent_prediction_is_not_a_false_alarm(plan, corpus):
    plan["leaflet"] = perfect() + [("Isotretinoin for acne", "numeric", "cure_rate", 1, 1, "%")]
    o = metrics_for(*corpus)["overall"]
    assert o["false_alarm_rate"]["false_alarms"] == 0
    assert o["extraction"]["precision"] == pytest.approx(6 / 7, abs=1e-4)


def test_quantity_accuracy_uses_relative_tolerance_and_unit(plan, corpus):
    specs = []
    for spec in perfect():
        if spec[0] == "16 to 24 weeks":
            spec = spec[:3] + (112 * 1.0005, 168, "day") + spec[6:]  # inside 1e-3: right
        elif spec[0] == "0.5 to 1 mg/kg per day":
            spec = spec[:3] + (0.5, 1.01, "mg/kg/day") + spec[6:]  # 1% off: wrong
        elif spec[0] == "one month":
            spec = spec[:3] + (30.4375, 30.4375, "month") + spec[6:]  # wrong unit
        specs.append(spec)
    plan["leaflet"] = specs
    m = metrics_for(*corpus)
    assert m["overall"]["quantity_accuracy"] == {"value": 0.6, "checked": 5, "correct": 3}
    assert {r["text"] for r in m["errors"]["quantity_mismatches"]} == {
        "0.5 to 1 mg/kg per day", "one month"}


def test_overlap_needs_equal_topics_and_base_topic_matches_are_reported(plan, corpus):
    specs = []
    for spec in perfect():
        if spec[0] == "95%":
            spec = spec[:2] + ("relapse_rate",) + spec[3:]  # wrong topic: no match
        elif spec[0] == "one month":
            spec = ("avoid pregnancy for one month", "numeric", "pregnancy_window") + spec[3:]
        specs.append(spec)
    plan["leaflet"] = specs
    m = metrics_for(*corpus)
    assert m["overall"]["extraction"]["matched"] == 5
    assert [r["text"] for r in m["errors"]["missed_claims"]] == ["95%"]
    assert m["errors"]["missed_claims"][0]["overlapping"][0]["topic"] == "relapse_rate"
    assert m["overall"]["base_topic_matches"] == 1
    assert m["errors"]["base_topic_matches"][0]["predicted_topic"] == "pregnancy_window"


def test_matching_is_one_to_one_largest_overlap_first(plan, corpus):
    plan["leaflet"] = perfect() + [("16 to 24", "numeric", "course_length", 112, 168, "day")]
    m = metrics_for(*corpus)
    assert m["overall"]["extraction"]["matched"] == 6
    assert m["overall"]["extraction"]["predicted"] == 7
    [spurious] = m["errors"]["spurious_findings"]
    assert spurious["predicted_text"] == "16 to 24"


def test_one_prediction_matches_at_most_one_gold_claim(plan, tmp_path):
    (tmp_path / "leaflet.txt").write_text(ARTICLE, encoding="utf-8")
    halves = [("0.5", "numeric", "daily_dose", 0.5, 0.5, "mg/kg/day", "consistent", "info"),
              ("1 mg/kg per day", "numeric", "daily_dose", 1, 1, "mg/kg/day", "consistent", "info")]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line("leaflet.txt", halves, omission=False) + "\n", encoding="utf-8")
    plan["leaflet"] = [CLAIMS[0]]
    m = metrics_for(gold, tmp_path / "leaflet.txt")
    assert m["overall"]["extraction"]["matched"] == 1
    assert [r["text"] for r in m["errors"]["missed_claims"]] == ["0.5"]  # the smaller overlap


def test_occurrence_picks_the_nth_hit():
    text = "one month here, one month there"
    assert locate(text, "one month") == (0, 9)
    assert locate(text, "one month", 2) == (16, 25)
    assert locate(text, "one month", 3) is None
    assert locate("wait  One\nmonth", "one month") == (6, 15)  # loose fallback


def test_batch_records_match_by_file_and_id(plan, tmp_path):
    batch = tmp_path / "news.jsonl"
    batch.write_text(json.dumps({"id": "n1", "text": ARTICLE}) + "\n", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "g.jsonl").write_text(gold_line("news.jsonl#n1") + "\n", encoding="utf-8")
    plan["n1"] = perfect()
    m = metrics_for(gold, batch)
    assert m["counts"]["scored_documents"] == 1
    assert m["overall"]["extraction"]["recall"] == 1.0
    assert doc_keys(Document("x", "t", "a/b/c.csv#r-1"))[-1] == "c.csv#r-1"
    assert doc_keys(Document("x", "t", "a/b/c.txt"))[-1] == "c.txt"


def test_a_gold_document_missing_from_the_inputs_counts_as_missed(plan, corpus, tmp_path):
    gold, articles = corpus
    with gold.open("a", encoding="utf-8") as handle:
        handle.write(gold_line("elsewhere.txt") + "\n")
    plan["leaflet"] = perfect()
    m = metrics_for(gold, articles)
    assert m["counts"]["missing_documents"] == ["elsewhere.txt"]
    assert m["overall"]["discrepancy_recall"]["value"] == 0.5  # 3 of 6


def test_cli_exits_1_when_a_threshold_is_broken(plan, corpus):
    gold, articles = corpus
    plan["leaflet"] = [spec for spec in perfect() if spec[0] != "3 months"]
    runner = CliRunner()
    args = ["eval", str(gold), "--input", str(articles)]
    broken = runner.invoke(app, args)
    assert broken.exit_code == 1, broken.output
    assert "MISSED CRITICAL" in broken.stdout and '"3 months"' in broken.stdout
    assert "discrepancy recall 0.667 < 0.95" in broken.stdout
    relaxed = runner.invoke(app, args + ["--min-discrepancy-recall", "0.6"])
    assert relaxed.exit_code == 0, relaxed.output
    plan["leaflet"] = [spec[:6] + ("discrepant", "minor") if spec[0] == "16 to 24 weeks" else spec
                       for spec in perfect()]
    alarms = runner.invoke(app, args + ["--json"])
    assert alarms.exit_code == 1
    metrics = json.loads(alarms.stdout)
    assert metrics["thresholds"]["broken"] == ["false alarm rate 0.250 > 0.05"]
    assert runner.invoke(app, args + ["--max-false-alarm-rate", "0.3"]).exit_code == 0


def test_cli_reports_a_bad_gold_line_with_file_and_line(plan, corpus):
    gold, articles = corpus
    with gold.open("a", encoding="utf-8") as handle:
        handle.write('{"doc": "x.txt", "claims": [{"kind": "numeric", "topic": "t"}]}\n')
    result = CliRunner().invoke(app, ["eval", str(gold), "--input", str(articles)])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert "\n" not in message
    assert f"{gold}, line 2" in message and "verdict" in message
    gold.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--input", str(articles)])
    assert result.exit_code == 2 and f"{gold}, line 1: not valid JSON" in result.stderr


def test_real_corpus_eval_has_the_expected_keys_and_sane_ranges(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    items = docs = 0
    for name in ("corpus_a.jsonl", "corpus_b.jsonl"):
        shutil.copy(ROOT / "corpora" / "gold" / name, gold / name)
        for line in (gold / name).read_text(encoding="utf-8").splitlines():
            docs += 1
            items += len(json.loads(line)["claims"])
    result = CliRunner().invoke(app, [
        "eval", str(gold), "--input", str(ROOT / "corpora" / "articles"), "--json",
        "--min-discrepancy-recall", "0", "--max-false-alarm-rate", "1"])
    assert result.exit_code == 0, result.output
    m = json.loads(result.stdout)
    assert set(m) == {"counts", "overall", "by_kind", "by_topic", "thresholds", "errors"}
    assert m["counts"]["gold_documents"] == docs and m["counts"]["gold_items"] == items
    assert m["counts"]["scored_documents"] == docs and m["counts"]["missing_documents"] == []
    assert m["errors"]["gold_text_not_found"] == []
    o = m["overall"]
    assert set(o) == {"extraction", "omissions", "quantity_accuracy", "verdict_accuracy",
                      "discrepancy_recall", "false_alarm_rate", "base_topic_matches",
                      "discrepancy_precision", "alarm_precision", "critical_false_alarms"}
    assert 0.5 < o["discrepancy_precision"]["value"] <= 1
    assert o["discrepancy_precision"]["right"] <= o["discrepancy_precision"]["flagged"]
    for key in ("precision", "recall", "f1"):
        assert 0.5 < o["extraction"][key] <= 1  # a broken alignment would score near 0
    for metric in ("quantity_accuracy", "verdict_accuracy", "discrepancy_recall",
                   "false_alarm_rate"):
        assert 0 <= o[metric]["value"] <= 1
    assert o["discrepancy_recall"]["gold"] > 0 and o["false_alarm_rate"]["denominator"] > 0
    assert set(m["by_kind"]) >= {"numeric", "safety", "arithmetic", "omission"}
    for row in list(m["by_kind"].values()) + list(m["by_topic"].values()):
        assert row["matched"] <= row["gold"]
    assert sum(r["gold"] for r in m["by_kind"].values()) == items


def test_a_topic_the_brief_files_elsewhere_matches_relaxed():
    """The gold writers' brief has no lockout id and files the 19-day lockout under the pickup
    window: a lockout finding on the same words is a relaxed (base-topic) match, not a miss and
    a false alarm."""
    from auditor import audit_text
    from auditor.evaluate import GoldClaim, GoldDoc, align
    from auditor.model import Document

    text = "Miss the isotretinoin pickup and you are locked out for 19 days before the next test."
    finding = next(f for f in audit_text(text) if f.claim_text == "19 days")
    assert finding.topic == "pregnancy_test_lockout"
    gold = GoldClaim(doc="d.txt", kind="numeric", topic="pickup_window", verdict="discrepant",
                     severity="minor", where="d.txt:1", text="19 days")
    pairs = align(GoldDoc("d.txt", "d.txt:1", [gold]), Document("d.txt", text, "d.txt"), [finding]).pairs
    assert [(p.gold is gold, p.pred is finding, p.relaxed) for p in pairs] == [(True, True, True)]


def test_a_worked_example_matches_whichever_quantity_the_gold_quotes():
    """FORMAT.md lets a gold arithmetic item quote any quantity of its example: the weight in
    one sentence matches the finding that marks the duration in the next; the nearer of two
    examples wins."""
    from auditor import audit_text
    from auditor.evaluate import GoldClaim, GoldDoc, align
    from auditor.model import Document

    text = ("Isotretinoin worked example. Tom weighs 80 kg and takes 60 mg a day. Over 160 days "
            "his total comes to about 120 mg/kg. Ana weighs 50 kg and takes 20 mg a day. Over 24 "
            "weeks (168 days) her total reaches about 150 mg/kg.")
    sums = [f for f in audit_text(text) if f.kind == "arithmetic"]
    assert len(sums) == 2
    gold = [GoldClaim(doc="d", kind="arithmetic", topic="cumulative_dose", verdict=v, severity=s,
                      where="d:1", text=t)
            for t, v, s in (("80 kg", "consistent", "info"), ("50 kg", "discrepant", "major"))]
    pairs = align(GoldDoc("d", "d:1", gold), Document("d", text, "d"), sums).pairs
    matched = {p.gold.text: p.pred.claim_text for p in pairs if p.gold and p.pred}
    assert matched == {"80 kg": "160 days", "50 kg": "24 weeks"}


def test_a_worked_example_matches_whatever_topic_its_gold_names():
    """Every worked example is a cumulative dose's; a gold that files one under another label
    (`arithmetic`) still matches the example's finding by its quoted result."""
    from auditor import audit_text
    from auditor.evaluate import GoldClaim, GoldDoc, align
    from auditor.model import Document

    text = ("Isotretinoin worked example. Lena weighs 64 kg and takes 40 mg a day for 24 weeks, "
            "so her cumulative dose reaches 105 mg/kg.")
    [example] = [f for f in audit_text(text) if f.kind == "arithmetic"]
    gold = GoldClaim(doc="d", kind="arithmetic", topic="arithmetic", verdict="consistent", severity="info",
                     where="d:1", text="105 mg/kg")
    pairs = align(GoldDoc("d", "d:1", [gold]), Document("d", text, "d"), [example]).pairs
    assert [(p.gold is gold, p.pred is example) for p in pairs] == [(True, True)]
