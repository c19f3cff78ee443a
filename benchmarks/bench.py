"""Throughput and memory of the auditor, against the bare spaCy tokenizer and quantulum3.

    python benchmarks/bench.py                 # table; about 5 minutes on 2 cores
    python benchmarks/bench.py --json          # the same figures as JSON
    python benchmarks/bench.py --stream-docs 100000 --only stream   # peak RSS on a long stream

Every configuration runs in its own subprocess (so peak RSS is its own) on the same texts,
once per round (--repeats rounds); ratios are taken within a round, then the median over rounds:
the articles of corpora/articles and, when present, ../shared/seeds, repeated to --docs.

| config        | what is timed |
|---------------|---------------|
| tokenizer     | `spacy.blank("en").pipe(texts)`: the floor |
| tokenizer-N   | the same split over N processes: what the machine gives N processes |
| floor         | the tokenizer plus the two report files the output contract asks per document |
|               | (`docs/<id>.md`, `.html`, written as the audit writes them): no audit can beat it |
| pipeline-1    | `audit_documents` in one process: NLP + verification, no files |
| audit-1       | `run_audit(workers=1)` end to end: read JSONL, audit, write tables and reports |
| audit-N       | the same with N worker processes |
| tables-N      | the same with `reports="none"`: tables and index, no per-document pages |
| quantities    | `QuantityParser.parse(text)`: the auditor's quantity extractor alone |
| quantulum3    | `quantulum3.parser.parse(text)` on --quantulum-docs documents |
| stream        | `run_audit(workers=N)` over a generated JSONL stream (a FIFO: never on disk) |
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "corpora" / "articles", ROOT.parent / "shared" / "seeds"]


def corpus(n: int) -> list[dict]:
    from auditor.documents import read_inputs
    from auditor.model import Document

    base = [d for d in read_inputs([p for p in SOURCES if p.exists()]) if isinstance(d, Document)]
    return [{"id": f"{base[i % len(base)].doc_id}-{i}", "text": base[i % len(base)].text}
            for i in range(n)]


def _peak_mb() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "worker_peak_rss_mb": round(children, 1)}


# -- one configuration, in a child process ---------------------------------------------------


def child(config: str, docs: int, workers: int, corpus_file: str) -> dict:
    rows = [json.loads(line) for line in Path(corpus_file).read_text(encoding="utf-8").splitlines()]
    texts = [r["text"] for r in rows[:docs]]
    if config == "tokenizer" and workers > 1:
        import multiprocessing

        # The machine's own ceiling for N processes: the bare tokenizer, split N ways.
        chunks = [texts[i::workers] for i in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers, initializer=_tokenizer_init) as pool:
            pool.map(_tokenize, [["warm up"]] * workers)
            started = time.perf_counter()
            pool.map(_tokenize, chunks)
            seconds = time.perf_counter() - started
        return {"docs": docs, "seconds": round(seconds, 3), "docs_per_second": round(docs / seconds, 2),
                **_peak_mb()}
    if config == "tokenizer":
        import spacy

        nlp = spacy.blank("en")
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
    elif config == "pipeline":
        from auditor.audit import audit_documents, default_pipeline
        from auditor.model import Document

        nlp = default_pipeline()
        documents = [Document(doc_id=r["id"], text=r["text"], source="bench") for r in rows]
        started = time.perf_counter()
        for _ in audit_documents(documents[:docs], nlp, batch_size=32):
            pass
    elif config == "floor":
        import spacy

        from auditor.report.files import atomic_write

        nlp = spacy.blank("en")
        with tempfile.TemporaryDirectory() as out:
            docs = Path(out) / "docs"
            docs.mkdir()
            started = time.perf_counter()
            for row, _ in zip(rows, nlp.pipe(texts, batch_size=64), strict=False):
                atomic_write(docs / f"{row['id']}.md", row["text"])
                atomic_write(docs / f"{row['id']}.html", row["text"])
            seconds = time.perf_counter() - started  # not the clean-up of the folder
        return _rate(len(texts), seconds)
    elif config in ("audit", "tables"):
        from auditor.batch import run_audit

        del rows, texts
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            run_audit([corpus_file], Path(out), workers=workers, quiet=True,
                      reports="all" if config == "audit" else "none")
            seconds = time.perf_counter() - started  # not the clean-up of the folder
        return _rate(docs, seconds)
    elif config == "quantities":
        from auditor.nlp.quantities import QuantityParser
        from auditor.reference import load_reference

        parser = QuantityParser(load_reference().units)
        started = time.perf_counter()
        for text in texts:
            parser.parse(text)
    elif config == "quantulum3":
        import logging

        logging.disable(logging.WARNING)
        from quantulum3 import parser

        parser.parse("warm up: 20 mg")
        started = time.perf_counter()
        for text in texts:
            parser.parse(text)
    elif config == "stream":
        del rows, texts
        return stream(docs, workers, corpus_file)
    else:
        raise SystemExit(f"unknown config {config}")
    return _rate(docs, time.perf_counter() - started)


def _rate(docs: int, seconds: float) -> dict:
    return {"docs": docs, "seconds": round(seconds, 3), "docs_per_second": round(docs / seconds, 2),
            **_peak_mb()}


_NLP = None


def _tokenizer_init() -> None:
    global _NLP
    import spacy

    _NLP = spacy.blank("en")


def _tokenize(texts: list[str]) -> int:
    return sum(1 for _ in _NLP.pipe(texts, batch_size=64))


def stream(docs: int, workers: int, corpus_file: str) -> dict:
    """A generated JSONL of `docs` articles through a FIFO: the input is never held whole."""
    from auditor.batch import run_audit

    with tempfile.TemporaryDirectory() as folder:
        fifo = Path(folder) / "stream.jsonl"
        os.mkfifo(fifo)
        producer = subprocess.Popen([sys.executable, __file__, "--produce", str(fifo),
                                     "--docs", str(docs), "--corpus", corpus_file])
        started = time.perf_counter()
        result = run_audit([str(fifo)], Path(folder) / "out", workers=workers, quiet=True)
        seconds = time.perf_counter() - started
        producer.wait()
    return {"docs": result.documents, "seconds": round(seconds, 3),
            "docs_per_second": round(result.documents / seconds, 2), **_peak_mb()}


def produce(fifo: str, docs: int, corpus_file: str) -> None:
    rows = [json.loads(line) for line in Path(corpus_file).read_text(encoding="utf-8").splitlines()]
    with open(fifo, "w", encoding="utf-8") as handle:
        for i in range(docs):
            handle.write(json.dumps({"id": f"s{i}", "text": rows[i % len(rows)]["text"]}) + "\n")


# -- the driver ------------------------------------------------------------------------------


def run_once(config: str, docs: int, workers: int, corpus_file: str) -> dict:
    command = [sys.executable, __file__, "--child", config, "--docs", str(docs),
               "--workers", str(workers), "--corpus", corpus_file]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def summarise(config: str, workers: int, runs: list[dict]) -> dict:
    median = {key: statistics.median(r[key] for r in runs)
              for key in ("seconds", "docs_per_second")}
    peak = {key: max(r[key] for r in runs) for key in ("peak_rss_mb", "worker_peak_rss_mb")}
    return {"config": config, "workers": workers, "docs": runs[0]["docs"], "repeats": len(runs),
            **median, **peak, "runs": [r["docs_per_second"] for r in runs]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents per timed run")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quantulum-docs", type=int, default=40)
    parser.add_argument("--stream-docs", type=int, default=0,
                        help="also run the streaming memory check over this many documents")
    parser.add_argument("--only", default="", help="comma-separated configs to run")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--produce", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.produce:
        produce(args.produce, args.docs, args.corpus)
        return
    if args.child:
        print(json.dumps(child(args.child, args.docs, args.workers, args.corpus)))
        return

    with tempfile.TemporaryDirectory() as folder:
        corpus_file = str(Path(folder) / "corpus.jsonl")
        Path(corpus_file).write_text("".join(json.dumps(r) + "\n" for r in corpus(args.docs)),
                                     encoding="utf-8")
        plan = [("tokenizer", args.docs, 1), ("tokenizer", args.docs, args.workers), ("floor", args.docs, 1),
                ("pipeline", args.docs, 1),
                ("audit", args.docs, 1), ("audit", args.docs, args.workers),
                ("tables", args.docs, args.workers), ("quantities", args.docs, 1),
                ("quantulum3", args.quantulum_docs, 1)]
        if args.stream_docs:
            plan.append(("stream", args.stream_docs, args.workers))
        if args.only:
            wanted = set(args.only.split(","))
            plan = [p for p in plan if p[0] in wanted]
        if importlib.util.find_spec("quantulum3") is None and any(p[0] == "quantulum3" for p in plan):
            print("bench: quantulum3 is not installed (pip install -e '.[bench]'); its row is left out",
                  file=sys.stderr)
            plan = [p for p in plan if p[0] != "quantulum3"]
        # Rounds: every configuration once per round, so a slow spell of a shared machine
        # falls on all of them; each ratio is taken within a round, then the median over rounds.
        runs: dict[tuple, list[dict]] = {(c, w): [] for c, _, w in plan}
        rounds = []
        for number in range(args.repeats):
            for config, docs, workers in plan:
                if config == "stream" and number:
                    continue
                runs[(config, workers)].append(run_once(config, docs, workers, corpus_file))
                if not args.json:
                    print(f"  round {number + 1}: measured {config} x{workers}", file=sys.stderr)
            rounds.append(ratios([summarise(c, w, [r[-1]]) for (c, w), r in runs.items()], args.workers))
        results = [summarise(c, w, r) for (c, w), r in runs.items()]
    report = {"cores": os.cpu_count(), "results": results,
              "ratios": {name: round(statistics.median(r[name] for r in rounds), 3) for name in rounds[0]},
              "ratio_rounds": {name: [r[name] for r in rounds] for name in rounds[0]}}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)


def ratios(results: list[dict], workers: int) -> dict:
    rate = {(r["config"], r["workers"]): r["docs_per_second"] for r in results}
    tokenizer, pipeline = rate.get(("tokenizer", 1)), rate.get(("pipeline", 1))
    floor = rate.get(("floor", 1))
    one, many = rate.get(("audit", 1)), rate.get(("audit", workers))
    tables, quantities = rate.get(("tables", workers)), rate.get(("quantities", 1))
    quantulum = rate.get(("quantulum3", 1))
    tokenizers = rate.get(("tokenizer", workers)) if workers > 1 else None
    pairs = {
        f"tokenizer_{workers}_vs_tokenizer_1": (tokenizers, tokenizer),
        "floor_vs_tokenizer": (floor, tokenizer),  # the best audit_1_vs_tokenizer can be here
        "pipeline_vs_tokenizer": (pipeline, tokenizer),
        "audit_1_vs_tokenizer": (one, tokenizer),
        f"audit_{workers}_per_worker_vs_tokenizer": (many and many / workers, tokenizer),
        f"audit_{workers}_vs_audit_1": (many if workers > 1 else None, one),
        f"tables_{workers}_vs_audit_{workers}": (tables, many),
        "quantities_vs_quantulum3": (quantities, quantulum),
        "audit_1_vs_quantulum3": (one, quantulum),
        f"audit_{workers}_vs_quantulum3": (many, quantulum),
    }
    return {name: round(a / b, 3 if a / b < 10 else 1) for name, (a, b) in pairs.items() if a and b}


def print_table(report: dict) -> None:
    print(f"{'config':<12}{'workers':>8}{'docs':>8}{'docs/s':>10}{'seconds':>9}"
          f"{'peak MB':>9}{'worker MB':>10}  runs (docs/s)")
    for r in report["results"]:
        print(f"{r['config']:<12}{r['workers']:>8}{r['docs']:>8}{r['docs_per_second']:>10.1f}"
              f"{r['seconds']:>9.2f}{r['peak_rss_mb']:>9.0f}{r['worker_peak_rss_mb']:>10.0f}  "
              f"{', '.join(f'{x:.1f}' for x in r['runs'])}")
    for name, value in report["ratios"].items():
        print(f"{name}: {value}  (rounds: {', '.join(str(x) for x in report['ratio_rounds'][name])})")


if __name__ == "__main__":
    main()
