"""Scores the quantity parser on NewsQuant, the CQE paper's test set, beside quantulum3.

    python benchmarks/newsquant.py --data /path/to/NewsQuant.json [--half test|dev|all] [--json] [--misses]

The sentences are split by a fixed seed into a dev half (look at its misses when changing the
parser) and a test half (report it; never tune on it). `--half all` scores the whole set, which
is what the published CQE and quantulum3 figures are on.

Scoring follows the CQE evaluation (Almasian et al., EMNLP 2023): per sentence, a predicted
quantity is a true positive when its value equals a gold value that is not matched yet (a range
is a (low, high) pair, both ends equal within 1e-5 relative tolerance); precision = TP /
predicted, recall = TP / gold, F1 in percent. value+change also needs the change to agree
(`=`, `~`, `<`, `>`, `up`, `down`); value+unit needs the unit to agree (see `unit_key`).

Our parser normalises (months -> days, g -> mg, "half of" -> 50 %); the benchmark scores the
value and unit as written (`Quantity.raw_low/raw_high/raw_unit`), which is what the gold holds.
quantulum3 cannot return a range, so for it a gold range counts as its midpoint (as in the
paper); it has no notion of change, so its value+change is not reported.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# Gold and predicted units are compared by a key: lower case, singular, and these synonyms
# folded into the gold's `normalized_unit` vocabulary (which follows quantulum3's unit names).
UNIT_SYNONYMS = {
    "%": "percentage", "percent": "percentage", "per cent": "percentage", "pc": "percentage",
    "pct": "percentage", "percentage point": "percentage", "&": "percentage",
    "$": "dollar", "us$": "dollar", "us $": "dollar", "usd": "dollar", "buck": "dollar",
    "a$": "australian dollar", "$a": "australian dollar", "aud": "australian dollar",
    "c$": "canadian dollar", "cad": "canadian dollar", "hk$": "hong kong dollar",
    "nz$": "new zealand dollar", "s$": "singapore dollar",
    "€": "euro", "eur": "euro", "£": "pound sterling", "gbp": "pound sterling",
    "ps": "pound sterling", "¥": "japanese yen", "y": "japanese yen", "yen": "japanese yen",
    "jpy": "japanese yen", "yuan": "chinese yuan", "rmb": "chinese yuan", "cny": "chinese yuan",
    "renminbi": "chinese yuan", "rs": "indian rupee", "rs.": "indian rupee", "inr": "indian rupee",
    "rupee": "indian rupee", "rm": "malaysian ringgit", "ringgit": "malaysian ringgit",
    "cent": "cent", "c": "cent",
    "d": "day", "wk": "week", "mo": "month", "yr": "year", "hr": "hour", "h": "hour",
    "min": "minute", "sec": "second", "s": "second",
    "year-old": "year of age", "year old": "year of age",
    "mph": "mile per hour", "km/h": "kilometre per hour", "kph": "kilometre per hour",
    "km": "kilometre", "kilometer": "kilometre", "m": "metre", "meter": "metre",
    "cm": "centimetre", "mm": "millimetre", "ft": "foot", "feet": "foot", "in": "inch",
    "inches": "inch", "mi": "mile", "yd": "yard", "kg": "kilogram", "g": "gram",
    "mg": "milligram", "lb": "pound-mass", "lbs": "pound-mass", "pound": "pound-mass",
    "t": "tonne", "ton": "ton", "l": "litre", "liter": "litre", "ml": "millilitre",
    "gb": "gigabyte", "tb": "terabyte", "mb": "megabyte", "hp": "horsepower",
    "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt", "w": "watt", "hz": "hertz",
    "ghz": "gigahertz", "mhz": "megahertz", "p": "point", "pt": "point", "pts": "point",
    "°": "degree", "°f": "fahrenheit", "°c": "celsius",
    "degree fahrenheit": "fahrenheit", "degree celsius": "celsius",
    "-": "", "count": "", "dimensionless": "",
}


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def unit_key(unit: str) -> str:
    """A comparable name for a unit: "Percent" -> "percentage", "US$" -> "dollar", "-" -> ""."""
    unit = re.sub(r"\s+", " ", (unit or "").strip().lower())
    if unit in UNIT_SYNONYMS:
        return UNIT_SYNONYMS[unit]
    unit = " ".join(_singular(w) for w in unit.split(" "))
    return UNIT_SYNONYMS.get(unit, unit)


def units_agree(predicted: str, gold_unit: str, gold_normalized: str) -> bool:
    """Does a predicted unit (as written, or quantulum3's name) agree with the gold unit?

    Equal keys agree (either gold field). A counted noun agrees with a gold unit that contains
    it ("7 European countries": ours "European", gold "European countries"), since the gold
    annotates the whole noun phrase and we read one word.
    """
    ours = unit_key(predicted)
    golds = {unit_key(gold_unit), unit_key(gold_normalized)}
    if ours in golds:
        return True
    if not ours:
        return False
    words = {unit_key(w) for g in (gold_unit, gold_normalized) for w in re.split(r"[\s/-]+", g.lower())}
    return ours in words or any(ours in g.split() for g in golds if g)


@dataclass(frozen=True)
class Item:
    low: float
    high: float
    unit: str
    change: str = "="
    text: str = ""


def gold_items(sentence: dict, midpoint: bool = False) -> list[tuple[Item, str, str]]:
    out = []
    for q in sentence["quantities"]:
        value = str(q["value"]).strip()
        m = re.fullmatch(r"(-?[\d.]+(?:e[+-]?\d+)?)\s*-\s*(-?[\d.]+(?:e[+-]?\d+)?)", value)
        # A few gold ranges are written in text order ("from $2,415 to $2,315" -> "2415-2315"); the
        # pair is compared as (low, high).
        low, high = sorted((float(m.group(1)), float(m.group(2)))) if m else (float(value), float(value))
        if midpoint:
            low = high = (low + high) / 2
        out.append((Item(low, high, q["unit"], q["change"]), q["unit"], q["normalized_unit"]))
    return out


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-9)


def score_sentence(predicted: list[Item], gold: list[tuple[Item, str, str]], mode: str) -> int:
    used = [False] * len(gold)
    tp = 0
    for p in predicted:
        for i, (g, gold_unit, gold_norm) in enumerate(gold):
            if used[i] or not (_close(p.low, g.low) and _close(p.high, g.high)):
                continue
            if mode == "change" and p.change != g.change:
                continue
            if mode == "unit" and not units_agree(p.unit, gold_unit, gold_norm):
                continue
            used[i] = True
            tp += 1
            break
    return tp


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = 100.0 * tp / n_pred if n_pred else 0.0
    r = 100.0 * tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(sentences: list[dict], predict: Callable[[str], list[Item]], midpoint: bool,
             modes: Iterable[str]) -> tuple[dict, list]:
    tps = dict.fromkeys(modes, 0)
    n_pred = n_gold = 0
    misses = []
    for sentence in sentences:
        gold = gold_items(sentence, midpoint)
        predicted = predict(sentence["text"])
        n_pred += len(predicted)
        n_gold += len(gold)
        for mode in tps:
            tps[mode] += score_sentence(predicted, gold, mode)
        if score_sentence(predicted, gold, "value") != len(gold) or len(predicted) != len(gold):
            misses.append((sentence["text"], predicted, gold))
    scores = {mode: prf(tp, n_pred, n_gold) for mode, tp in tps.items()}
    return {"scores": scores, "predicted": n_pred, "gold": n_gold}, misses


def auditor_predictor() -> Callable[[str], list[Item]]:
    from newsquant_adapter import NewsQuantityParser

    from auditor.reference import load_reference

    parser = NewsQuantityParser(load_reference().units)

    def predict(text: str) -> list[Item]:
        out = []
        for q in parser.parse(text):
            low = q.raw_low if q.raw_low is not None else q.low
            high = q.raw_high if q.raw_high is not None else q.high
            out.append(Item(low, high, q.raw_unit or ("" if q.unit == "count" else q.unit), q.change, q.text))
        return out

    return predict


def quantulum_predictor() -> Callable[[str], list[Item]] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None

    def predict(text: str) -> list[Item]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(text)
        return [Item(q.value, q.value, q.unit.name, "=", q.surface) for q in found]

    return predict


SPLIT_SEED = 20261202  # fixed: the halves must not change between runs


def split_half(sentences: list[dict], half: str) -> list[dict]:
    """The dev or test half of the sentences (a seeded shuffle, halved), or all of them."""
    if half == "all":
        return sentences
    order = list(range(len(sentences)))
    random.Random(SPLIT_SEED).shuffle(order)
    middle = len(order) // 2
    chosen = sorted(order[:middle] if half == "dev" else order[middle:])
    return [sentences[i] for i in chosen]


PUBLISHED_CQE = {"value": (92.0, 91.9, 92.0), "unit": (85.6, 85.5, 85.6), "change": (88.2, 88.1, 88.1)}
PUBLISHED_QUANTULUM = {"value": (65.0, 83.3, 73.0), "unit": (42.1, 53.9, 47.2)}
LABELS = {"value": "value", "unit": "value+unit", "change": "value+change"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path, help="NewsQuant.json")
    ap.add_argument("--half", choices=("test", "dev", "all"), default="test",
                    help="which half of the seeded split to score (tune on dev, report test)")
    ap.add_argument("--json", action="store_true", help="print F1 scores as JSON")
    ap.add_argument("--misses", action="store_true", help="print the sentences we do not get right")
    args = ap.parse_args(argv)
    sentences = split_half(json.loads(args.data.read_text(encoding="utf-8")), args.half)

    results = {}
    started = time.perf_counter()
    ours, our_misses = evaluate(sentences, auditor_predictor(), False, ("value", "unit", "change"))
    ours["seconds"] = time.perf_counter() - started
    results["auditor"] = ours
    quantulum = quantulum_predictor()
    if quantulum is not None:
        started = time.perf_counter()
        results["quantulum3"], _ = evaluate(sentences, quantulum, True, ("value", "unit"))
        results["quantulum3"]["seconds"] = time.perf_counter() - started

    if args.json:
        out = {}
        for name, r in results.items():
            s = r["scores"]
            out[name] = {
                "value_f1": round(s["value"][2], 1),
                "value_change_f1": round(s["change"][2], 1) if "change" in s else None,
                "value_unit_f1": round(s["unit"][2], 1),
                "precision": round(s["value"][0], 1),
                "recall": round(s["value"][1], 1),
            }
        print(json.dumps({"half": args.half, **out}, indent=2))
        return 0

    if args.misses:
        for text, predicted, gold in our_misses:
            print(text)
            print("   ours:", [(p.text, p.low, p.high, p.unit, p.change) for p in predicted])
            print("   gold:", [(g.low, g.high, g.unit, g.change) for g, _, _ in gold])
        print()

    scored = "whole set" if args.half == "all" else f"{args.half} half"
    print(f"NewsQuant ({scored}): {len(sentences)} sentences, {results['auditor']['gold']} gold quantities")
    if args.half != "all":
        print("(the published figures below are on the whole set)")
    print(f"{'system':<26}{'type':<14}{'P':>6}{'R':>6}{'F1':>6}")
    rows = []
    for name, r in results.items():
        for mode, (p, rc, f) in r["scores"].items():
            rows.append((f"{name} (this run)", LABELS[mode], p, rc, f))
    rows += [("CQE (published)", LABELS[m], *v) for m, v in PUBLISHED_CQE.items()]
    rows += [("quantulum3 (published)", LABELS[m], *v) for m, v in PUBLISHED_QUANTULUM.items()]
    for name, label, p, rc, f in rows:
        print(f"{name:<26}{label:<14}{p:6.1f}{rc:6.1f}{f:6.1f}")
    for name, r in results.items():
        print(f"{name}: {r['predicted']} predicted, {r['seconds']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
