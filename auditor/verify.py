"""Claims against the reference: verdict, direction, severity and a sentence to read aloud.

`compare` turns one claim into a `Finding`; `omissions` adds the findings for required
statements an article never makes. The policy is written out in `corpora/gold/FORMAT.md`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from auditor.model import Claim, Finding, Quantity
from auditor.policy import NOT_ADVICE, base_topic, milder, severity_rank, topic_label
from auditor.reference import Reference, ReferenceFact, word_key

ROUNDING_CAP = 0.10  # a round figure stands for at most 10% either side of it
NEARLY_ALL = 5.0  # percentage points "nearly 100%" may stand under 100
UNIT_SLIP = 99.0  # a hundredfold off is a unit written wrong ("150 g/kg"): never milder than major
SHORTEST_MONTH, LONGEST_MONTH, DAYS_PER_MONTH = 28.0, 31.0, 30.4375  # a month in days: February, July, the mean
ARITHMETIC_SLACK = 0.02  # rounding in a worked example ("about 5 months") is not an error
ARITHMETIC_TOLERANCE = 0.05  # a stated single result may be rounded by up to 5%
OVERSTATED_MINIMUM = 3.0  # a claim above a minimum overstates it from three times the minimum on
# The claim states a bound, not a value: "more than 80%" is true of 83 to 88%.
LOWER_BOUNDS = frozenset({"at_least", "more_than"})
UPPER_BOUNDS = frozenset({"within", "less_than"})
# The direction a one-sided fact cannot judge: a maximum says nothing of a figure too low.
_BLIND_SIDE = {"maximum": "understates", "minimum": "overstates"}
COVERS_AREA = 2  # areas (or, in a one-area requirement, topics) a page treats: one is a single-topic page


@dataclass(frozen=True, slots=True)
class Setting:
    """Where and when an article is published: `jurisdiction` (US, EU, UK, or "" for any)
    narrows the facts to that market's rules and those that hold everywhere; `as_of`
    (YYYY-MM-DD, default today) decides which rules are in force."""

    jurisdiction: str = ""
    as_of: str = ""

    @property
    def day(self) -> str:
        return self.as_of or date.today().isoformat()


ANY_MARKET_TODAY = Setting()


def compare(doc_id: str, claim: Claim, reference: Reference,
            setting: Setting = ANY_MARKET_TODAY) -> Finding:
    """The finding for one claim: compared only with facts of its own drug and topic.

    A topic with several facts (a label dose and a severe-acne dose) is consistent when any
    agrees, a one-sided fact (a maximum) only on its own side; otherwise the first fact that
    disagrees speaks. A wrong claim the article rejects (negated, refuted) is consistent; a
    right one it rejects is flagged `unverified`/`minor` for a human. A claim told as one
    person's experience, a question or a study's own figure (`NOT_ADVICE`), a worked example's
    sum included, is not checked.
    A number is compared with the precision it was written with ("90%" is 90 give or take 5),
    and a discrepancy is always at least `minor`: what is within rounding is consistent.

    Facts of another market are left out under `setting.jurisdiction`; otherwise a claim that
    agrees with some market's rule is consistent, and the finding names the rule it matched. A
    claim that agrees only with a rule no longer in force is `outdated`, minor, with the date
    the rule changed.
    """
    label = _label(reference, claim.topic)
    if claim.context in NOT_ADVICE:
        what = (f"Works out a {label} in a worked example" if claim.kind == "arithmetic"
                else f"States {label} as {_said(claim)}")
        return _finding(doc_id, claim, None, "unverified", "", "info",
                        f"{what} as {NOT_ADVICE[claim.context]}; not checked.")
    if claim.kind == "arithmetic":
        return _arithmetic(doc_id, claim, reference)
    facts, retired = _facts_for(reference, claim, setting)
    if not facts:
        return _unchecked(doc_id, claim, label, retired)
    comparable = facts if claim.quantity is None else [f for f in facts if f.unit == claim.quantity.unit]
    if not comparable:
        fact = facts[0]
        return _finding(doc_id, claim, fact, "unverified", "", "info",
                        f"States {label} as {_said(claim)}, in {claim.quantity.unit}; the "
                        f"reference gives {fact.display_unit}, so it cannot be compared "
                        f"({fact.citation}).")
    judged = _Judgement.of(claim, comparable)
    if not judged.agrees and claim.context not in ("refuted", "negated"):
        outdated = _outdated(doc_id, claim, label, retired)
        if outdated is not None:
            return outdated
    return _verdict(doc_id, claim, label, judged)


def _facts_for(reference: Reference, claim: Claim, setting: Setting):
    """The facts of the claim's drug and topic for `setting`'s market: (in force, retired)."""
    every = [f for f in reference.facts_for(claim.drug, claim.topic)
             if (not setting.jurisdiction or f.jurisdiction in (setting.jurisdiction, "any"))
             and (not f.applies_when or _holds_any(claim.sentence, f.applies_when))]
    day = setting.day
    return ([f for f in every if f.in_force(day)], [f for f in every if f.valid_to and f.valid_to <= day])


def _holds_any(sentence: str, phrases: tuple[str, ...]) -> bool:
    """Whether the sentence holds one of the phrases (each a `word_key`) as whole words."""
    words = f" {word_key(sentence)} "
    return any(f" {phrase} " in words for phrase in phrases)


def _unchecked(doc_id: str, claim: Claim, label: str, retired: list[ReferenceFact]) -> Finding:
    """The finding for a claim no fact in force speaks to."""
    if retired:
        return _outdated(doc_id, claim, label, retired) or _finding(
            doc_id, claim, retired[0], "unverified", "", "info",
            f"States {label} as {_said(claim)}; the reference's rule on this is no longer in "
            f"force ({retired[0].statement}; {retired[0].citation}), so it was not checked.")
    whose = f"about {claim.drug}" if claim.drug else "for an unnamed drug"
    return _finding(doc_id, claim, None, "unverified", "", "info",
                    f"States {label} ({_said(claim)}) {whose}; the reference has no fact "
                    f"on this for that drug, so it was not checked.")


@dataclass(frozen=True, slots=True)
class _Judgement:
    """A claim against the facts it can be compared with: the fact that speaks, the direction
    ("" when it agrees) and distance, and what else the explanation must say."""

    fact: ReferenceFact
    direction: str
    deviation: float | None
    agrees: bool
    rounded: bool  # it agrees only once read with its rounding
    others: tuple[ReferenceFact, ...]  # facts of other markets that disagree
    together: tuple[ReferenceFact, ...] = ()  # ranges that cover the claim only taken together

    @classmethod
    def of(cls, claim: Claim, facts: list[ReferenceFact]) -> _Judgement:
        q = claim.quantity
        results = [(f, _numeric(q, f) if q is not None else _rule(claim, f)) for f in facts]
        # A one-sided fact ("no longer than 6 months") says nothing of its other side: it does not
        # vouch for a claim that another fact finds short of it ("30 days" against a 12-week course).
        agreeing = next(((f, r) for f, r in results if r[0] == "" and not any(
            other[0] == _BLIND_SIDE.get(f.comparison) for _, other in results)), None)
        if q is not None and _unit_slip(q, facts):
            # An open-ended fact (a minimum with no maximum) agrees with any larger figure:
            # a hundredfold above every figure the reference gives is a unit written wrong.
            agreeing, results = None, [(facts[0], ("overstates", UNIT_SLIP + 1))]
        together = () if agreeing or q is None else _covering(q, facts)
        if together:
            agreeing = (together[-1], ("", None))
        fact, (direction, deviation) = agreeing or next(((f, r) for f, r in results if r[0]), results[0])
        rounded = agreeing is not None and q is not None and not together and bool(
            _numeric(q, fact, exact=True)[0])
        others = tuple(f for f, r in results if r[0] and f.jurisdiction not in ("any", fact.jurisdiction))
        return cls(fact, direction, deviation, agreeing is not None, rounded, others, together)

    @property
    def unit_slip(self) -> bool:
        # Against a bound of 0 any figure is "infinitely" far: no unit slip to speak of.
        return self.deviation is not None and UNIT_SLIP <= self.deviation < math.inf


def _verdict(doc_id: str, claim: Claim, label: str, judged: _Judgement) -> Finding:
    """The finding for a claim judged against a fact in force."""
    fact, direction = judged.fact, judged.direction
    rejected = claim.context == "refuted" or (
        claim.context == "negated" and (claim.quantity is not None or fact.comparison == "denies"))
    if rejected:
        if direction:
            return _finding(doc_id, claim, fact, "consistent", "", "",
                            f"Rejects {label} as {_said(claim)}, rightly: the reference says "
                            f"{fact.statement} ({fact.citation}).")
        return _finding(doc_id, claim, fact, "unverified", "", "minor",
                        f"Seems to reject {label} as {_said(claim)}, which the reference "
                        f"supports ({fact.statement}; {fact.citation}); check the wording.")
    if judged.together:
        parts = "; ".join(f"{f.statement} ({f.citation})" for f in judged.together)
        return _finding(doc_id, claim, fact, "consistent", "", "",
                        f"States {label} as {_said(claim)}; the reference's ranges agree taken "
                        f"together: {parts}.")
    if not direction:
        how = ", which agrees once rounded as written" if judged.rounded else ""
        other = judged.others[0] if judged.others else None
        market = (f" (the {fact.jurisdiction} rule; {other.jurisdiction}: {other.statement})"
                  if fact.jurisdiction != "any" and other else "")
        return _finding(doc_id, claim, fact, "consistent", "", "",
                        f"States {label} as {_said(claim)}{how}; the reference agrees{market}: "
                        f"{fact.statement} ({fact.citation}).")
    if claim.tie == "sequence":
        # "I took 30 mg daily for 5 weeks": how long one dose was taken, which may be a
        # phase of a course or one person's; it agrees with a course or says nothing.
        return _finding(doc_id, claim, fact, "unverified", "", "info",
                        f"States {label} as {_said(claim)}, read from the dose before it: how long "
                        f"that dose was taken, not always a whole course; the reference says "
                        f"{fact.statement} ({fact.citation}); not judged.")
    severity = {"overstates": fact.if_over, "understates": fact.if_under,
                "contradicts": fact.if_contradicted}[direction]
    if not severity and judged.unit_slip:
        severity = "major"  # not caution: a unit written wrong
    if not severity:  # e.g. a longer safety window than required: cautious, not wrong
        return _finding(doc_id, claim, fact, "consistent", "", "",
                        f"States {label} as {_said(claim)}, more cautious than the reference: "
                        f"{fact.statement} ({fact.citation}).")
    if claim.context == "attributed":
        severity = milder(severity)
    severity = min(severity, "major" if judged.unit_slip else "minor", key=severity_rank)
    who = " (attributed to others)" if claim.context == "attributed" else ""
    return _finding(doc_id, claim, fact, "discrepant", direction, severity,
                    f"States {label} as {_said(claim)}{who}; the reference says "
                    f"{fact.statement} ({fact.citation}).")


def _outdated(doc_id: str, claim: Claim, label: str, retired: list[ReferenceFact]) -> Finding | None:
    """The finding for a claim that matches a rule no longer in force, or None."""
    for fact in retired:
        agrees = (_numeric(claim.quantity, fact) if claim.quantity is not None
                  else _rule(claim, fact))[0] == ""
        if agrees and fact.comparison not in ("prohibits", "denies"):
            return _finding(doc_id, claim, fact, "discrepant", "outdated", "minor",
                            f"States {label} as {_said(claim)}, a rule no longer in force since "
                            f"{fact.valid_to}: {fact.statement} ({fact.citation}).")
    return None


def _covering(quantity: Quantity, facts: list[ReferenceFact]) -> tuple[ReferenceFact, ...]:
    """The range facts that together cover a claimed range no one of them covers, lowest first
    ("100 to 200 mg a day" against a usual 50 to 150 and a high 150 to 200): sources that give
    the usual and the high range of one thing describe one accepted range between them. Empty
    when they leave a gap, or the claim is a bound or a single figure."""
    if quantity.low == quantity.high or quantity.qualifier in LOWER_BOUNDS | UPPER_BOUNDS:
        return ()
    ranges = sorted((f for f in facts if f.comparison == "range" and f.low is not None
                     and f.high is not None), key=lambda f: (f.low, f.high))
    above = rounding(quantity)[1]  # how far the high end reaches down
    reach, used = quantity.low + rounding(quantity, upward=True)[0], []  # the low end, up
    for fact in ranges:
        if fact.low * (1 - fact.tolerance) > reach:
            break
        if fact.high * (1 + fact.tolerance) > reach:
            used.append(fact)
            reach = fact.high * (1 + fact.tolerance)
        if reach >= quantity.high - above:
            return tuple(used) if len(used) > 1 else ()
    return ()


def _unit_slip(quantity: Quantity, facts: list[ReferenceFact]) -> bool:
    figures = [v for f in facts for v in (f.low, f.high) if v]
    return bool(figures) and quantity.low > UNIT_SLIP * max(figures)


def rounding(quantity: Quantity, upward: bool = False) -> tuple[float, float]:
    """How far each end of a round number may stand from the figure it rounds, in the
    quantity's unit: half a unit of its last significant digit when that digit is not the units
    ("90" ±5, "120" ±5, "0.2" ±0.05). A figure with no trailing zero ("6 weeks", "85%") is taken
    as exact, and a percentage of 100 or more is a bound, not a rounded figure. A time written in
    months stands for calendar months of 28 to 31 days, so it reaches further down than up
    (`upward`): "a month's supply" is not above 30 days, and "3 months" is not above 93.
    "Nearly" or "almost" all, 100%, is a bound just under it: 95 to 100, not all; a figure
    below 100 nearly reached keeps its own precision ("close to 99%" is 99)."""
    low = _rounding(quantity.raw_low, quantity.low, quantity.unit, upward)
    high = _rounding(quantity.raw_high, quantity.high, quantity.unit, upward)
    if quantity.qualifier == "nearly" and quantity.unit == "%" and quantity.high == 100 and not upward:
        return max(low, NEARLY_ALL), max(high, NEARLY_ALL)
    return low, high


@lru_cache(maxsize=4096)  # a claim's figure is read once per fact it meets, and figures repeat
def _rounding(raw: float | None, value: float, unit: str, upward: bool = False) -> float:
    raw = value if raw is None else raw
    if not raw or value == 0 or (unit == "%" and raw >= 100):
        return 0.0
    in_months = unit == "day" and math.isclose(value / raw, DAYS_PER_MONTH)
    calendar = (LONGEST_MONTH / DAYS_PER_MONTH - 1) if upward else (1 - SHORTEST_MONTH / DAYS_PER_MONTH)
    month = value * calendar if in_months else 0.0
    return max(month, _written_rounding(raw, value))


def _as_written(figure: float) -> str:
    """A figure's digits as a source writes them: "88.4", "120", "0.2"."""
    return f"{abs(figure):.6f}".rstrip("0").rstrip(".")


