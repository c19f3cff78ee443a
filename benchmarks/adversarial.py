"""Time against input size for the hostile shapes of the red-team issue: is every step linear?

    python benchmarks/adversarial.py                   # 1x, 2x, 4x of each shape, best of 3
    python benchmarks/adversarial.py --sizes 1,2,4,8 --only dense-render
    python benchmarks/adversarial.py --json

Each shape is built at 1x, 2x, 4x ... its base size and the step that used to choke on it is
timed alone, best of `--repeats` (a shared machine's speed drifts; the best is the least
disturbed). The ratio between two sizes a doubling apart is ~2 for a linear step and ~4 for a
quadratic one. The garbage collector runs as in a real run (a full collection is started before
each timing, so that one size does not pay for the garbage of the one before); `--no-gc` times
the step without it, to tell the step's own growth from the collector's: its full passes come
each time the heap has grown by a quarter, which adds steps between two sizes.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.audit import audit_documents  # noqa: E402
from auditor.documents import clean_text, html_to_text, markdown_to_text  # noqa: E402
from auditor.model import Document  # noqa: E402
from auditor.nlp import build_pipeline  # noqa: E402
from auditor.reference import load_reference  # noqa: E402
from auditor.report.page import render_document_html  # noqa: E402

RUN = {"tool_version": "bench", "reference_version": "bench", "started_at": "2026-01-01T00:00:00+00:00"}
# Sentences that each hold a claim the pipeline judges: a page highlighted all over.
DENSE = ("Isotretinoin courses last 4 to 8 months. Wait six weeks after your last dose before waxing. "
         "Up to 85% of patients are clear after one course. ")
# Markdown openers that are never closed, on one line: each could start emphasis, a link, code.
UNCLOSED = "**strong __under *em _em [link](url `code ~~del <b "
# A number word glued to the next one by a zero-width joiner, over and over.
GLUED = "six\u200dweeks\u200bninety\u200d"


@dataclass
class Shape:
    name: str
    what: str  # the step timed
    unit: str  # what `size` counts
    base: int  # the size at 1x
    prepare: Callable[[int], object]  # size -> the input of the timed step (not timed)
    step: Callable[[object], object]  # the timed step


_PIPELINE: dict = {}  # built once, by the first shape that needs it


def _pipeline():
    if "nlp" not in _PIPELINE:
        _PIPELINE["nlp"] = build_pipeline(load_reference())
    return _PIPELINE["nlp"]


def _dense_document(size: int) -> Document:
    return Document("dense", (DENSE * (size // len(DENSE) + 1))[:size], "dense.txt")


def _quoted_replies(size: int) -> Document:
    """Reply lines (">") that each quote words given nowhere above, so each looks back as far as
    the audit ever looks for them."""
    lines, total, k = [], 0, 0
    while total < size:
        line = f"> Reply {k}: isotretinoin courses last {4 + k % 5} to 8 months, up to {80 + k % 9}% clear."
        lines.append(line)
        total += len(line) + 1
        k += 1
    return Document("quoted", "\n".join(lines)[:size], "quoted.txt")


def _answered_questions(size: int) -> Document:
    """A thread of questions, figures answering them, replies that reject the line above, and
    bracketed asides beside rules, on one long line: each reply, answer and aside looks back
    only a short way, whatever the page's length."""
    parts, total, k = [], 0, 0
    while total < size:
        part = (f"How long is an isotretinoin course? Usually {4 + k % 5} months. Jo{k}: waxing is fine "
                f"{k % 9 + 1} days after isotretinoin. That is not correct. Avoid vitamin A pills "
                f"(ordinary meals are fine). ")
        parts.append(part)
        total += len(part)
        k += 1
    return Document("answered", "".join(parts)[:size], "answered.txt")


def _audit(document: Document):
    return next(audit_documents([document], _pipeline()))


SHAPES = [
    Shape("unmatched-end-tags", "html_to_text", "tags", 100_000,
          lambda n: "<div>" * (n // 2) + "</span>" * (n // 2), html_to_text),
    Shape("dense-render", "render_document_html", "characters", 100_000,
          lambda n: _audit(_dense_document(n)), lambda audit: render_document_html(audit, RUN)),
    Shape("dense-audit", "audit_documents (NLP and verification)", "characters", 100_000,
          _dense_document, _audit),
    Shape("quoted-replies", "audit_documents (NLP and verification)", "characters", 100_000,
          _quoted_replies, _audit),
    Shape("answered-questions", "audit_documents (NLP and verification)", "characters", 100_000,
          _answered_questions, _audit),
    Shape("unclosed-markdown", "markdown_to_text", "characters", 200_000,
          lambda n: "\n".join([(UNCLOSED * (n // 10 // len(UNCLOSED) + 1))[:n // 10]] * 10),
          markdown_to_text),
    Shape("glued-number-words", "clean_text", "characters", 200_000,
          lambda n: (GLUED * (n // len(GLUED) + 1))[:n], clean_text),
]


def measure(shape: Shape, scales: list[int], repeats: int, collect: bool = True) -> list[dict]:
    rows = []
    for scale in scales:
        size = shape.base * scale
        given = shape.prepare(size)
        best = float("inf")
        for _ in range(repeats):
            gc.collect()
            if not collect:
                gc.disable()
            try:
                started = time.perf_counter()
                shape.step(given)
                best = min(best, time.perf_counter() - started)
            finally:
                gc.enable()
        previous = rows[-1] if rows else None
        ratio = None
        if previous and scale == 2 * previous["scale"]:
            ratio = round(best / max(previous["seconds"], 1e-9), 2)
        rows.append({"shape": shape.name, "step": shape.what, "scale": scale, "size": size,
                     "unit": shape.unit, "seconds": round(best, 4), "ratio": ratio})
        del given
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4", help="multiples of each shape's base size")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", action="append", choices=[s.name for s in SHAPES],
                        help="a shape to time (repeat the option); default: all")
    parser.add_argument("--no-gc", action="store_true", help="time each step without the cyclic GC")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    options = parser.parse_args()
    scales = sorted({int(s) for s in options.sizes.split(",")})
    shapes = [s for s in SHAPES if not options.only or s.name in options.only]
    if not options.json:
        gc_note = ", no GC" if options.no_gc else ""
        print(f"| shape | step timed | size | seconds (best of {options.repeats}{gc_note}) | ÷ half the size |")
        print("|---|---|---|---|---|")
    for shape in shapes:
        for row in measure(shape, scales, options.repeats, collect=not options.no_gc):
            if options.json:
                print(json.dumps(row), flush=True)
            else:
                ratio = "" if row["ratio"] is None else f"{row['ratio']:.2f}"
                print(f"| {row['shape']} | {row['step']} | {row['scale']}x: {row['size']:,} "
                      f"{row['unit']} | {row['seconds']:.3f} | {ratio} |", flush=True)


if __name__ == "__main__":
    main()
