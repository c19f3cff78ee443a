"""The blind adjudication packet (`benchmarks/adjudicate.py`): built from a real audit, it hides
the tool's verdicts from the editor and scores the editor's decisions against them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "adjudicate.py"
HIDDEN = {"verdict", "severity", "explanation", "direction", "evidence", "fingerprint", "review"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("adjudicate")
    articles = tmp / "articles"
    articles.mkdir()
    for name in ("a01-clinic-leaflet.txt", "a02-pharmacy-shop.md", "a04-pregnancy-safety.txt"):
        shutil.copy(ROOT / "corpora" / "articles" / name, articles / name)
    out = tmp / "reports"
    result = CliRunner().invoke(app, ["audit", str(articles), "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    return out


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_packet_hides_the_verdicts_and_keeps_them_in_the_key(audited: Path, tmp_path: Path):
    packet, key = tmp_path / "packet", tmp_path / "packet.key.jsonl"
    result = run("pack", str(audited / "findings.jsonl"), "--out", str(packet), "--key", str(key))
    assert result.returncode == 0, result.stderr
    items, verdicts = lines(packet / "items.jsonl"), lines(key)
    findings = lines(audited / "findings.jsonl")
    discrepant = sum(1 for f in findings if f["verdict"] == "discrepant")
    assert discrepant > 0
    assert [i["item"] for i in items] == [k["item"] for k in verdicts]
    assert not any(HIDDEN & set(item) for item in items)
    counts = [k["verdict"] for k in verdicts]
    assert counts.count("discrepant") == discrepant
    assert counts.count("consistent") == min(discrepant, sum(f["verdict"] == "consistent" for f in findings))
    assert counts.count("omission") == sum(f["kind"] == "omission" for f in findings)
    claims = [i for i in items if not i.get("omission")]
    assert all(i["sentence"] and i["quoted"] in i["sentence"] and i["reference"] for i in claims)


def test_the_key_may_not_sit_in_the_packet(audited: Path, tmp_path: Path):
    packet = tmp_path / "packet"
    result = run("pack", str(audited / "findings.jsonl"), "--out", str(packet), "--key",
                 str(packet / "key.jsonl"))
    assert result.returncode != 0 and "must not sit in the packet" in result.stderr
    assert not (packet / "key.jsonl").exists()


def test_scoring_counts_the_editors_agreement(audited: Path, tmp_path: Path):
    packet, key = tmp_path / "packet", tmp_path / "packet.key.jsonl"
    assert run("pack", str(audited / "findings.jsonl"), "--out", str(packet), "--key", str(key)).returncode == 0
    verdicts = lines(key)
    decisions = []
    for n, entry in enumerate(verdicts):  # the editor agrees with every other discrepant finding
        if entry["verdict"] == "omission":
            decisions.append({"item": entry["item"], "decision": "right"})
        elif entry["verdict"] == "discrepant":
            decisions.append({"item": entry["item"], "decision": "discrepant" if n % 2 else "not_this_topic"})
        else:
            decisions.append({"item": entry["item"], "decision": "consistent"})
    (packet / "adjudication.jsonl").write_text("".join(json.dumps(d) + "\n" for d in decisions))
    result = run("score", str(packet), "--key", str(key))
    assert result.returncode == 0, result.stderr
    scored = json.loads(result.stdout)
    agreed = sum(1 for n, e in enumerate(verdicts) if e["verdict"] == "discrepant" and n % 2)
    assert scored["precision_of_discrepant"]["agreed"] == agreed
    assert scored["precision_of_discrepant"]["of"] == sum(e["verdict"] == "discrepant" for e in verdicts)
    assert scored["consistent_sample"]["value"] == 1.0


def test_a_decision_outside_the_list_names_its_line(audited: Path, tmp_path: Path):
    packet, key = tmp_path / "packet", tmp_path / "packet.key.jsonl"
    assert run("pack", str(audited / "findings.jsonl"), "--out", str(packet), "--key", str(key)).returncode == 0
    first = lines(key)[0]["item"]
    (packet / "adjudication.jsonl").write_text(json.dumps({"item": first, "decision": "maybe"}) + "\n")
    result = run("score", str(packet), "--key", str(key))
    assert result.returncode != 0
    assert "line 1" in result.stderr and "'maybe'" in result.stderr