def _written_rounding(raw: float, value: float) -> float:
    text = _as_written(raw)
    zeros = len(text) - len(text.rstrip("0"))
    place = 10.0 ** -len(text.split(".")[1]) if "." in text else (10.0 ** zeros if zeros else 0.0)
    # "100" may round 96 or 104, not 50 or 150: trailing zeros never stand for more than a
    # tenth of the figure. A decimal ("0.2") keeps its written precision.
    half = 0.5 * place if place < 1 else min(0.5 * place, ROUNDING_CAP * abs(raw))
    return half * abs(value / raw)


def _numeric(quantity: Quantity, fact: ReferenceFact, exact: bool = False) -> tuple[str, float | None]:
    """("", None) when the claim agrees; else (direction, relative distance to the bound).

    Each end of the claim is given the benefit of its rounding (unless `exact`): "90%" is not
    above 88.4%. A claim that states a bound ("more than 80%", "within 6 weeks") is wrong only
    if the bound itself is."""
    below, above = (0.0, 0.0) if exact else rounding(quantity)  # the low end's, the high end's
    up_low, up_high = (0.0, 0.0) if exact else rounding(quantity, upward=True)  # ... reaching up
    tolerance = fact.tolerance
    low = None if fact.low is None else fact.low * (1 - tolerance) - _last_digit(fact.low, fact.unit)
    high = None if fact.high is None else fact.high * (1 + tolerance) + _last_digit(fact.high, fact.unit)
    if fact.comparison == "minimum":
        if quantity.low + up_low < low:
            return "understates", _relative(quantity.low, low)
        # Longer than a minimum is caution ("avoid pregnancy for 5 weeks"); a fact that sets
        # `if_over` flags a window several times the rule, another drug's rule read as this one's
        # (acitretin's 3 years for isotretinoin's month).
        ceiling = fact.low * OVERSTATED_MINIMUM
        if fact.if_over and quantity.low - below > ceiling:
            return "overstates", _relative(quantity.low, ceiling)
        return "", None
    if fact.comparison == "maximum":
        value = quantity.low if quantity.qualifier in LOWER_BOUNDS else quantity.high
        if value - (below if quantity.qualifier in LOWER_BOUNDS else above) > high:
            return "overstates", _relative(value, high)
        return "", None
    over = high is not None and quantity.high - above > high
    under = low is not None and quantity.low + up_low < low
    if quantity.qualifier in LOWER_BOUNDS:  # only its lower end is claimed
        over, under = high is not None and quantity.low - below > high, False
    elif quantity.qualifier in UPPER_BOUNDS:  # only its upper end is claimed
        over, under = False, low is not None and quantity.high + up_high < low
    if over and under:
        return ("overstates", _relative(quantity.high, high)) if (
            _relative(quantity.high, high) >= _relative(quantity.low, low)
        ) else ("understates", _relative(quantity.low, low))
    if over:
        return "overstates", _relative(quantity.low if quantity.qualifier in LOWER_BOUNDS
                                       else quantity.high, high)
    if under:
        return "understates", _relative(quantity.high if quantity.qualifier in UPPER_BOUNDS
                                        else quantity.low, low)
    return "", None


