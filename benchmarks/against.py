"""The pipeline's speed against an earlier revision of itself, in the same run.

    python benchmarks/against.py --base b5248bc          # 5 rounds, 1,000 documents each

The base revision is taken with `git archive` into a temporary folder; each round times the
bare tokenizer, the base revision's pipeline and this tree's (`bench.py`'s `pipeline` config:
NLP and verification, no files), each in its own process, in turn. The machine's speed drifts
by tens of percent from minute to minute, so each ratio is taken within a round and the median
over rounds is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import corpus  # noqa: E402


def timed(tree: Path, config: str, docs: int, corpus_file: str) -> float:
    command = [sys.executable, str(tree / "benchmarks" / "bench.py"), "--child", config,
               "--docs", str(docs), "--workers", "1", "--corpus", corpus_file]
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=environment,
                            cwd=tree).stdout
    return json.loads(output.strip().splitlines()[-1])["docs_per_second"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the git revision to compare with")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base"
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base], check=True,
                                 capture_output=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(base, filter="data")
        corpus_file = str(Path(folder) / "corpus.jsonl")
        Path(corpus_file).write_text("".join(json.dumps(r) + "\n" for r in corpus(args.docs)),
                                     encoding="utf-8")
        rounds = []
        for number in range(args.rounds):
            tokenizer = timed(ROOT, "tokenizer", args.docs, corpus_file)
            old = timed(base, "pipeline", args.docs, corpus_file)
            new = timed(ROOT, "pipeline", args.docs, corpus_file)
            rounds.append({"tokenizer": tokenizer, "base": old, "this": new})
            print(f"  round {number + 1}: tokenizer {tokenizer:.0f}, {args.base} {old:.1f}, "
                  f"this tree {new:.1f} docs/s", file=sys.stderr)
    ratio = {name: statistics.median(r[key] / r["tokenizer"] for r in rounds)
             for name, key in (("base_vs_tokenizer", "base"), ("this_vs_tokenizer", "this"))}
    ratio["this_vs_base"] = statistics.median(r["this"] / r["base"] for r in rounds)
    print(json.dumps({"base": args.base, "docs": args.docs, "rounds": rounds,
                      "medians": {k: round(v, 3) for k, v in ratio.items()}}, indent=2))


if __name__ == "__main__":
    main()
