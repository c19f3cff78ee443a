"""Editors adjudicate an audit's findings blind: the packet they read, and the score it gives.

    python benchmarks/adjudicate.py pack reports/findings.jsonl --out review/ --key review.key.jsonl
    python benchmarks/adjudicate.py score review/ --key review.key.jsonl

Matching findings against gold written beforehand is a proxy: two editors often disagree, and a
claim quoted with other words counts as a miss and a false alarm. The issue's own measure is an
editor reading each finding. `pack` writes every discrepant finding of an audit and a random
sample of as many consistent ones, shuffled (fixed seed), with the tool's verdict, severity and
explanation left out, and every omission; the editor sees the sentence, the words the tool
read, the topic it read them as, and the reviewed fact with its citation. The verdicts go to
`--key`, a file the editor must not be given. The editor writes `adjudication.jsonl` into the
packet's folder, one line per item: `{"item": ..., "decision": ...}`, the decision one of
`discrepant`, `consistent`, `unverified`, `not_this_topic` for a claim and `right`, `wrong` for
an omission (`ADJUDICATE.md` beside this file is the brief they were given). `score` reports the
share of discrepant findings the editor also judged discrepant, what the sampled consistent
ones were judged, and the share of omissions judged right.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.reference import load_reference  # noqa: E402

CLAIM_DECISIONS = ("discrepant", "consistent", "unverified", "not_this_topic")
OMISSION_DECISIONS = ("right", "wrong")


def pack(findings: list[dict], reference, seed: int = 7) -> tuple[list[dict], list[dict]]:
    """(items for the editor, key for the scorer), in the same order."""
    facts = {fact.id: fact for fact in reference.facts}
    discrepant = [f for f in findings if f["verdict"] == "discrepant"]
    consistent = [f for f in findings if f["verdict"] == "consistent"]
    rng = random.Random(seed)
    claims = discrepant + rng.sample(consistent, min(len(consistent), len(discrepant)))
    rng.shuffle(claims)
    omissions = [f for f in findings if f["kind"] == "omission"]
    items, key = [], []
    for number, finding in enumerate(claims + omissions, 1):
        fact = facts.get(finding["reference_id"])
        statement = fact.statement if fact else finding["reference_value"]
        item = {"item": str(number), "doc": finding["doc_id"]}
        if finding["kind"] == "omission":
            item.update(omission=True, topic=finding["topic"], requirement=statement)
        else:
            topic = reference.topics.get(finding["topic"])
            item.update(sentence=finding["sentence"], quoted=finding["claim_text"],
                        topic=finding["topic"], topic_label=topic.label if topic else finding["topic"],
                        reference=statement)
        item["citation"] = finding["citation"]
        items.append(item)
        key.append({"item": str(number), "verdict": finding["verdict"],
                    "severity": finding["severity"], "doc": finding["doc_id"],
                    "topic": finding["topic"], "text": finding.get("claim_text") or ""})
    return items, key


def score(key: list[dict], decisions: dict[str, str]) -> dict:
    """The editor's decisions against the tool's verdicts; an item with no decision counts as
    undecided (never as agreement)."""
    by_verdict: dict[str, Counter] = {"discrepant": Counter(), "consistent": Counter(),
                                      "omission": Counter()}
    for entry in key:
        by_verdict[entry["verdict"]][decisions.get(entry["item"], "undecided")] += 1

    def share(counts: Counter, agreeing: str) -> dict:
        total = sum(counts.values())
        return {"agreed": counts[agreeing], "of": total,
                "value": round(counts[agreeing] / total, 3) if total else None,
                "decisions": dict(sorted(counts.items()))}

    return {"precision_of_discrepant": share(by_verdict["discrepant"], "discrepant"),
            "consistent_sample": share(by_verdict["consistent"], "consistent"),
            "omissions_right": share(by_verdict["omission"], "right")}


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    temporary.replace(path)


def _decisions(path: Path, key: list[dict]) -> dict[str, str]:
    kinds = {entry["item"]: entry["verdict"] for entry in key}
    decisions = {}
    for number, row in enumerate(_read_jsonl(path), 1):
        item, decision = str(row.get("item", "")), row.get("decision")
        allowed = OMISSION_DECISIONS if kinds.get(item) == "omission" else CLAIM_DECISIONS
        if item not in kinds or decision not in allowed:
            raise SystemExit(f"{path}: line {number}: item {item!r} with decision {decision!r} "
                             f"(expected one of {', '.join(allowed)})")
        decisions[item] = decision
    return decisions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    packing = commands.add_parser("pack", help="write a blind packet and its key")
    packing.add_argument("findings", type=Path, help="an audit's findings.jsonl")
    packing.add_argument("--out", type=Path, required=True, help="the packet's folder")
    packing.add_argument("--key", type=Path, required=True, help="the key file (keep it from the editor)")
    packing.add_argument("--reference", type=Path, default=None)
    packing.add_argument("--seed", type=int, default=7)
    scoring = commands.add_parser("score", help="score an adjudicated packet")
    scoring.add_argument("packet", type=Path)
    scoring.add_argument("--key", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "pack":
        if args.key.resolve().parent == args.out.resolve():
            raise SystemExit(f"{args.key}: the key must not sit in the packet the editor reads")
        items, key = pack(_read_jsonl(args.findings), load_reference(args.reference), args.seed)
        args.out.mkdir(parents=True, exist_ok=True)
        _write_jsonl(args.out / "items.jsonl", items)
        _write_jsonl(args.key, key)
        print(f"{len(items)} items ({sum(1 for k in key if k['verdict'] == 'discrepant')} discrepant) "
              f"in {args.out / 'items.jsonl'}; key in {args.key}")
        return 0
    key = _read_jsonl(args.key)
    print(json.dumps(score(key, _decisions(args.packet / "adjudication.jsonl", key)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
