"""The pipeline's speed against an earlier revision of itself, in the same run.

    python benchmarks/against.py --base b5248bc          # 5 rounds, 1,000 documents each
    python benchmarks/against.py --base b5248bc --method separate   # the earlier way

The base revision is taken with `git archive` into a temporary folder. Each round runs the base
revision and this tree, each in its own process, and reports each one's pipeline ÷ tokenizer
(the pipeline: `audit_documents`, NLP and verification, no files, as `bench.py`'s `pipeline`
config) and this tree's ratio ÷ the base's; the median over rounds is reported.

The machine's speed drifts by tens of percent from minute to minute (by a factor of two on a
loaded one). With `--method paired` (the default) a process times the bare tokenizer and the
pipeline in alternation, 25 documents at a time, and sums each: the drift falls on both alike,
and the ratio holds still where the docs per second do not. `--method separate` times the
tokenizer and each tree's pipeline in separate processes one after another, as this tool did
before 2026-12-03; its ratios move with the drift between them.
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


def paired_child(docs: int, corpus_file: str) -> dict:
    """Seconds of the bare tokenizer and of the pipeline, timed in alternation on chunks of the
    same documents (in the tree on PYTHONPATH)."""
    import time

    import spacy

    from auditor.audit import audit_documents, default_pipeline
    from auditor.model import Document

    rows = [json.loads(line) for line in Path(corpus_file).read_text(encoding="utf-8").splitlines()][:docs]
    texts = [r["text"] for r in rows]
    documents = [Document(doc_id=r["id"], text=r["text"], source="bench") for r in rows]
    nlp, blank = default_pipeline(), spacy.blank("en")
    list(audit_documents(documents[:20], nlp, batch_size=32))  # warm: first-use caches, imports
    list(blank.pipe(texts[:20]))
    tokenizer = pipeline = 0.0
    for start in range(0, len(rows), _CHUNK):
        began = time.perf_counter()
        list(blank.pipe(texts[start:start + _CHUNK], batch_size=64))
        middle = time.perf_counter()
        list(audit_documents(documents[start:start + _CHUNK], nlp, batch_size=32))
        tokenizer, pipeline = tokenizer + middle - began, pipeline + time.perf_counter() - middle
    return {"tokenizer": round(tokenizer, 3), "pipeline": round(pipeline, 3),
            "ratio": round(tokenizer / pipeline, 4)}


_CHUNK = 25  # documents timed at a time, tokenizer then pipeline


def paired(tree: Path, docs: int, corpus_file: str) -> dict:
    command = [sys.executable, __file__, "--paired-child", "--docs", str(docs), "--corpus", corpus_file]
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=environment,
                            cwd=tree).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="the git revision to compare with")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--method", choices=("paired", "separate"), default="paired")
    parser.add_argument("--paired-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.paired_child:
        print(json.dumps(paired_child(args.docs, args.corpus)))
        return
    if not args.base:
        parser.error("--base is required")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base"
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base], check=True,
                                 capture_output=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(base, filter="data")
        corpus_file = str(Path(folder) / "corpus.jsonl")
        Path(corpus_file).write_text("".join(json.dumps(r) + "\n" for r in corpus(args.docs)),
                                     encoding="utf-8")
        if args.method == "paired":
            rounds = []
            for number in range(args.rounds):
                old, new = paired(base, args.docs, corpus_file), paired(ROOT, args.docs, corpus_file)
                rounds.append({"base": old, "this": new, "this_vs_base": round(new["ratio"] / old["ratio"], 4)})
                print(f"  round {number + 1}: pipeline ÷ tokenizer {args.base} {old['ratio']:.3f}, "
                      f"this tree {new['ratio']:.3f}", file=sys.stderr)
            medians = {"base_vs_tokenizer": statistics.median(r["base"]["ratio"] for r in rounds),
                       "this_vs_tokenizer": statistics.median(r["this"]["ratio"] for r in rounds),
                       "this_vs_base": statistics.median(r["this_vs_base"] for r in rounds)}
            print(json.dumps({"base": args.base, "docs": args.docs, "method": "paired", "rounds": rounds,
                              "medians": {k: round(v, 3) for k, v in medians.items()}}, indent=2))
            return
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