def _last_digit(bound: float, unit: str) -> float:
    """Half a unit of a percentage's last written digit: a source's "65%" stands for 64.5 to 65.5,
    so "65.4%" is not above it ("88.4%": 0.05). Other units keep their bound exactly: "1 mg/kg"
    is not 1.5."""
    if unit != "%":
        return 0.0
    decimals = _as_written(bound).partition(".")[2]
    return 0.5 * 10.0 ** -len(decimals)


def _rule(claim: Claim, fact: ReferenceFact) -> tuple[str, None]:
    if fact.comparison == "prohibits":
        return ("contradicts" if claim.stance == "permit" else "", None)
    if fact.comparison == "denies":
        return ("contradicts" if claim.stance in ("assert", "permit") else "", None)
    return "", None


def _arithmetic(doc_id: str, claim: Claim, reference: Reference) -> Finding:
    """Recompute a worked example: mg/day × days ÷ kg, against what the article says it gives.

    A stated single result ("reaches 150 mg/kg") must be within 5% of the recomputed one; a
    stated or earlier-named target range ("the 120-150 mg/kg target") must be reached. A dose or
    a time given as a range gives a range of totals, any of which may meet it; an example whose
    article names no total is not checked.
    """
    operands = dict(claim.operands)
    weight = operands["weight_kg"]
    dose = operands["dose_mg_per_day"]
    days = operands["duration_days"]
    result = dose * days / weight
    # A dose or a time given as a range spans a range of totals: the example is wrong only when
    # no total in it meets what the article says.
    dose_high = operands.get("dose_mg_per_day_high", dose)
    days_high = operands.get("duration_days_high", days)
    top = dose_high * days_high / weight
    # The target a worked example is checked against: a fact with both ends.
    facts = [f for f in reference.facts_for(claim.drug, "cumulative_dose") if f.unit == "mg/kg"
             and f.low is not None and f.high is not None]
    fact = facts[0] if facts else None
    low = operands.get("stated_low", operands.get("target_low"))
    high = operands.get("stated_high", operands.get("target_high"))
    worked = f"{result:.0f}" if top == result else f"{result:.0f}–{top:.0f}"
    if low is None:
        # The article names no total of its own: what its numbers come to is not a claim it
        # makes, and the reference's target is no stand-in for one.
        target = f" (the reference target is {fact.low:g}–{fact.high:g} mg/kg)" if fact is not None else ""
        return _finding(doc_id, claim, None, "unverified", "", "info",
                        f"Works an example to {worked} mg/kg but names no result or target to "
                        f"check it against{target}.")
    source = "what the article says"
    span = "" if top == result else f" to {top:.0f}"
    doses = f"{dose:g}" + (f"–{dose_high:g}" if dose_high != dose else "")
    times = f"{days:.0f}" + (f"–{days_high:.0f}" if days_high != days else "")
    working = (f"{weight:g} kg on {doses} mg/day for {claim.text} ({times} days) "
               f"gives {result:.0f}{span} mg/kg")
    stated = f"{low:g}–{high:g} mg/kg" if high != low else f"{low:g} mg/kg"
    extra = {"computed_value": round(result, 2)}
    if low == high:
        off = (top - low) / low if top < low else (result - low) / low if result > low else 0.0
        wrong = abs(off) > ARITHMETIC_TOLERANCE
        direction = "overstates" if off < 0 else "understates"
    else:
        wrong = top < low * (1 - ARITHMETIC_SLACK)
        direction = "overstates"
    if wrong:
        return _finding(doc_id, claim, fact, "discrepant", direction, "major",
                        f"Says the worked example comes to {stated}, but {working} "
                        f"(checked against {source}).", reference_value=stated, extra=extra)
    return _finding(doc_id, claim, fact, "consistent", "", "",
                    f"The worked example adds up: {working}, matching {stated}.",
                    reference_value=stated, extra=extra)


