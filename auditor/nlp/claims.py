"""Claim assembly: quantities and rule phrases become claims about a drug and a topic.

Reads the span groups the earlier components assign (`quantities`, `drugs`, `topics`,
`context`, `stance`, `window_cues`) and assigns `doc.spans["claims"]`, each span carrying
`span._.claim` (an `auditor.model.Claim`). A claim is:

- numeric: a quantity in a sentence that names a topic of a compatible dimension (a time with
  "course", a percentage with "sebum"), or whose unit implies the topic (mg/kg/day is a daily
  dose). Anchored topics (pregnancy, blood donation, waxing) take "before"/"after" from the
  words around the number.
- a zero window: "postpone waxing until after you finish" is a window of 0 days after.
- safety: a rule topic ("minocycline", "double the next dose") with the stance of its sentence
  (prohibit / permit), or a false statement that asserts itself ("kills bacteria").
- arithmetic: a worked example (body weight, a dose per day, a duration, a cumulative target)
  within three sentences, with its operands for `auditor.verify` to recompute.

Each claim gets the drug its sentence is about (nearest mention, else the previous sentence's,
else the article's main drug) and its context from the scopes `auditor_context` assigned.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from auditor.model import Claim, Quantity
from auditor.nlp.component import ReferenceComponent
from auditor.nlp.context import context_at
from auditor.nlp.sentences import sentence_bounds
from auditor.nlp.text import doc_text
from auditor.reference import Reference, Topic

if not Span.has_extension("claim"):
    Span.set_extension("claim", default=None)

# What the earlier components assign, and which component assigns it.
NEEDS = {"quantities": "auditor_quantities", "drugs": "auditor_drugs", "topics": "auditor_topics",
         "context": "auditor_context", "stance": "auditor_cues", "window_cues": "auditor_cues"}
# Used with pattern.match(text, pos): no "^", which would only match at the string's start.
_ANCHOR_AFTER = re.compile(
    r"\W*(?:\w+\W+){0,3}?(before|prior\s+to|ahead\s+of|after|following|post|afterwards|"
    r"beyond|once)\b", re.IGNORECASE)
_ANCHOR_ANYWHERE = re.compile(r"\b(before|prior\s+to|after|following|stopping|finishing)\b",
                              re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[–—-]\s|—")
_REFERS_BACK = re.compile(r"\s*(?:this|it|that|these|they|which)\b", re.IGNORECASE)
_ADJACENT = 3  # characters: "a four-month course" names its topic right beside the number
# A worked example asserts a result: a figure it reaches, or a target it says it reaches.
_ARITHMETIC_CUE = re.compile(r"\b(cumulative|target|total)\b", re.IGNORECASE)
_REACHES = re.compile(r"\b(reach(?:es|ed|ing)?|hits?|achieves?|meets?|comes?\s+to|adds?\s+up\s+to|"
                      r"works?\s+out\s+(?:at|to))\b", re.IGNORECASE)
_EXAMPLE_WINDOW = 4  # the weight's sentence and the three after it


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    items: dict


@Language.factory(
    "auditor_claims",
    requires=["token.is_sent_start", "span._.quantity", "doc._.main_drug", "doc._.context_scopes"],
    assigns=["doc.spans", "span._.claim"],
)
def make_claims(nlp: Language, name: str):
    """Assigns `doc.spans["claims"]`, each span with `span._.claim`."""
    return ClaimAssembler(nlp, name)


class ClaimAssembler(ReferenceComponent):
    def _load(self, reference: Reference) -> None:
        self.topics = reference.topics
        self.windows = {cue.phrase: cue for cue in reference.window_cues}
        self.implied = {unit: t for t in self.topics.values() if t.implied and not t.is_rule
                        for unit in t.implied.split("|")}
        self.sequences = {(q.first_unit, q.between, q.unit): self.topics[q.topic]
                          for q in reference.sequences}

    def __call__(self, doc: Doc) -> Doc:
        self._require_reference()
        missing = sorted({component for key, component in NEEDS.items() if key not in doc.spans})
        if missing:
            raise ValueError(f"[{self.name}] needs {', '.join(missing)} before it in the pipeline "
                             "(auditor.nlp.build_pipeline adds them all)")
        sentences = self._sentences(doc)
        scopes = doc._.context_scopes
        claims: list[tuple[Claim, Span]] = []
        # Worked examples first: the quantities they use are not claims of their own.
        used_quantities: set[int] = set()
        holding = [index for index, sentence in enumerate(sentences) if sentence.items]
        for index in holding:
            if sentences[index].items["quantities"]:
                claims.extend(self._arithmetic(doc, sentences, index, used_quantities))
        for index in holding:
            items = sentences[index].items
            if items["quantities"]:
                claims.extend(self._numeric(doc, sentences, index, used_quantities))
            if items["window_cues"]:
                claims.extend(self._windows(doc, sentences, index))
            if items["topics"]:
                claims.extend(self._rules(doc, sentences, index))
        claims.sort(key=lambda pair: (pair[0].start, pair[0].end))
        spans = []
        for number, (claim, span) in enumerate(claims, start=1):
            context = context_at(scopes, claim.start, claim.end)
            if claim.stance in ("prohibit", "permit") and context == "negated":
                context = "asserted"  # "never combine": the negation is the rule's stance
            claim = replace(claim, claim_id=str(number), context=context)
            span._.claim = claim
            spans.append(span)
        doc.spans["claims"] = spans
        return doc

    # -- sentences and what they hold ----------------------------------------------------

    def _sentences(self, doc: Doc) -> list[_Sentence]:
        sentences = [_Sentence(start, end, defaultdict(list)) for start, end in sentence_bounds(doc)]
        starts = [s.start for s in sentences]
        for key in ("quantities", "drugs", "topics", "stance", "window_cues"):
            for span in doc.spans.get(key, []):
                index = bisect_right(starts, span.start_char) - 1
                if index >= 0:
                    sentences[index].items[key].append(span)
        return sentences

    def _sentence_text(self, doc: Doc, sentence: _Sentence) -> str:
        return doc_text(doc)[sentence.start:sentence.end].strip()

    # -- numeric claims ------------------------------------------------------------------

    def _numeric(self, doc, sentences, index, used):
        sentence = sentences[index]
        topics = sentence.items["topics"]
        text = doc_text(doc)
        previous = None
        for span in sentence.items["quantities"]:
            quantity: Quantity = span._.quantity
            before, previous = previous, quantity
            if quantity.start in used:
                continue
            topic = self._sequence_topic(text, before, quantity) if before else None
            if topic is None:
                topic = self._topic_for(text, quantity, topics)
            if topic is None and index > 0 and _REFERS_BACK.match(text, sentence.start):
                # "This usually settles within a month.": named in the sentence before.
                topic = self._topic_for(text, quantity, sentences[index - 1].items["topics"], implied=False)
            if topic is None and _ANCHOR_AFTER.match(text, quantity.end, sentence.end):
                # "... for one month after the last capsule": a window whose subject (pregnancy,
                # waxing) was named up to two sentences before.
                earlier = [s for k in (index - 1, index - 2) if k >= 0
                           for s in sentences[k].items["topics"] if self.topics[s.label_].anchors]
                topic = self._topic_for(text, quantity, earlier, implied=False)
            if topic is None:
                continue
            topic_id = self._anchored(topic, text, quantity.start, quantity.end, sentence)
            yield self._claim(doc, sentences, index, "numeric", quantity.start, quantity.end,
                              topic_id, quantity=quantity)

    def _sequence_topic(self, text: str, first: Quantity, quantity: Quantity) -> Topic | None:
        """"20 mg a day for six months": the topic `sequences.csv` gives the second quantity."""
        if not self.sequences or quantity.start - first.end > 24:
            return None
        between = " ".join(text[first.end:quantity.start].lower().split())
        return self.sequences.get((first.unit, between, quantity.unit))

    def _topic_for(self, text: str, quantity: Quantity, topics: list[Span],
                   implied: bool = True) -> Topic | None:
        """The nearest topic of a compatible dimension, preferring one in the same clause.

        A number followed by "before"/"after" is a window around the course, so an anchored
        topic (pregnancy, waxing) wins over the course itself.
        """
        anchored = bool(_ANCHOR_AFTER.match(text, quantity.end))
        best, best_key = None, None
        for span in topics:
            topic = self.topics[span.label_]
            if quantity.unit not in topic.dimensions:
                continue
            distance = _distance(span.start_char, span.end_char, quantity.start, quantity.end)
            low, high = sorted((span.end_char, quantity.start) if span.end_char <= quantity.start
                               else (quantity.end, span.start_char))
            crosses_clause = bool(_CLAUSE_BREAK.search(text, low, high)) if low < high else False
            # A window topic with two anchors needs a "before"/"after" to win; a weak alias
            # ("treatment") loses to a specific one ("waxing").
            key = (crosses_clause, anchored != bool(topic.anchors) and (
                anchored or len(topic.anchors) > 1), distance > _ADJACENT,
                span.text.lower() in topic.weak, distance)
            if best_key is None or key < best_key:
                best, best_key = topic, key
        return best or (self.implied.get(quantity.unit) if implied else None)

    def _anchored(self, topic: Topic, text: str, start: int, end: int, sentence) -> str:
        if not topic.anchors:
            return topic.topic
        if len(topic.anchors) == 1:
            return f"{topic.topic}_{topic.anchors[0]}"
        after = _ANCHOR_AFTER.match(text, end, sentence.end)
        word = after.group(1).lower() if after else ""
        if not word:
            before = list(_ANCHOR_ANYWHERE.finditer(text, sentence.start, start))
            word = before[-1].group(1).lower() if before else ""
        if word in ("before", "prior to", "ahead of"):
            return f"{topic.topic}_before"
        if word:
            return f"{topic.topic}_after"
        return topic.topic

    # -- zero windows: "until after you finish" --------------------------------------------

    def _windows(self, doc, sentences, index):
        sentence = sentences[index]
        for cue_span in sentence.items["window_cues"]:
            cue = self.windows.get(cue_span.text.lower(), None)
            anchor = cue.anchor if cue else cue_span.label_
            anchored = [self.topics[s.label_] for s in sentence.items["topics"]
                        if anchor in self.topics[s.label_].anchors]
            if not anchored:
                continue
            topic = min(anchored, key=lambda t: t.anchors.index(anchor))
            quantity = Quantity(cue_span.start_char, cue_span.end_char, cue_span.text,
                                cue.value if cue else 0.0, cue.value if cue else 0.0,
                                cue.unit if cue else "day")
            yield self._claim(doc, sentences, index, "numeric", cue_span.start_char,
                              cue_span.end_char, f"{topic.topic}_{anchor}", quantity=quantity)

    # -- safety rules --------------------------------------------------------------------

    def _rules(self, doc, sentences, index):
        sentence = sentences[index]
        by_topic: dict[str, list[Span]] = defaultdict(list)
        for span in sentence.items["topics"]:
            if self.topics[span.label_].is_rule:
                by_topic[span.label_].append(span)
        for topic_id, spans in by_topic.items():
            topic = self.topics[topic_id]
            # A false statement asserts itself; other rules take the stance of their sentence.
            stance = "assert" if topic.implied == "assert" else (
                _stance(sentence.items["stance"], spans[0]) or topic.implied)
            if not stance:
                continue  # a mention without a stance is not a claim
            opening = not doc_text(doc)[sentence.start:spans[0].start_char].strip(" \t\n-*#•")
            if stance != "assert" and opening and any(
                    d.start_char == spans[0].start_char for d in sentence.items["drugs"]):
                continue  # "Doxycycline is given for 12 weeks": the subject, not a rule's object
            # "doxycycline or any other of the tetracyclines": one claim over all its objects.
            start, end = spans[0].start_char, spans[-1].end_char
            yield self._claim(doc, sentences, index, "safety", start, end, topic_id,
                              stance=stance, exclude=topic)

    # -- worked examples -----------------------------------------------------------------

    def _arithmetic(self, doc, sentences, index, used):
        weights = [s._.quantity for s in sentences[index].items["quantities"]
                   if s._.quantity.unit == "kg"]
        if not weights:
            return
        window = sentences[index:index + _EXAMPLE_WINDOW]
        if not any(_ARITHMETIC_CUE.search(doc_text(doc), s.start, s.end)
                   and _REACHES.search(doc_text(doc), s.start, s.end) for s in window):
            return
        quantities = [s._.quantity for w in window for s in w.items["quantities"]]
        dose = next((q for q in quantities if q.unit == "mg/day"), None)
        duration = next((q for q in quantities if q.unit == "day" and q.low > 0), None)
        if dose is None or duration is None:
            return
        weight = weights[0]
        operands = [("weight_kg", weight.low), ("dose_mg_per_day", dose.low),
                    ("duration_days", duration.low)]
        stated = next((q for q in quantities if q.unit == "mg/kg"), None)
        if stated is not None:  # the example's own result: "reaches 150 mg/kg"
            operands += [("stated_low", stated.low), ("stated_high", stated.high)]
        elif (target := _last_before(doc, "mg/kg", weight.start)) is not None:
            operands += [("target_low", target.low), ("target_high", target.high)]
        used.update(q.start for q in (weight, dose, duration))
        yield self._claim(doc, sentences, index, "arithmetic", duration.start, duration.end,
                          "cumulative_dose", quantity=duration, operands=tuple(operands))

    # -- shared --------------------------------------------------------------------------

    def _claim(self, doc, sentences, index, kind, start, end, topic, quantity=None, stance="",
               operands=(), exclude: Topic | None = None) -> tuple[Claim, Span]:
        sentence = sentences[index]
        claim = Claim(
            claim_id="",
            kind=kind,
            text=doc_text(doc)[start:end],
            start=start,
            end=end,
            sentence=self._sentence_text(doc, sentence),
            drug=self._drug(doc, sentences, index, start, end, exclude),
            topic=topic,
            quantity=quantity,
            stance=stance,
            operands=operands,
        )
        span = doc.char_span(start, end, alignment_mode="expand")
        return claim, span

    def _drug(self, doc, sentences, index, start, end, exclude: Topic | None) -> str:
        def usable(span: Span) -> bool:
            # The object of a rule ("with minocycline") is not the drug the rule is about.
            return exclude is None or span.text.lower() not in exclude.aliases

        here = [s for s in sentences[index].items["drugs"] if usable(s)]
        if here:
            nearest = min(here, key=lambda s: _distance(s.start_char, s.end_char, start, end))
            return nearest.label_
        if index > 0:
            previous = [s for s in sentences[index - 1].items["drugs"]
                        if s.label_ == doc._.main_drug or not self._is_rule_object(s)]
            if previous:
                return previous[-1].label_
        return doc._.main_drug

    def _is_rule_object(self, span: Span) -> bool:
        return any(span.text.lower() in t.aliases for t in self.topics.values() if t.is_rule)

def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if a_start < b_end and b_start < a_end:
        return 0
    return b_start - a_end if a_end <= b_start else a_start - b_end


def _stance(cues: list[Span], target: Span) -> str:
    """The stance of the cue nearest the rule phrase; "never combine it with" prohibits."""
    if not cues:
        return ""
    nearest = min(cues, key=lambda s: _distance(s.start_char, s.end_char, target.start_char,
                                                target.end_char))
    if nearest.label_ == "permit" and any(
            c.label_ == "prohibit" and c.end <= nearest.start and nearest.start - c.end <= 4
            for c in cues):
        return "prohibit"
    return nearest.label_


def _last_before(doc: Doc, unit: str, position: int) -> Quantity | None:
    found = None
    for span in doc.spans.get("quantities", []):
        quantity = span._.quantity
        if quantity.start >= position:
            break
        if quantity.unit == unit:
            found = quantity
    return found