def omissions(doc_id: str, drug: str, mentioned: Mapping[str, int], claims: Iterable[Claim],
              reference: Reference, unread_after: int = 0) -> list[Finding]:
    """One finding per required statement (`requirements.csv`) the article never makes.

    `mentioned` counts, per topic, the sentences that name it outside anecdotes. A page treats a
    topic when it makes a claim of its own on it (not a first-person anecdote) or names it. A
    requirement applies to a page that covers its area: with several areas (blood donation:
    pregnancy prevention, waxing, tetracyclines, vitamin A), two of them, a page about safety,
    or two topics of an area marked to suffice alone (pregnancy prevention); with one area, two
    of its topics. A single-topic page (waxing, one interaction), a dosing
    page or a diary is not told what it left out. `unread_after` counts the times after the
    course the claims could not tie to a topic ("for one month after treatment has ended"):
    with one, a page is not told it never gave a window after the course; it may have, in
    words the auditor did not read."""
    claims = list(claims)
    claimed = {c.topic for c in claims}
    advised = {c.topic for c in claims if c.context not in NOT_ADVICE}
    present = set(mentioned) | claimed
    found = []
    for requirement in reference.requirements:
        if requirement.drug != drug:
            continue
        if not _covers(requirement.when_areas, advised | set(mentioned)):
            continue
        # A base topic ("blood_donation") is satisfied by a mention; an anchored one
        # ("pregnancy_window_after") only by a claim, since mentions carry no anchor.
        if present & set(requirement.requires_topics):
            continue
        if unread_after and all(topic.endswith("_after") for topic in requirement.requires_topics):
            continue
        fact = reference.fact(requirement.fact_id)
        found.append(Finding(
            doc_id=doc_id, claim_id=f"{doc_id}:{requirement.id}", kind="omission", drug=drug,
            topic=requirement.requires_topics[0], claim_text="", sentence="", start_char=None,
            end_char=None, value_low=None, value_high=None, unit="", qualifier="",
            context="", reference_id=fact.id, reference_value=_fact_value(fact),
            citation=fact.citation, verdict="omission", direction="",
            severity=requirement.severity,
            explanation=f"{requirement.message}; the reference says {fact.statement} "
                        f"({fact.citation}).",
            evidence=f"requirement {requirement.id}: the page covers "
                     f"{', '.join(sorted(_treated_of(requirement.when_topics, advised | set(mentioned))))}",
            jurisdiction=fact.jurisdiction,
        ))
    return found


# -- formatting ------------------------------------------------------------------------------


def _treated_of(topics: tuple[str, ...], treated: set[str]) -> set[str]:
    """The treated topics that are, or are anchored forms of, `topics`: what a page covers of them
    ("cosmetic_procedures" named covers "cosmetic_procedures_after")."""
    bases = {base_topic(topic) for topic in topics}
    return {topic for topic in treated if base_topic(topic) in bases}


def _covers(areas: tuple[tuple[str, ...], ...], treated: set[str]) -> bool:
    """Whether a page that treats `treated` covers a requirement's areas (see `omissions`)."""
    if any("*" in area for area in areas):
        return True
    bases = {base_topic(topic) for topic in treated}  # "pregnancy_window_after" treats the window
    touched = [{base_topic(t.lstrip("+")) for t in area} & bases for area in areas]
    alone = [len(t) >= COVERS_AREA for area, t in zip(areas, touched, strict=True)
             if len(areas) == 1 or area[0].startswith("+")]
    return any(alone) or sum(bool(t) for t in touched) >= COVERS_AREA


def _finding(doc_id: str, claim: Claim, fact: ReferenceFact | None, verdict: str,
             direction: str, severity: str, explanation: str, reference_value: str = "",
             extra: dict | None = None) -> Finding:
    q = claim.quantity
    return Finding(
        doc_id=doc_id,
        claim_id=f"{doc_id}:{claim.claim_id}",
        kind=claim.kind,
        drug=claim.drug,
        topic=claim.topic,
        claim_text=claim.text,
        sentence=claim.sentence,
        start_char=claim.start,
        end_char=claim.end,
        value_low=q.low if q else None,
        value_high=q.high if q else None,
        unit=q.unit if q else "",
        qualifier=q.qualifier if q else "",
        context=claim.context,
        reference_id=fact.id if fact else "",
        reference_value=reference_value or (_fact_value(fact) if fact else ""),
        citation=fact.citation if fact else "",
        verdict=verdict,
        direction=direction,
        severity=severity,
        explanation=explanation,
        evidence=claim.evidence,
        jurisdiction=fact.jurisdiction if fact else "",
        extra=extra or {},
    )


def _fact_value(fact: ReferenceFact) -> str:
    def amount(value: float) -> str:
        unit = fact.display_unit
        if unit == "%":
            return f"{value:g}%"
        if unit == "count":
            return f"{value:g}"
        if unit in ("day", "week", "month", "year"):
            return f"{value:g} {unit}{'' if value == 1 else 's'}"
        return f"{value:g} {unit}"

    if fact.comparison in ("prohibits", "denies"):
        return fact.statement
    if fact.comparison == "minimum":
        return f"at least {amount(fact.display_low)}"
    if fact.comparison == "maximum":
        return f"at most {amount(fact.display_high)}"
    if fact.display_low == fact.display_high:
        return f"about {amount(fact.display_low)}"
    return f"{fact.display_low:g} to {amount(fact.display_high)}"


def _label(reference: Reference, topic: str) -> str:
    return topic_label(topic, reference.topic_labels)


def _said(claim: Claim) -> str:
    return f'"{claim.text}"'


def _relative(value: float, bound: float) -> float:
    if bound == 0:
        return float("inf") if value else 0.0
    return abs(value - bound) / abs(bound)
