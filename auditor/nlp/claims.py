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
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from auditor.model import Claim, Quantity
from auditor.nlp.component import ReferenceComponent
from auditor.nlp.context import context_at, context_with_trigger
from auditor.nlp.quantities import QUALIFIERS, number_matches
from auditor.nlp.sentences import sentence_bounds
from auditor.nlp.text import WORD, doc_text, phrase_alternation
from auditor.reference import Reference, Topic

if not Span.has_extension("claim"):
    Span.set_extension("claim", default=None)

# What the earlier components assign, and which component assigns it.
NEEDS = {"quantities": "auditor_quantities", "drugs": "auditor_drugs", "topics": "auditor_topics",
         "context": "auditor_context", "stance": "auditor_cues", "window_cues": "auditor_cues"}
_BEFORE_WORDS = ("before", "prior to", "prior", "ahead of")
# A time before the course that runs on to after it: "one month before, during, and after treatment".
_BEFORE_AND_AFTER = re.compile(r"\s+(?:before|prior\s+to)\b[^.;:!?]{0,40}?\b(?:and|&)\s+after\b", re.IGNORECASE)
# Anchors that name the course only alone or before a course word ("after your last").
_ELLIPTIC_ANCHORS = ("last", "final", "first")
# What stands between a window's anchor and its object: "after stopping [the] treatment".
_ANCHOR_OBJECT = re.compile(r"\s+(?:(?:the|your|their|this|that|a)\s+)?", re.IGNORECASE)
_FROM_THE_START = re.compile(r"\b(?:start\w*|begin\w*|first)\b", re.IGNORECASE)
_SIDES = (r"before|prior\s+to|prior|ahead\s+of|after|afterwards?|following|post|beyond|once"
          r"|(?:up)?on\s+(?:the\s+)?completion\s+of")
_ANCHOR_ANYWHERE = re.compile(r"\b(before|prior\s+to|after|following|stopping|finishing)\b",
                              re.IGNORECASE)
_LEADS_TO_NUMBER = re.compile(r"\s+(?:(?:about|around|roughly|nearly|almost|over|under|just|only|another)\s+)?",
                              re.IGNORECASE)
_BEFORE_EVENT = re.compile(r"\s+(?:before|until)\s", re.IGNORECASE)
_EVENT_GAP = 16  # characters from "before" to the event's words: "before you try to conceive"
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[–—-]\s|—")
# What may stand between a comma or dash and a figure set off by them: "..., about 98%, ..."
_APPOSITION_LEAD = re.compile(r"\s*(?:(?:about|around|roughly|nearly|almost|some|over|just|well|fully)\s+){0,2}",
                              re.IGNORECASE)
_ENDS_IN_FOR = re.compile(r"\sfor$", re.IGNORECASE)  # "taken for", "prescribed for": an alias that
_FOR_OBJECT = 12  # ties the number it introduces, this near ("for a total of 6 months")
# "prescribed for a period of about 4 to 6 months": words that only frame the number after "for"
_FOR_FILLER = re.compile(r"\s+(?:a|an|the)\s+(?:period|total|duration|course|time|span)\s+of\s+"
                         r"(?:(?:about|around|approximately|roughly|up\s+to|at\s+least)\s+)?", re.IGNORECASE)
_CLAUSE_OR_SENTENCE_END = re.compile(_CLAUSE_BREAK.pattern + r"|[.!?](?=\s|$)|\n")
_FIELD_BEFORE = re.compile(r"\b(?:in|for)\s+(?:[^\W\d_]+\s+)?$", re.IGNORECASE)  # "for (your) acne treatment"
# "a two-month course of acitretin": the words from a number to the drug its noun is "of"
_OF_THE_DRUG = re.compile(r"(?:\s+[^\W\d_]+){0,2}\s+of\s+(?:(?:the|oral)\s+)?", re.IGNORECASE)
# a share counted out of a whole ("one in five", "nine out of ten"), not a vague "nearly everyone"
_COUNTED_SHARE = re.compile(r"\b(?:in|out\s+of)\b", re.IGNORECASE)
# "after a", "since your", "had a" (and a word more) right before a procedure's name: the event a wait counts from
_SINCE_AN_EVENT = re.compile(r"\b(?:after|following|since|had)\s+(?:(?:a|an|any|your|the)\s+)?(?:[^\W\d_]+\s+)?$",
                             re.IGNORECASE)
# A first day's (loading) dose told again as the doses it is split into: no daily dose of its own.
_FIRST_DAY_SPLIT = re.compile(r"\b(?:on\s+(?:day\s+(?:1|one)|the\s+first\s+day)|loading\s+dose)\b[^.;]{0,20}?"
                              r"\b(?:given|administered|taken|split|divided)\s+(?:(?:as|into)\s+)?$", re.IGNORECASE)
# a relative clause opening after a comma: its people belong to the noun before it
_RELATIVE = re.compile(r",\s*(?:which|who|that)\b", re.IGNORECASE)
_MAIN_DRUG = "drug: the article's main drug"
_IN_PASSING = 2  # times a page names its drug when it only mentions it ...
_IN_PASSING_TOKENS = 120  # ... in a page at least this long (about a hundred words)
_POINTERS_KEY = "auditor.back_to_the_drug"  # Doc.user_data: the count of words pointing back to a drug
_BACK_TO_THE_DRUG = re.compile(r"\b(?:the|this|your)\s+(?:drug|medicine|medication|capsules?|tablets?|pills?)\b",
                               re.IGNORECASE)
_LABEL_NUMBER = re.compile(r"\s*:")  # "1 month: the gap before giving blood"
_LINE_MARKS = " \t\n-*#•"  # what may stand before a line's first word: list marks, heading marks
# Words that put two medicines together in one sentence without naming the second.
_COMBINED = re.compile(r"\b(?:together|combin\w*|at the same time|concomitant\w*|concurrent\w*|simultaneous\w*"
                       r"|(?:with|alongside|while (?:on|taking)|on top of|plus) (?:it|them|this)\b"
                       r"|\b(?:take|taking|takes|use|using|mix|mixing|pair|pairing) it (?:with|alongside)\b)",
                       re.IGNORECASE)
# "Ordinary food is fine, but supplements are not": a stance does not cross a contrast.
_CONTRAST = re.compile(r"\b(?:but|however|although|though|whereas|except|unlike)\b|;", re.IGNORECASE)
# A share written right before "clear", after a word that says what a skin gets to or is, or whose
# person it makes so, is how clear it is ("get to 100% clear", "I'm 95% clear", "it got me 90% clear",
# "want 100% clearance"), as is a range from one degree to another ("took her from 60% to 90% clear"),
# not a share of people;
# "85% clear after one course" and "an 85% clearance rate" count people.
_CLEAR_DEGREE = re.compile(r"\s+clear(?:ance)?\b(?!\s+(?:rates?|of|in)\b)", re.IGNORECASE)
# ("you achieve 100% clearance" promises it to every reader, so stays a rate)
_DEGREE_LEAD = re.compile(r"(?:\b(?:to|from|be|is|are|was|were|am|get|gets|got|want|wants|wanted|not|feel|feels|felt|"
                          r"look|looks|looked|me|him|her|us)|['\u2019](?:m|s|re))\s+$", re.IGNORECASE)
# A text that stops on a word no sentence ends with, and no mark: a scraper's cut ("... still need to").
_CUT_OFF = re.compile(r"\b(?:to|the|a|an|and|or|of|for|with|must|still|need|needs|should|can|will|be|is|are|"
                      r"until|before|after|your|their|that|which|who)[ \t]*$", re.IGNORECASE)
# A rate a conjunction opens after a share, where a share of its own follows it: "works in 85% of
# patients and the relapse rate is 20%".
_OPENS_ANOTHER = re.compile(r"\b(?:and|but|while|whereas|yet)\s+(?:the|a|an|its|their)?\s*\w", re.IGNORECASE)
# A clause a conjunction opens after a share starts a statement of its own: "relapse happens, but in
# under 10% of patients, and a second course then works" counts relapse, not the second course. (A
# contrast after a share, or a semicolon, already rules the words beyond it out: see `_topic_for`.)
_NEXT_CLAUSE = re.compile(r",\s*(?:and|while|yet|so)\b", re.IGNORECASE)
# "after 2 months of therapy": a point two months into something, counted from its start (a lab
# check, a result), not a window around the course ("for a month after stopping").
_AFTER_RIGHT_BEFORE = re.compile(r"\bafter\W+$", re.IGNORECASE)
_OF_RIGHT_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_OF_STOPPING = re.compile(r"\s+of\s+(?:stopping|finishing|completing|ending|the\s+end\s+of|your\s+last|the\s+last)\b",
                          re.IGNORECASE)
_FROM_AN_EVENT = re.compile(rf"\s+(?:after|following)\s+(?:(?!(?:before|until|prior)\b){WORD}+\s+){{0,3}}",
                            re.IGNORECASE)
# "two weeks after Botox", "5 days before your peel": a time counted from the event the next
# few words name, up to four ("after filler injections"), or seven when they are a clause of
# their own ("before you try to get pregnant"); never past the clause. Words that point back
# ("after that", "after either") or go on to the other side ("from 1 month before to 1 month
# after") name no event.
_SIDE_OF_AN_EVENT = re.compile(
    r"\s+(?:before|after|following|prior\s+to|ahead\s+of)\s+"
    r"(?!(?:that|this|these|those|then|which|it|them|either|too|to|and|or|until|through|during)\b)",
    re.IGNORECASE)
# An event's words end where another side opens: "3 days after a sunburn | before waxing".
_NOT_A_SIDE = r"(?!(?:before|after|following)\b)"
_EVENT_WORDS = re.compile(rf"(?:{_NOT_A_SIDE}{WORD}+\s*){{1,4}}", re.IGNORECASE)
_EVENT_CLAUSE = re.compile(
    rf"(?:(?:you|she|he|they|we|i|your|her|his|their)\b|\w+ing\b)(?:\s*{_NOT_A_SIDE}{WORD}+){{0,6}}", re.IGNORECASE)
_OBJECT_OF_COURSE_VERB = re.compile(
    r"\b(?:stop|stops|stopping|stopped|finish|finishes|finishing|finished|complete|completes|completing|"
    r"completed|end|ending|ended|starting|start|started)\W+"
    r"(?:(?:the|your|my|their|this|his|her|a)\s+)?$", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\n *")


def _quote(words: str) -> str:
    """Words of the page quoted in a claim's evidence, a hard wrap read as the space it stands
    for ('forms of contraception', not 'forms of\\ncontraception')."""
    return repr(_LINE_BREAK.sub(" ", words))


_WINDOW_SIDES = ("_before", "_after")  # a window's topic id names its side of the course
_PLAIN_NEGATIONS = frozenset(("not", "no", "never", "n't", "n\u2019t"))
# A negated bound is the other bound: "not more than" is at most, "never less than" at least.
_NEGATED_BOUND = {"more_than": "up_to", "less_than": "at_least"}
# A share counted out of an odd, unround number of people ("13 out of 14", "61 of 88 patients") is
# one cohort's result, not a rate the page gives for everyone ("9 out of 10", "1 in 20").
_COHORT_COUNT = re.compile(r"(\d+)\s+(?:out\s+of|of)\s+(\d+)\b", re.IGNORECASE)
_RATE_DENOMINATORS = frozenset((20, 25, 50, 100, 1000, 10000))
# "during treatment", "through the course": the course as the time something happens in, no
# subject a number after it could be about ("Carry on with it throughout the course and ten days after").
_TIME_FRAME = re.compile(r"\b(?:during|throughout|through)\s+(?:the\s+|your\s+|their\s+)?$", re.IGNORECASE)
_REFERS_BACK = re.compile(  # "This usually settles", "When it does, it settles"
    r"\s*(?:(?:when|if|once|usually|typically|normally|often|but|and|so)\s+)?(?:(this|that|these)|it|they|which)\b"
    r"(?:\s+([^\W\d_]+))?",
    re.IGNORECASE)
# Several things named before, taken up together anywhere in a sentence: "Peels and dermabrasion. We
# wait 3 months before offering either treatment" (not "this treatment", which can be the course itself).
_POINTS_BACK = re.compile(r"\b(?:either|both|these|those|such)\s+(?:treatments?|procedures?)\b", re.IGNORECASE)
# After "this", "that" or "these", the words that keep it pointing back ("This usually settles", "That
# can take", "This requirement lasts"); any other word makes it a determiner of a noun of its own
# ("This dose step comes after six weeks" is about the step, not what the sentence before named).
_PRONOUN_FOLLOWERS = frozenset((
    "is", "was", "are", "were", "can", "could", "may", "might", "will", "would", "should", "must", "does",
    "did", "do", "has", "had", "have", "means", "meant", "takes", "took", "take", "lasts", "lasted", "last",
    "happens", "happened", "happen", "tends", "tend", "goes", "went", "go", "gets", "got", "get", "all", "too",
    "often", "also", "just", "only", "then", "still", "in", "on", "for", "within", "after", "by",
    # nouns that stand for what was just described: "This requirement lasts a month after the last dose"
    "requirement", "rule", "restriction", "precaution", "advice", "warning", "recommendation", "guidance",
    "phase", "stage", "period", "effect", "side", "reaction", "symptom", "problem", "change",
))


def _side_word(window: re.Match) -> str:
    """The side of the course a window's words name, as written in `_BEFORE_WORDS`: "prior  to"
    is "prior to"."""
    return " ".join(window.group(1).lower().split())


def _counts_a_cohort(text: str) -> bool:
    """Whether a share is counted out of more than ten people, and not a round number of them."""
    match = _COHORT_COUNT.search(text)
    if match is None:
        return False
    people = int(match.group(2))
    return people > 10 and people not in _RATE_DENOMINATORS


_ASKED = "the question before"


# A question that asks for an amount: "How long ...?", "How many people ...?", "What percentage ...?"
_ASKS_AN_AMOUNT = re.compile(r"\b(?:how\s+(?:long|many|much|often|soon|likely|common)|what\s+(?:percentage|"
                             r"proportion|share|dose)|what\s+(?:is|are)\s+the\s+(?:chances?|odds))\b", re.IGNORECASE)
_QUESTION_REACH = 300  # characters of a question read for what it asks (its end)
_ANSWER_LEAD = re.compile(r"\W*(?:[A-Z][\w.]{0,20}(?:\s+[A-Z][\w.]{0,20})?\s*:\W*)?(?:[\w'\u2019]+\W+){0,3}")


def _answers(text: str, question, start: int, at: int) -> bool:
    """Whether the figure at `at`, in the sentence from `start`, opens an answer to `question`: a
    sentence that asks for an amount, with at most three words (a speaker's label aside) before it."""
    if _ANSWER_LEAD.fullmatch(text, start, at) is None:
        return False
    asked = text[max(question.start, question.end - _QUESTION_REACH):question.end]
    return asked.rstrip(" \t\r\n*_<>/").endswith("?") and bool(_ASKS_AN_AMOUNT.search(asked))


def _refers_back(text: str, start: int) -> bool:
    """Whether a sentence opens with a word that points to the one before ("This usually settles
    in a month", "It takes six weeks"), rather than "this" or "that" naming a noun of its own."""
    match = _REFERS_BACK.match(text, start)
    if match is None:
        return False
    demonstrative, following = match.group(1), match.group(2)
    if demonstrative is None or following is None:
        return True
    word = following.lower()
    return word in _PRONOUN_FOLLOWERS or word.endswith("ly") or (
        demonstrative.lower() != "these" and word.endswith("s") and not word.endswith(("ss", "us", "is")))
# A rule that goes on past the course's end: "keep using contraception once you stop".
_CONTINUES = re.compile(r"\b(?:keep|keeps|keeping|continue|continues|continuing|still|even|carry\s+on|go\s+on|"
                        r"goes\s+on)\b", re.IGNORECASE)
_ADJACENT = 3  # characters: "a four-month course" names its topic right beside the number
_SUBJECT_OF = re.compile(r"\s*(?:(?:will|would|may|might|can|could)\s+)?"
                         r"(?:(?:are|were|is|was|became|become|get|got|had|have|be|have\s+been)\s+)?",
                         re.IGNORECASE)
_NEAR = 60  # characters around a number searched for the words of its frame
# "nearly all", "almost every" quantify the noun right after them: a rate needs it to be the people
# it counts ("nearly all patients"), not "nearly all the causes of acne".
_QUANTIFIER = re.compile(r"(?:all|every)$", re.IGNORECASE)
_QUANTIFIED = re.compile(rf"[ \t]+(?:{WORD}+[ \t]+){{0,3}}{WORD}+")
_COMPOUND_TIME = re.compile(r"-(?:day|week|month|year)s?$", re.IGNORECASE)
# "a typical 4-6 month course", "the 4-week gap": a time that names its own noun refers to no
# sentence before it.
_SINGULAR_TIME = re.compile(r"(?:day|week|month|year)$", re.IGNORECASE)
_MODIFIED_WORD = re.compile(r"\s+(?!(?:after|before|of|and|or|to|in|on|at|for|from|with|into|is|was|"
                            r"are|were|then|later|ago|apart|normally|usually)\b)[a-z]+\b", re.IGNORECASE)
_MODIFIED_NOUN = re.compile(rf"(?:-[\w]+)*\s+(?:{WORD}+\s+){{0,2}}")  # "-long isotretinoin " before the noun
_CONDITION = re.compile(r"\W*(?:if|unless)\b", re.IGNORECASE)
_CONDITION_WORD = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)
# ", as the drug leaves the body within 10 days": a clause giving a reason ("because", "since",
# "as" with its subject) states a fact of its own, about that clause's own words.
_REASON = re.compile(r"\W*(?:because|since|as\s+(?:the|it|its|this|these|they|your)\b)", re.IGNORECASE)
# ", or for 3 days": a list's next item; a weak alias ("treatment") in another item is not the number's
_LIST_ITEM = re.compile(r",\s*(?:and|or)\b", re.IGNORECASE)
_COORDINATED = re.compile(r"\s*(?:,\s*)?(?:and|or)\s+|\s*,\s*", re.IGNORECASE)
# A closed bracket between a topic's words and its number is an aside ("the relapse rate (the
# share who need another course) is 20%"); it does not end the clause.
_ASIDE = re.compile(r"\([^()]*\)")
# "antibiotics directly kill", "antibiotics can kill": a subject before its verb (not "an
# antibiotic such as doxycycline", which names its example).
_WORD_CHAR = re.compile(r"\w")
_SUBJECT_GAP = re.compile(r"\s+(?:\w+ly\s+)?(?:(?:also|can|may|could|do|does|will|often|usually)\s+)?",
                          re.IGNORECASE)
_COUNTED = 20  # characters from a count to the noun it counts ("two negative pregnancy tests")
_TIMELINE_LABEL = re.compile(r"(?:day|week|month|year)s?\s+\w", re.IGNORECASE)  # "Month 3", "Week Two"
_QUALIFIER_WORDS = "|".join(pattern for _, pattern in QUALIFIERS)
# The words a quantity's text may start with before its amount: "around weeks 4 to 8".
_LEADING_QUALIFIER = re.compile(rf"(?:(?:{_QUALIFIER_WORDS})\s+)?(?:(?:between|from)\s+)?", re.IGNORECASE)
_OWN_QUALIFIER = re.compile(rf"(?:{_QUALIFIER_WORDS})\s+", re.IGNORECASE)  # without a range's "between"
_TABLE_REACH = 50  # lines up to a table's header row
_SECTION_REACH = 30  # sentences back to the heading of the section a claim stands in
_HEADING_LENGTH = 60  # characters: a longer line is prose, not a heading
# A medicine named by its use: "Anxiety medication", "Blood pressure medicines"; not "Your
# medicine", "About this medication", or a leaflet's "Other medicines" (those it interacts with).
_OTHER_MEDICINE = re.compile(
    r"\b(?!(?:your|my|the|this|that|our|their|his|her|its|a|an|of|to|take|taking|with|and|or|for|"
    r"acne|other|certain|some|any|all|these|those|prescription|prescribed|new|"
    # a specialty's name ("Family Medicine", "Aesthetic Medicine" under a doctor's name) is no medicine
    r"aesthetic|internal|family|emergency|sports|general|integrative|functional|cosmetic|preventive|"
    r"lifestyle|regenerative)\b)[a-z]+"
    r"\s+(?:medications?|medicines?|drugs?)\b", re.IGNORECASE)
# A sentence whose subject is a product of another form than a tablet names its own product, not the
# page's drug: "A few spot creams are fine in pregnancy", "Most gels can be used while pregnant".
_OTHER_FORM_SUBJECT = re.compile(
    r"\W*(?:(?:some|most|many|a|few|all|these|those|the|other|certain|acne|spot|topical|prescription|medicated|"
    r"retinoid|antibiotic|over-the-counter|otc)\s+){0,3}(?:creams?|gels?|lotions?|ointments?|washes|topicals)\b",
    re.IGNORECASE)
# A dose changed to, which a time then follows: how long the new dose lasted, not the course.
_DOSE_CHANGED = re.compile(
    r"\b(?:cut|reduc\w*|lower\w*|dropp\w*|increas\w*|rais\w*|bump\w*|switch\w*|chang\w*|upp\w*)\b"
    r"[^.\n]{0,20}$", re.IGNORECASE)
# A sentence whose subject is the contraceptive pill doing its own work on the skin: "The pill
# needs a few months to help", "Birth control pills can take a season to work". "The pill"
# names the contraceptive; "the pills" may be anyone's tablets.
_PILL_SUBJECT = re.compile(
    r"\W*(?:(?:the|a)\s+)?(?:(?:combined|contraceptive|oral\s+contraceptive|birth[- ]control)\s+pills?|(?<!\w)pill)"
    r"\s+(?:(?:can|may|might|will|usually|often|typically|generally|normally|also)\s+){0,2}"
    r"(?:takes?|works?|helps?|needs?|clears?|improves?)\b",
    re.IGNORECASE)
# A sentence whose subject is several medicines, named by a plural pronoun or noun: "These work
# by ...", "They kill ...", "Most treatments try to ...".
_PLURAL_SUBJECT = re.compile(
    r"\W*(?:(?:these|those|most|many|other|such|some|all)\s+(?:(?:acne|topical|oral|other)\s+)?"
    r"(?:treatments|medicines|medications|drugs|products|options|remedies)\b"
    r"|(?:they|these|those)\s+(?:\w+\s+)?(?:work|act|help|try|kill|reduce|fight)\b)",
    re.IGNORECASE)
# No daily dose reaches 10 mg/kg (the label's highest is 2 mg/kg/day) and no course totals less:
# "0.8 mg/kg taken once daily" and "1 mg for each kg he weighs" are daily doses.
_DAILY_CEILING = 10.0
_TOTAL_WORDS = re.compile(r"\b(?:cumulative|total|overall|in\s+all|whole\s+course)\b", re.IGNORECASE)
_TOTAL_NEAR = 30  # characters before a dose in which a total's word names it
# A worked example asserts a result: a figure it reaches, or a target it says it reaches. A
# result in mg/kg after a verb of reaching is its own cue ("after 20 weeks she has reached about
# 140 mg/kg"), unless people in general reach it ("most reach 120 mg/kg": the usual target).
_ARITHMETIC_CUE = re.compile(r"\b(cumulative|target|total)\b", re.IGNORECASE)
_REACH_VERBS = (r"reach(?:es|ed|ing)?|hits?|achieves?|meets?|comes?\s+to|adds?\s+up\s+to|"
                r"works?\s+out\s+(?:at|to)")
_REACHES = re.compile(rf"\b(?:{_REACH_VERBS}|that(?:['\u2019]s|\s+is|\s+makes))\b", re.IGNORECASE)
_REACHES_RESULT = re.compile(rf"\b(?:{_REACH_VERBS})\b", re.IGNORECASE)
_GENERIC_REACHER = re.compile(r"\b(?:most|many|some|few|all|patients|people|everyone|others)\s+(?:\w+\s+)?$",
                              re.IGNORECASE)
# A rate over a longer period: "17 mg/kg each month", "5 mg/kg every 8 weeks" (an infusion's
# "q8weeks"), "7 mg/kg weekly" is neither a total nor a daily dose.
_PER_PERIOD = re.compile(
    r"\s*(?:(?:each|per|a|an|every)\s+(?:(?:\d+|other|two|three|four|six|eight)\s+)?(?:weeks?|months?|fortnight)"
    r"|q\s?\d+\s?(?:weeks?|wks?|w)|(?:once\s+)?(?:weekly|monthly|fortnightly))\b", re.IGNORECASE)
_EXAMPLE_WINDOW = 4  # the weight's sentence and the three after it


@dataclass(frozen=True, slots=True)
class _Number:
    """A quantity as a sentence holds it: the start of its span (token-aligned) and the
    quantity read once, not through `span._` (an object per access) at every look."""

    start_char: int
    quantity: Quantity
    span: Span


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    items: dict
    # A heading naming some other medicine ("Anxiety medication") stands between this sentence
    # and the last mention of the main drug, within _SECTION_REACH sentences.
    under_other_medicine: bool = False


@Language.factory(
    "auditor_claims",
    requires=["token.is_sent_start", "span._.quantity", "doc._.main_drug", "doc._.context_scopes"],
    assigns=["doc.spans", "span._.claim"],
)
def make_claims(nlp: Language, name: str):
    """Assigns `doc.spans["claims"]`, each span with `span._.claim`, and
    `doc.spans["unattributed"]`: the quantities no topic could be tied to."""
    return ClaimAssembler(nlp, name)


class ClaimAssembler(ReferenceComponent):
    def _load(self, reference: Reference) -> None:
        self.topics = reference.topics
        self.classes = reference.drug_classes
        self.members = reference.class_members
        # Every rule's words ("minocycline", "vitamin A"), looked up for each drug a claim could take.
        self.rule_words = frozenset(alias for t in self.topics.values() if t.is_rule for alias in t.aliases)
        self.windows = {cue.phrase: cue for cue in reference.window_cues}
        self.implied = {unit: t for t in self.topics.values() if t.implied and not t.is_rule
                        for unit in t.implied.split("|")}
        self.sequences = {(q.first_unit, q.between, q.unit): self.topics[q.topic]
                          for q in reference.sequences}
        self.frames = {topic: _Frame.build(reference.frames, topic) for topic in self.topics}
        # The rates of patients: shares whose frame requires the people they count.
        self.rates = {t for t, topic in self.topics.items()
                      if "%" in topic.dimensions and self.frames[t].requires is not None
                      and self.frames[t].requires.search("patients")}
        # The people a rate counts ("patients", "users"; the `requires` frames of those rates):
        # what a share in brackets may annotate.
        self.counted = [self.frames[t].requires for t in sorted(self.rates)]
        self.mentions = mention_rules(reference)
        anchors = [rule.phrase for rule in reference.frames if rule.where == "anchor"]
        # "after the final capsule", "prior to starting", or a bare "after" that ends its
        # clause: a window around the course. "Before a blood test" is not one.
        # "N days of the lab visit": a time measured from another event, unless that event
        # is the course ("within a month of stopping").
        self.of_event = re.compile(
            rf"\s+of\s+(?!(?:{WORD}+\W+){{0,3}}?(?:{phrase_alternation(anchors)}))",
            re.IGNORECASE) if anchors else None
        # "last", "final", "first" name the course only by ellipsis ("after your last"); before
        # a noun that is no anchor they name that noun's event ("after the last act of
        # unprotected intercourse", "before the first session").
        elliptic = [a for a in anchors if a.lower() in _ELLIPTIC_ANCHORS]
        full = [a for a in anchors if a.lower() not in _ELLIPTIC_ANCHORS]
        named = (rf"(?:{phrase_alternation(full)})" + (
            rf"|(?:{phrase_alternation(elliptic)})(?!\s+(?!(?:{phrase_alternation(full)}|one|ones|of)\b)[^\W\d_])"
            if elliptic else ""))
        self.course_anchor = re.compile(
            rf"\W*(?:{WORD}+\W+){{0,3}}?({_SIDES})\b(?:\W+(?:{WORD}+\W+){{0,3}}?(?:{named})"
            rf"|\s*(?:afterwards?\b)?\s*(?=[.;,)!?]|$))", re.IGNORECASE) if anchors else None
        # (an "after" that ends in a colon, "at least 7 days after:", names its event in the
        # list that follows: no window around the course)

    def __call__(self, doc: Doc) -> Doc:
        self._require_reference()
        missing = sorted({component for key, component in NEEDS.items() if key not in doc.spans})
        if missing:
            raise ValueError(f"[{self.name}] needs {', '.join(missing)} before it in the pipeline "
                             "(auditor.nlp.build_pipeline adds them all)")
        sentences, numbers = self._sentences(doc)
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
        text = doc_text(doc)
        if claims and not _NAMES_ACNE.search(text):
            # A page that opens on another condition and never names acne ("Oracea for
            # rosacea", "Spironolactone in heart failure"): its figures are that condition's,
            # as a sentence that names it makes its own figures (the frames' `sentence` excludes).
            other = {t for t in {c.topic for c, _ in claims} if self._other_condition(t, text)}
            claims = [(c, s) for c, s in claims if c.topic not in other]
        for number, (claim, span) in enumerate(claims, start=1):
            context, trigger = context_with_trigger(scopes, claim.start, claim.end)
            cue = text[trigger[0]:trigger[1]] if trigger is not None else ""
            plain = context == "negated" and cue.lower() in _PLAIN_NEGATIONS  # "not", "never", "n't"
            if claim.stance in ("prohibit", "permit") and context == "negated":
                context, trigger = "asserted", None  # "never combine": the rule's own stance
            elif plain and claim.topic.endswith(_WINDOW_SIDES) and text[trigger[1]:claim.start].strip():
                # "Giving blood? Not for four weeks after stopping.": a window's own ban; "wait six
                # months, not two weeks", with the negation right before the time, rejects that time
                context, trigger = "asserted", None
            elif plain and claim.quantity is not None and claim.quantity.qualifier in _NEGATED_BOUND \
                    and trigger[1] <= claim.start:
                # "should not last longer than six months": at most six months, asserted
                claim = replace(
                    claim, quantity=replace(claim.quantity, qualifier=_NEGATED_BOUND[claim.quantity.qualifier]),
                    evidence=f"{claim.evidence}; bound: {_quote(cue)} before it")
                context, trigger = "asserted", None
            elif context in ("asserted", "attributed") and claim.quantity is not None \
                    and claim.quantity.unit == "%" and _counts_a_cohort(claim.text):
                context, trigger = "study", None
                claim = replace(claim, evidence=f"{claim.evidence}; context: {_quote(claim.text)} "
                                                "counts one cohort (study)")
            evidence = claim.evidence
            if trigger is not None:
                evidence += f"; context: {_quote(cue)} ({context})"
            claim = replace(claim, claim_id=str(number), context=context, evidence=evidence.strip("; "))
            span._.claim = claim
            spans.append(span)
        doc.spans["claims"] = spans
        # Numbers no topic could be tied to: listed (claims.jsonl), never judged.
        tied = used_quantities | {claim.start for claim, _ in claims}
        unattributed = [n.span for n in numbers if n.quantity.start not in tied]
        doc.spans["unattributed"] = unattributed
        # Among them, times after the course ("for one month after treatment has ended") whose
        # subject the words did not name: a page with one may well state a window after the course.
        starts = [s.start for s in sentences]
        doc.spans["unread_windows"] = [span for span in unattributed
                                       if self._after_course(doc, sentences, starts, span)] + [
            span for claim, span in claims  # "one month before, during and after": after it too
            if claim.topic.endswith("_before") and _BEFORE_AND_AFTER.match(doc_text(doc), claim.end)]
        return doc

    def _after_course(self, doc: Doc, sentences: list[_Sentence], starts: list[int], span: Span) -> bool:
        """Whether a number is a time after the course: "one month after treatment has ended"."""
        if span._.quantity.unit != "day":
            return False
        index = bisect_right(starts, span.start_char) - 1
        end = sentences[index].end if index >= 0 else len(doc_text(doc))
        window = self._course_window(doc_text(doc), span.end_char, end)
        return window is not None and _side_word(window) not in _BEFORE_WORDS \
            and not _FROM_THE_START.search(window.group(0))  # "a month after starting": into the course

    # -- sentences and what they hold ----------------------------------------------------

    def _sentences(self, doc: Doc) -> tuple[list[_Sentence], list[_Number]]:
        """The sentences with what each holds, and every quantity of the Doc in order."""
        sentences = [_Sentence(start, end, defaultdict(list)) for start, end in sentence_bounds(doc)]
        starts = [s.start for s in sentences]
        numbers = [_Number(span.start_char, span._.quantity, span) for span in doc.spans["quantities"]]
        for number in numbers:
            index = bisect_right(starts, number.start_char) - 1
            if index >= 0:
                sentences[index].items["quantities"].append(number)
        for key in ("drugs", "topics", "stance", "window_cues"):
            for span in doc.spans.get(key, []):
                index = bisect_right(starts, span.start_char) - 1
                if index >= 0:
                    sentences[index].items[key].append(span)
        # Under a heading that names some other medicine ("Anxiety medication", "Sleeping drugs")
        # since the main drug's last mention, a claim is that medicine's, as in a blood service's
        # list of deferrals, and the main drug is no fallback.
        text, main = doc_text(doc), doc._.main_drug
        since, last_other = False, -_SECTION_REACH - 1
        for k, sentence in enumerate(sentences):
            sentence.under_other_medicine = since and k - last_other < _SECTION_REACH
            if any(s.label_ == main for s in sentence.items["drugs"]):
                since = False
            elif _names_other_medicine(text[sentence.start:sentence.end]):
                since, last_other = True, k
        return sentences, numbers

    def _sentence_text(self, doc: Doc, sentence: _Sentence) -> str:
        return doc_text(doc)[sentence.start:sentence.end].strip()

    # -- numeric claims ------------------------------------------------------------------

    def _numeric(self, doc, sentences, index, used):
        sentence = sentences[index]
        topics = head_spans(sentence.items["topics"])
        text = doc_text(doc)
        previous = None
        for number in sentence.items["quantities"]:
            quantity: Quantity = number.quantity
            before, previous = previous, quantity
            if quantity.start in used:
                continue
            if quantity.low == quantity.high and quantity.text[:1].isalpha() and quantity.unit == "day" \
                    and _TIMELINE_LABEL.match(quantity.text):
                continue  # "Month 3", "day 1": a place on a timeline, not an amount of time
            if quantity.unit == "day" and (0 < quantity.high < 1 or (
                    quantity.raw_high is not None and quantity.high < quantity.raw_high)):
                continue  # "30 minutes before", "within 48 hours": no topic is timed in hours
            if quantity.high == 0 and quantity.unit.startswith("mg"):
                continue  # "0 mg (0 mg/kg)": a calculator's empty field; no one doses nothing
            clause = _clause(text, quantity.start, quantity.end, sentence.start, sentence.end)
            quantity = _as_daily(text, quantity, clause)
            # "50 mg a day for 6 weeks, then 100 mg a day": a dose's phase, not the whole course.
            phase = before is not None and any(
                later.quantity.unit == before.unit and later.quantity.start > quantity.end
                for later in sentence.items["quantities"])
            found = self._sequence_topic(text, before, quantity) if before and not phase else None
            tie = "sequence" if found is not None else ""
            # "1 week and 1 month after each session": the words after the pair frame both.
            framed = _with_partner(text, quantity, sentence.items["quantities"])
            if found is not None and not self.frames[found[0].topic].fits(
                    text, framed, clause, None, (sentence.start, sentence.end)):
                found = None  # "200 mg daily for 8 weeks, followed by a taper": ruled out as any number
            if found is None:
                tie = ""
                found = self._topic_for(text, quantity, topics, sentence, clause, framed=framed,
                                        previous=before)
            if found is None and index > 0 and (_refers_back(text, sentence.start) or _POINTS_BACK.search(
                    text, sentence.start, sentence.end)) and not _modifies_a_noun(text, quantity):
                # "This usually settles within a month.": named in the sentence before.
                found = self._topic_for(text, quantity, sentences[index - 1].items["topics"],
                                        sentence, clause, implied=False, where="the sentence before")
            if found is None and index > 0 and _answers(text, sentences[index - 1], sentence.start, quantity.start):
                # "How long is a course?\nUsually 16 weeks.": a figure that opens the answer right
                # after a question asking for an amount is about what the question asks. The
                # question's words read with the answer's ("How many people need ...? About 2%."),
                # its weak words too ("a course"); a window keeps needing its own words around it.
                asked = [s for s in sentences[index - 1].items["topics"] if not self.topics[s.label_].anchors]
                found = self._topic_for(text, quantity, asked, sentence, (sentences[index - 1].start, clause[1]),
                                        implied=False, where=_ASKED)
            # (only for a number no topic took yet, whose words set it around the course)
            window = self._course_window(text, quantity.end, sentence.end) if found is None else None
            if window is not None:
                # An item of a list a colon opens ("Contraception continues after treatment:") shares
                # the lead-in's subject; the course its window counts from is no topic of its own.
                listed = any(text[sentences[k].start:sentences[k].end].rstrip().endswith(":")
                             for k in (index - 1, index - 2) if k >= 0)
                own = any(quantity.unit in self.topics[s.label_].dimensions for s in topics
                          if not (listed and _ANCHOR_OBJECT.fullmatch(text, window.end(), s.start_char))
                          and not _TIME_FRAME.search(text, max(0, s.start_char - _NEAR), s.start_char))
                # "Pregnancy testing within 2 weeks prior to therapy": a clause that names a topic
                # of its own (whatever its unit) is about that, not about one named before.
                elsewhere = any(clause[0] <= s.start_char < clause[1] and text[s.start_char:s.end_char].lower()
                                not in self.topics[s.label_].weak for s in topics)
                if not own and not elsewhere:
                    # "... for one month after the last capsule": a window whose subject (pregnancy,
                    # blood donation: a topic that `carries`) was named up to two sentences before,
                    # in a sentence with no topic of its own that such a number could be about ("acne
                    # came back 8 months after I stopped" is about the course).
                    # Any window carries to the answer of a question that names it ("Waxing after
                    # Accutane? Not until 6 months after stopping.").
                    # So does a heading right above it ("Brow waxing\nNot until 6 weeks after your
                    # last dose."): a line that names what the lines under it are about.
                    before = sentences[index - 1] if index > 0 else None
                    asked = before is not None and (text[before.start:before.end].rstrip().endswith("?")
                                                    or bool(_heading(text[before.start:before.end])))
                    earlier = [s for k in (index - 1, index - 2) if k >= 0
                               for s in sentences[k].items["topics"] if self.topics[s.label_].carries
                               or (asked and k == index - 1 and self.topics[s.label_].anchors)]
                    found = self._topic_for(text, quantity, earlier, sentence, clause, implied=False,
                                            where="an earlier sentence")
            if found is None:
                continue
            topic, evidence = found
            topic_id, side = self._anchored(topic, text, quantity.start, quantity.end, sentence)
            if not topic_id:
                continue  # "no waxing for 4 weeks before your treatment": not the window it has
            drug = None
            if side:
                evidence += f"; window: {_quote(side)}"
            elif topic.anchors:
                # A wait no words count from the course is the course's unless the sentence times
                # it from a procedure ("after a chemical peel, wait seven days before waxing"), or
                # the page names its drug only in passing (a salon's sheet of waits between
                # procedures that lists isotretinoin once among its contraindications).
                if self._after_another_event(text, sentence, quantity):
                    continue
                drug = self._drug(doc, sentences, index, quantity.start, quantity.end, None)
                if drug[1] == _MAIN_DRUG and names_in_passing(doc, drug[0]):
                    continue
            yield self._claim(doc, sentences, index, "numeric", quantity.start, quantity.end,
                              topic_id, quantity=quantity, evidence=evidence, drug=drug, tie=tie)

    def _after_another_event(self, text: str, sentence, quantity: Quantity) -> bool:
        """Whether the sentence, before the number, times it from a procedure it names ("After a
        chemical peel ...", "If you have had laser resurfacing, ..."): a wait between procedures,
        not one after the course."""
        return any(span.end_char <= quantity.start and self.topics[span.label_].anchors == ("after",)
                   and _SINCE_AN_EVENT.search(text, max(sentence.start, span.start_char - _NEAR), span.start_char)
                   for span in sentence.items["topics"])

    def _sequence_topic(self, text: str, first: Quantity, quantity: Quantity):
        """"20 mg a day for six months": the topic `sequences.csv` gives the second quantity."""
        if not self.sequences or quantity.start - first.end > 24:
            return None
        if _DOSE_CHANGED.search(text, max(0, first.start - 30), first.start):
            return None  # "cut me to 20 mg daily for a month": how long the new dose lasted
        between = " ".join(text[first.end:quantity.start].lower().split())
        topic = self.sequences.get((first.unit, between, quantity.unit))
        return (topic, f"topic: follows {_quote(first.text)}") if topic else None

    def _course_window(self, text: str, end: int, limit: int):
        return _match_at(self.course_anchor, text, end, limit) if self.course_anchor else None

    def _topic_for(self, text: str, quantity: Quantity, topics: list[Span], sentence, clause,
                   implied: bool = True, where: str = "", framed: Quantity | None = None,
                   previous: Quantity | None = None):
        """(topic, evidence) for the nearest topic of a compatible dimension whose frame the
        number fits, preferring one in the same clause; or None.

        A number followed by "before"/"after" the course is a window around it, so an anchored
        topic (pregnancy, waxing) wins over the course itself. A weak alias ("treatment") ties
        a number only within its own sentence.
        """
        if quantity.unit == "mg/kg" and _PER_PERIOD.match(text, quantity.end):
            return None  # "5 mg/kg every 8 weeks": a dose per week or month, neither daily nor a total
        if quantity.unit == "%" and _CLEAR_DEGREE.match(text, quantity.end) and (
                quantity.text[:5].lower() == "from " or _DEGREE_LEAD.search(
                    text, max(0, quantity.start - _NEAR), quantity.start)):
            return None  # "from 70% to 100% clear": how clear a skin gets, not how many people clear
        if quantity.unit == "mg/day" and _FIRST_DAY_SPLIT.search(text, max(sentence.start, quantity.start - _NEAR),
                                                                 quantity.start):
            return None  # "a 200 mg loading dose, split into two doses of 100 mg": the first day's dose
        anchored = bool(self._course_window(text, quantity.end, sentence.end))
        event = None if anchored else _event_after(text, quantity, sentence)
        framed = framed or quantity
        # A time written as a modifier ("a 20-week course") is about the noun it modifies.
        compound = quantity.unit == "day" and bool(_COMPOUND_TIME.search(quantity.text))
        singular = quantity.unit == "day" and _modifies_a_noun(text, quantity)  # "a 4-6 month course"
        # A number in an "if"/"unless" clause sets a condition, about that clause's own words.
        conditional = bool(_CONDITION.match(text, clause[0]) or _REASON.match(text, clause[0]))
        # "If you take 40 mg a day, the course lasts about 7 months": a time worked out from an
        # amount the sentence supposes is that supposition's arithmetic, not the page's advice.
        supposed = quantity.unit == "day" and not conditional and _supposes_an_amount(text, sentence, quantity)
        if quantity.unit == "day" and quantity.qualifier == "more_than" \
                and _CONDITION_WORD.search(text, clause[0], quantity.start):
            return None  # "see a doctor if the flare lasts longer than 6 weeks": a threshold to act on, not its length
        # A figure in brackets annotates the words right before them: "dry lips are common (over
        # 90%)", not a topic two clauses back ("..., and fewer dropped out (2% versus 7%)").
        lead, bracket = None, None
        if not where and clause[0] > sentence.start and text[clause[0] - 1] == "(":
            lead = _clause(text, clause[0] - 1, clause[0] - 1, sentence.start, sentence.end)[0]
            people = text[max(lead, clause[0] - 1 - _NEAR):clause[0] - 1]
            if quantity.unit == "%" and any(p.search(people) for p in self.counted) \
                    and text[clause[1]:clause[1] + 1] == ")":
                # "many users (about 85%) end the course clear": a share of the people named
                # right before the brackets, whose sentence goes on after them
                bracket = clause[1]
                clause = (lead, _clause(text, clause[1] + 1, clause[1] + 1, sentence.start, sentence.end)[1])
        # "22.5% relapsed and 8.2% needed retreatment": a topic right after the figure before,
        # with another waiting after this one in its clause, is the figure before's.
        # Shares only: "for one month after, and each prescription is limited to 30 days of
        # treatment" names its topic before the figure.
        after_it = quantity.unit == "%" and any(
            quantity.end <= s.start_char < clause[1] and quantity.unit in self.topics[s.label_].dimensions
            and text[s.start_char:s.end_char].lower() not in self.topics[s.label_].weak for s in topics)
        taken = (previous.end, quantity.start) if (
            previous is not None and previous.unit == quantity.unit and after_it) else None
        # a share of people in vague words ("nearly everyone", "almost all"), not a count ("one in five")
        worded_share = quantity.unit == "%" and not any(ch.isdigit() for ch in quantity.text) \
            and not _COUNTED_SHARE.search(quantity.text)
        # "works in 85% of patients and the relapse rate is 20%": a rate that a conjunction opens
        # after this share, with a share of its own after it, is that share's.
        following = quantity.unit == "%" and next(
            (n.quantity.start for n in sentence.items["quantities"]
             if n.quantity.unit == "%" and n.quantity.start >= quantity.end), None)
        best, best_key, ruled_out = None, None, False
        for span in topics:
            topic = self.topics[span.label_]
            if quantity.unit not in topic.dimensions:
                continue
            if following and quantity.end <= span.start_char and span.end_char <= following \
                    and _OPENS_ANOTHER.search(text, quantity.end, span.start_char):
                continue
            if span.label_ in self.mentions and not names_topic(span, text, self.mentions, True):
                continue  # "blood test results": words that name something else
            if taken is not None and taken[0] <= span.start_char < taken[1]:
                continue
            if supposed and span.label_ in _WORKED_OUT:
                continue
            if span.label_ in _STRONGER_OUTCOMES and any(
                    other.label_ == "improvement_rate" and _joined_by_or(text, span, other) for other in topics):
                continue  # "complete remission or significant improvement": the share counts the weaker outcome
            distance = _distance(span.start_char, span.end_char, quantity.start, quantity.end)
            low, high = sorted((span.end_char, quantity.start) if span.end_char <= quantity.start
                               else (quantity.end, span.start_char))
            crosses_clause = _crosses_clause(text, low, high)
            if quantity.unit == "%" and crosses_clause and span.start_char >= quantity.end \
                    and _CONTRAST.search(text, quantity.end, span.start_char):
                continue  # "figures range from 35% to 91%, but some need another course": not the contrast's
            weak = text[span.start_char:span.end_char].lower() in topic.weak
            if crosses_clause and worded_share and not where and span.label_ in self.rates \
                    and not _RELATIVE.search(text, low, high):
                # "good at clearing acne, but nearly everyone gets dry lips": people counted in words
                # are those of their own clause, or of a relative clause's noun ("dry lips, which
                # nearly everyone gets")
                continue
            if crosses_clause and quantity.unit == "day" and not where and lead is None and not topic.anchors \
                    and _has_own_number(text, span, quantity, sentence):
                continue  # "worse for two to three weeks, and better in about a month": the flare's is its own
            if crosses_clause and quantity.unit == "%" and span.end_char <= quantity.start \
                    and _has_own_share(text, span, quantity, sentence):
                continue  # "triglycerides rose in 25%; muscle aches in 15%": a list's item has its own share
            if any(other.label != span.label and other.start_char <= span.start_char < span.end_char
                   <= other.end_char and other.end_char - other.start_char > span.end_char - span.start_char
                   and quantity.unit in self.topics[other.label_].dimensions for other in topics):
                # "clear improvement" is an improvement, which "clear" only describes; "birth
                # control methods" (a count) leaves "birth control" to a time; "laser treatments"
                # are a laser's, not the course's "treatments"
                continue
            if topic.anchors and self.of_event and self.of_event.match(text, quantity.end, sentence.end):
                continue
            if topic.anchors and span.start_char >= quantity.end and _FROM_AN_EVENT.fullmatch(
                    text, quantity.end, span.start_char) and not any(
                    quantity.end <= d.start_char < span.start_char for d in sentence.items["drugs"]):
                continue  # "for 4 weeks following a deep peel": timed from the procedure, not the course
            if topic.anchors and event is not None and not event[0] <= span.start_char < event[1]:
                continue  # "two weeks after Botox": timed from an event that is not the course
            if weak and span.start_char >= quantity.end and _OBJECT_OF_COURSE_VERB.search(
                    text, max(quantity.end, span.start_char - 30), span.start_char):
                continue  # "within one month of stopping treatment": the course the window counts from
            if topic.anchors and _OF_RIGHT_AFTER.match(text, quantity.end) and _AFTER_RIGHT_BEFORE.search(
                    text, max(sentence.start, quantity.start - 12), quantity.start):
                continue
            if weak and ((where and where != _ASKED) or (
                    crosses_clause and _in_list_item(text, span, sentence, low, high))):
                continue
            if not self.frames[topic.topic].fits(text, framed, clause, span, (sentence.start, sentence.end), bracket):
                # a share whose own clause names a rate whose frame rules it out ("and improvement in
                # up to 85%", its people told in the clause before) is no other clause's rate
                ruled_out = ruled_out or (quantity.unit == "%" and not crosses_clause and not weak)
                continue
            if compound and not (span.end_char > quantity.end and (span.start_char <= quantity.end or (
                    _MODIFIED_NOUN.fullmatch(text, quantity.end, span.start_char)))):
                continue  # "the 30-day period", "at 1-month follow-up": a time that names another thing
            if weak and crosses_clause and _CONTRAST.search(text, low, high):
                continue  # "worse when you begin treatment, but it clears in 1-2 months": not the course
            if lead is not None and not lead <= span.start_char < clause[1]:
                continue
            if conditional and not clause[0] <= span.start_char < clause[1]:
                continue  # "If your skin is still dry after six weeks, postpone waxing"; "..., as it clears in a week"
            if quantity.unit == "count" and not quantity.start <= span.start_char <= quantity.end + _COUNTED:
                continue  # a count counts the noun it stands before: "two forms of", not "one done"
            if _ENDS_IN_FOR.search(text, span.start_char, span.end_char) \
                    and not 0 <= quantity.start - span.end_char <= _FOR_OBJECT \
                    and not _FOR_FILLER.fullmatch(text, span.end_char, quantity.start):
                continue  # "prescribed for 6 months" ties its object, not "prescribed for acne, ... 12 weeks"
            # A time that modifies the noun its words name ("a 4-6 month isotretinoin course")
            # is beside it, whatever name stands between.
            beside = distance <= _ADJACENT or (
                (compound or singular) and span.start_char > quantity.end
                and bool(_MODIFIED_NOUN.fullmatch(text, quantity.end, span.start_char)))
            # A window topic with two anchors needs a "before"/"after" to win; a weak alias
            # ("treatment") loses to a specific one ("waxing") unless it stands beside the number.
            next_clause = quantity.unit == "%" and crosses_clause and span.start_char >= quantity.end \
                and bool(_NEXT_CLAUSE.search(text, quantity.end, span.start_char))
            # "avoid resurfacing for a year but lasers can be done at 3 months": in one clause, words
            # across a contrast from the number lose to those on its own side
            contrasted = not crosses_clause and bool(_CONTRAST.search(text, low, high))
            key = (crosses_clause, next_clause, contrasted, anchored != bool(topic.anchors) and (
                anchored or len(topic.anchors) > 1), not beside, weak and not beside, distance)
            if best_key is None or key < best_key:
                place = where or ("the same clause" if not crosses_clause else "the sentence")
                best, best_key = (topic, f"topic: {_quote(text[span.start_char:span.end_char])} in {place}"), key
        if ruled_out and best_key is not None and best_key[0]:
            return None
        if best is None and implied:
            topic = self.implied.get(quantity.unit)
            if topic is not None and self.frames[topic.topic].fits(
                    text, framed, clause, None, (sentence.start, sentence.end)):
                return topic, f"topic: the unit {quantity.unit} is a {topic.label}"
        return best

    def _anchored(self, topic: Topic, text: str, start: int, end: int, sentence) -> tuple[str, str]:
        """The topic id with its side of the course, and the words that gave it; no id for a
        time on the side of the course where the topic has no window."""
        if not topic.anchors:
            return topic.topic, ""
        after = self._course_window(text, end, sentence.end)
        word = _side_word(after) if after else ""
        said = " ".join(text[end:after.end()].split()) if after else ""
        if not word and (stopping := _OF_STOPPING.match(text, end)):
            word, said = "after", " ".join(stopping.group(0).split())  # "within a month of stopping"
        if after is not None and word not in _BEFORE_WORDS and _FROM_THE_START.search(after.group(0)):
            return "", said  # "3 weeks after the beginning of treatment": a time into the course, no window
        if len(topic.anchors) == 1:
            if word in _BEFORE_WORDS and topic.anchors[0] != "before":
                return "", said  # a time before the course, for a topic whose window follows it
            return f"{topic.topic}_{topic.anchors[0]}", said
        if not word and (event := self._before_its_event(topic, text, end, sentence)) is not None:
            # "wait 3 years before trying to conceive": a wait until the topic's own event is
            # counted from the end of the course.
            return f"{topic.topic}_after", " ".join(text[end:event].split())
        if not word:
            # "after 7 days had passed": a side word the number itself follows times a point
            # from whatever the number counts, not from the course
            before = [m for m in _ANCHOR_ANYWHERE.finditer(text, sentence.start, start)
                      if not any(_LEADS_TO_NUMBER.fullmatch(text, m.end(), q.quantity.start)
                                 for q in sentence.items["quantities"] if q.quantity.start >= m.end())]
            word = before[-1].group(1).lower() if before else ""
            said = before[-1].group(0) if before else ""
        if not word and (cue := self._opening_cue(sentence, start)) is not None:
            # "Once you stop isotretinoin, keep using contraception for one month": the time
            # the rule runs on is counted from the end the sentence opened with.
            word, said = cue.label_, cue.text
        if word in _BEFORE_WORDS:
            return f"{topic.topic}_before", said
        if word:
            return f"{topic.topic}_after", said
        return topic.topic, ""

    def _opening_cue(self, sentence, start: int) -> Span | None:
        """A window cue that ends the course in a clause before the number ("once you stop",
        "as soon as your last dose"), not one that runs the rule up to it ("until you finish")."""
        for cue_span in sentence.items["window_cues"]:
            if cue_span.end_char <= start and _ends_the_course(cue_span.text.lower()) \
                    and self._cue_anchor(cue_span) in ("after", "before"):
                return cue_span
        return None

    def _cue_anchor(self, cue_span: Span) -> str:
        """The side of the course a window cue stands for: its row's anchor (`window_cues.csv`),
        or the side its span was labelled with."""
        cue = self.windows.get(cue_span.text.lower())
        return cue.anchor if cue else cue_span.label_

    def _before_its_event(self, topic: Topic, text: str, end: int, sentence) -> int | None:
        """Where the topic's own words end when "before"/"until" and then they follow the number
        right away ("3 years before trying to conceive"), not the course ("a month before
        starting"); else None."""
        cue = _BEFORE_EVENT.match(text, end, sentence.end)
        if cue is None:
            return None
        return next((s.end_char for s in sentence.items["topics"] if s.label_ == topic.topic
                     and cue.end() <= s.start_char <= cue.end() + _EVENT_GAP), None)

    # -- zero windows: "until after you finish" --------------------------------------------

    def _windows(self, doc, sentences, index):
        sentence = sentences[index]
        text = doc_text(doc)
        for cue_span in sentence.items["window_cues"]:
            said = cue_span.text.lower()
            cue = self.windows.get(said)
            anchor = self._cue_anchor(cue_span)
            anchored = [self.topics[s.label_] for s in sentence.items["topics"]
                        if anchor in self.topics[s.label_].anchors]
            if not anchored:
                continue
            ending = _ends_the_course(said)
            if any(q.quantity.unit == "day" and 0 <= q.start_char - cue_span.end_char <= (
                    sentence.end if ending else _NEAR) for q in sentence.items["quantities"]):
                # "once the last dose is a month behind you", "as soon as your last dose is
                # taken, carry on for 4 weeks": the number says the window
                continue
            if any(_anchors_the_cue(text, sentence, q.quantity, cue_span) for q in sentence.items["quantities"]):
                continue  # the cue is a time's anchor, no window of its own
            if index == len(sentences) - 1 and _CUT_OFF.search(text, cue_span.end_char, sentence.end):
                continue  # "When the course ends, anyone who can get pregnant must still": a text cut off
                # after its cue; what the rule says after it is lost
            if not said.startswith("until") and _CONTINUES.search(
                    text, sentence.start, cue_span.start_char):
                continue  # "keep using contraception once you stop": the rule goes on after it
                # (but "continue until you finish" ends it there)
            topic = min(anchored, key=lambda t: t.anchors.index(anchor))
            alias = next(s.text for s in sentence.items["topics"] if s.label_ == topic.topic)
            quantity = Quantity(cue_span.start_char, cue_span.end_char, cue_span.text,
                                cue.value if cue else 0.0, cue.value if cue else 0.0,
                                cue.unit if cue else "day")
            yield self._claim(doc, sentences, index, "numeric", cue_span.start_char,
                              cue_span.end_char, f"{topic.topic}_{anchor}", quantity=quantity,
                              evidence=f"topic: {_quote(alias)} in the sentence; window: {_quote(cue_span.text)}")

    # -- safety rules --------------------------------------------------------------------

    def _rules(self, doc, sentences, index):
        sentence = sentences[index]
        by_topic: dict[str, list[Span]] = defaultdict(list)
        text = doc_text(doc)
        for span in sentence.items["topics"]:
            if self.topics[span.label_].is_rule and names_topic(span, text, self.mentions, True):
                by_topic[span.label_].append(span)
        for topic_id, named_spans in by_topic.items():
            excluded = self.frames[topic_id].sentence
            if excluded is not None and excluded.search(text, sentence.start, sentence.end):
                continue  # another gland's or condition's statement: "shrinks the meibomian glands"
            # Each stretch between semicolons or a contrast is its own statement: "two at once
            # is what the label warns against; it says never take two doses" makes two claims,
            # as does "some vitamin A in a multivitamin is okay, but skip big vitamin A doses".
            for spans in _contrast_groups(text, named_spans):
                yield from self._rule_claim(doc, sentences, index, topic_id, spans)

    def _rule_claim(self, doc, sentences, index, topic_id, spans):
        sentence = sentences[index]
        text = doc_text(doc)
        topic = self.topics[topic_id]
        # A false statement asserts itself; other rules take the stance of their sentence,
        # less a cue inside a question the sentence asks about words outside it ("in
        # pregnancy, know what medicines are safe": it asks, it does not permit).
        scopes = doc._.context_scopes
        asked = context_at(scopes, spans[0].start_char, spans[0].end_char) == "question"
        # (a cue in brackets that do not hold the rule's words is the bracket's own: "Vitamin A
        # pills (ordinary meals are fine)" says nothing fine of the pills)
        bracket = _bracket_around(text, spans[0].start_char, sentence.start, sentence.end)
        cues = [c for c in sentence.items["stance"] if not _CONTRAST.search(
            text, *_between(c, spans[0])) and not _in_condition(text, c, spans[0], sentence)
            and (asked or context_at(scopes, c.start_char, c.end_char) != "question")
            and _bracket_around(text, c.start_char, sentence.start, sentence.end) in (None, bracket)]
        stance, cue = ("assert", None) if topic.implied == "assert" else _stance(cues, spans[0])
        stance = stance or topic.implied
        if not stance:
            return  # a mention without a stance is not a claim
        opening = _leads(text, sentence, spans[0].start_char)
        if stance != "assert" and opening and any(
                d.start_char == spans[0].start_char for d in sentence.items["drugs"]):
            return  # "Doxycycline is given for 12 weeks": the subject, not a rule's object
        # "doxycycline or any other of the tetracyclines": one claim over all its objects.
        start, end = spans[0].start_char, spans[-1].end_char
        named = {d.label_ for d in sentence.items["drugs"] for o in spans
                 if d.start_char < o.end_char and o.start_char < d.end_char}
        drug = self._drug(doc, sentences, index, start, end, topic)
        if stance != "assert" and drug[0] in named:
            return  # "doxycycline is used alongside a cream": the object is the drug itself
        if stance == "permit" and named and not (
                _puts_together(text, sentence.start, sentence.end)
                or any(d.label_ == drug[0] for d in sentence.items["drugs"])):
            # A medicine named as what a combination rule permits is that rule's only when
            # the sentence puts the two together: "doxycycline is safe with isotretinoin";
            # not "minocycline is fine for several months" on a page that compares the
            # two. (A ban on it, "steer clear of doxycycline", is the rule on such a page.)
            return
        why = (f"rule: {_quote(spans[0].text)} with {_quote(cue.text)} ({stance})" if cue is not None
               else f"rule: {_quote(spans[0].text)} ({stance})")
        yield self._claim(doc, sentences, index, "safety", start, end, topic_id,
                          stance=stance, drug=drug, evidence=why)

    # -- worked examples -----------------------------------------------------------------

    def _arithmetic(self, doc, sentences, index, used):
        weights = [n.quantity for n in sentences[index].items["quantities"] if n.quantity.unit == "kg"]
        if not weights:
            return
        window = sentences[index:index + _EXAMPLE_WINDOW]
        # The next weight starts the next example: "Tom weighs 80 kg ... Ana weighs 50 kg ...";
        # the same weight again goes on with this one ("split over the same 80 kg, it reaches ...").
        ends = [k for k, w in enumerate(window) if k and any(
            n.quantity.unit == "kg" and n.quantity.low != weights[0].low for n in w.items["quantities"])]
        window = window[:ends[0]] if ends else window
        text = doc_text(doc)
        if not any(_states_a_result(text, s) for s in window):
            return
        quantities = [n.quantity for w in window for n in w.items["quantities"]]
        doses = {q.low for q in quantities if q.unit == "mg/day"}
        dose = next((q for q in quantities if q.unit == "mg/day"), None)
        # A rate ("7 mg/kg a week") is no result, and its period ("a week") no duration: each
        # rate's end, and where its period ends.
        periods = {q.end: period.end() for q in quantities
                   if q.unit == "mg/kg" and (period := _PER_PERIOD.match(text, q.end))}
        period_ends = set(periods.values())
        duration = next((q for q in quantities if q.unit == "day" and q.low > 0 and q.end not in period_ends), None)
        if dose is None or duration is None or duration.start in used:
            return
        if duration.qualifier in ("at_least", "more_than"):
            return  # "keep on for no less than 6 months to hit the target": an open time, no total
        if len(doses) > 1:
            return  # "40 mg a day, then 80 mg": the example's total is not one dose times days
        weight = weights[0]
        operands = [("weight_kg", weight.low), ("dose_mg_per_day", dose.low),
                    ("duration_days", duration.low)]
        # "40 to 60 mg a day", "20 to 24 weeks": the example spans a range of totals
        operands += [(name, q.high) for name, q in (("dose_mg_per_day_high", dose), ("duration_days_high", duration))
                     if q.high > q.low]
        stated = next((q for q in quantities if q.unit == "mg/kg" and q.end not in periods), None)
        if stated is not None:  # the example's own result: "reaches 150 mg/kg"
            operands += [("stated_low", stated.low), ("stated_high", stated.high)]
        elif (target := _last_before(doc, "mg/kg", weight.start)) is not None:
            operands += [("target_low", target.low), ("target_high", target.high)]
        used.update(q.start for q in (weight, dose, duration))
        yield self._claim(doc, sentences, index, "arithmetic", duration.start, duration.end,
                          "cumulative_dose", quantity=duration, operands=tuple(operands))

    # -- shared --------------------------------------------------------------------------

    def _claim(self, doc, sentences, index, kind, start, end, topic, quantity=None, stance="",
               operands=(), evidence: str = "", drug: tuple[str, str] | None = None,
               tie: str = "") -> tuple[Claim, Span]:
        # The sentence that holds the claim's words: a worked example found from its weight's
        # sentence may state its duration a sentence or two later.
        if not sentence_holds(sentences[index], start):
            index = max(index, bisect_right([s.start for s in sentences], start) - 1)
        sentence = sentences[index]
        # A rule's drug comes resolved (with the rule's topic kept out of the search for it).
        drug, drug_evidence = drug or self._drug(doc, sentences, index, start, end, None)
        claim = Claim(
            claim_id="",
            kind=kind,
            text=doc_text(doc)[start:end],
            start=start,
            end=end,
            sentence=self._sentence_text(doc, sentence),
            drug=drug,
            topic=topic,
            quantity=quantity,
            stance=stance,
            operands=operands,
            evidence="; ".join(part for part in (evidence, drug_evidence) if part),
            tie=tie,
        )
        span = doc.char_span(start, end, alignment_mode="expand")
        return claim, span

    def _drug(self, doc, sentences, index, start, end, exclude: Topic | None) -> tuple[str, str]:
        """The drug a claim is about, and the evidence for it."""
        text = doc_text(doc)

        opening = sentences[index].start

        def subject(span: Span) -> bool:  # "antibiotics directly kill": right before the claim's verb
            # or opening the sentence the claim ends ("Antibiotics help acne by killing bacteria")
            return bool(_SUBJECT_GAP.fullmatch(text, span.end_char, start)) or (
                span.end_char <= start and not _WORD_CHAR.search(text, opening, span.start_char))

        def usable(span: Span) -> bool:
            # The object of a rule ("with minocycline", "works like an antibiotic") is not the
            # drug the rule is about; its subject is ("antibiotics directly kill bacteria"). Nor
            # is another rule's object beside it: "do not take vitamin A or doxycycline".
            if exclude is not None and span.label_ in self.classes and subject(span):
                return True
            if exclude is not None and span.label_ != doc._.main_drug and self._is_rule_object(span) \
                    and not subject(span):
                return False
            return exclude is None or (text[span.start_char:span.end_char].lower() not in exclude.aliases
                                       and span.label_ not in self.classes  # "or other antibiotics"
                                       and not (span.start_char < end and start < span.end_char))

        column = self._table_drug(doc, sentences[index], start)
        if column:
            return column
        here = [s for s in sentences[index].items["drugs"] if usable(s)]
        if exclude is None:  # "two tests come first, and minocycline must not be taken with it": a
            # rule's object in a later clause is not what the number is about
            here = [s for s in here if not (s.start_char >= end and self._is_rule_object(s)
                                            and _CLAUSE_BREAK.search(text, end, s.start_char))]
        # "Stop the pill four weeks after the final dose; the three-year rule is acitretin's": a
        # drug named after a semicolon that follows the claim is its own clause's subject
        semicolon = text.find(";", end, sentences[index].end)
        if semicolon >= 0:
            here = [s for s in here if s.start_char < semicolon]
        # A named drug wins; a class ("antibiotics") only when it leads up to the claim ("a
        # course of antibiotics means a two-week deferral"), not when it trails it as a
        # comparison ("more than any antibiotic").
        # ... and never one that only names the field or purpose ("In acne treatment, doses start at").
        here = [s for s in here if s.label_ not in self.classes or subject(s)] or [
            s for s in here if s.end_char <= start and not (
                s.label_ in self.classes and _FIELD_BEFORE.search(text, max(0, s.start_char - 20), s.start_char))]
        if here:
            # "a two-month course of acitretin", "20 mg of doxycycline": the drug the number's own
            # noun is "of" is its drug, however near another stands before it
            owned = [s for s in here if s.start_char >= end and _OF_THE_DRUG.fullmatch(text, end, s.start_char)]
            if owned:
                return owned[0].label_, f"drug: {_quote(owned[0].text)} after the figure"
            nearest = min(here, key=lambda s: _distance(s.start_char, s.end_char, start, end))
            return nearest.label_, f"drug: {_quote(nearest.text)} in the sentence"
        label = self._line_label_drug(doc, sentences, index)
        if label is not None:
            return label.label_, f"drug: {_quote(label.text)} leads the line"
        if text[sentences[index].start:sentences[index].end].rstrip().endswith(":"):
            return "", ""  # "A two-day deferral applies to donors who take:": the list below names them
        if _OTHER_FORM_SUBJECT.match(text, sentences[index].start, start):
            return "", ""  # "A few spot creams are fine in pregnancy": its subject is another kind of product
        if _PILL_SUBJECT.match(text, sentences[index].start, start):
            return "", ""  # "The pill needs months to help": the contraceptive's own effect
        if _PLURAL_SUBJECT.match(text, sentences[index].start, sentences[index].end):
            return "", ""  # "These work by killing bacteria", "Most treatments try to reduce oil": a
            # sentence about several medicines names none of them
        if _LISTED_MEDICINES.search(text, sentences[index].start, sentences[index].end):
            return "", ""  # "any of these tablets", "the drugs named above": a list, not the page's one drug
        others_before = False
        if index > 0:
            named = sentences[index - 1].items["drugs"]
            previous = [s for s in named if s.label_ not in self.classes
                        and (s.label_ == doc._.main_drug or not self._is_rule_object(s))]
            # "... the antibiotic is stopped and benzoyl peroxide keeps it going. Courses longer
            # than 4 months ...": beside a class, a drug named before is no clearer a subject.
            if previous and not any(s.label_ in self.classes for s in named):
                return previous[-1].label_, f"drug: {_quote(previous[-1].text)} in the sentence before"
            # Nor is the main drug, when that sentence names others and not it, nor a class that
            # holds it ("the antibiotic is stopped" can be the page's doxycycline).
            others_before = bool(previous) and not any(
                s.label_ == doc._.main_drug or doc._.main_drug in self.members.get(s.label_, ()) for s in named)
        leader = self._label_run_drug(doc, sentences, index)
        if leader is not None:
            return leader.label_, f"drug: {_quote(leader.text)} leads the list"
        section = self._section_heading(doc, sentences, index)
        heading = self._heading_drug(sentences, section)
        if heading is not None:
            return heading.label_, f"drug: {_quote(heading.text)} in the section's heading"
        if exclude is None and self._under_other_class(doc, sentences, section):
            # "## Oral antibiotics / - The usual course is 3 months": a figure of that class, not
            # of the page's retinoid (a rule's class is its object: "take it with an antibiotic")
            return "", ""
        if doc._.main_drug and not sentences[index].under_other_medicine and not others_before:
            return doc._.main_drug, doc._.main_drug_evidence or _MAIN_DRUG
        return "", ""

    def _table_drug(self, doc, sentence, start: int) -> tuple[str, str] | None:
        """In a table row ("| Course length | 4-6 months | 3 months |"), the drug its column's
        header names, with the evidence; None outside a table or under a header naming none."""
        text = doc_text(doc)
        # A table row is a line, and every line break ends a sentence: the row is the sentence,
        # so nothing here reads more than the claim's own sentence.
        if text.count("|", sentence.start, sentence.end) < 2:
            return None
        line_start = text.rfind("\n", sentence.start - 1 if sentence.start else 0, start) + 1
        line_start = max(line_start, sentence.start)
        column = text.count("|", line_start, start)
        header = None
        for candidate in _lines_above(text, line_start, _TABLE_REACH):
            if candidate.count("|") < 2:
                break
            if not set(candidate.replace("|", "").strip()) <= set("-: "):  # not the |---| rule
                header = candidate
        cells = header.split("|") if header else []
        if column >= len(cells):
            return None
        drug, name = self.reference.drug_named_in(cells[column])
        return (drug, f"drug: {_quote(name)} heads the table's column") if drug else None

    def _line_label_drug(self, doc, sentences, index) -> Span | None:
        """The drug that labels the claim's line, as a comparison's list item does
        ("- Isotretinoin: a retinoid. Courses run 16 to 24 weeks."): a drug's name at the
        line's start (after any bullet), then a colon; it speaks for every sentence of the line."""
        text = doc_text(doc)
        k = _first_on_line(doc, text, sentences)[index]
        if k == index:  # the claim's own sentence opens the line: its drugs were read already
            return None
        line_start = text.rfind("\n", 0, sentences[k].start) + 1
        for span in sentences[k].items["drugs"]:
            if (span.label_ not in self.classes and span.start_char >= line_start
                    and _LINE_LABEL_LEAD.fullmatch(text, line_start, span.start_char)
                    and _LINE_LABEL_COLON.match(text, span.end_char)):
                return span
        return None

    def _other_condition(self, topic: str, text: str) -> bool:
        """Whether the page's opening names a condition the topic's figures are never acne's in."""
        frame = self.frames.get(topic)
        return bool(frame and frame.sentence and frame.sentence.search(text, 0, _PAGE_OPENING))

    def _label_run_drug(self, doc, sentences, index) -> Span | None:
        """The drug of the list item a run of label lines hangs from: "- Isotretinoin, for
        scarring acne / - Dose: 40 mg a day / - Course: 16 to 20 weeks". Each label
        line ("Dose:", "Time to improvement:") speaks for the one drug the line above the run
        names; None when the claim's line is no label line or the run hangs from no one drug."""
        text = doc_text(doc)
        if not _own_label_line(text, sentences[index]):
            return None
        k = index - 1
        while k >= 0 and index - k <= _LABEL_RUN_REACH and _LINE_GAP.fullmatch(
                text, sentences[k].end, sentences[k + 1].start):
            if _own_label_line(text, sentences[k]) and not sentences[k].items["drugs"]:
                k -= 1
                continue
            start = sentences[k].start
            if not (_opens_line(text, start) and _BULLET.match(text, start)):
                return None  # the run hangs from prose or a heading, which other rules read
            named = [s for s in sentences[k].items["drugs"] if s.label_ not in self.classes]
            return named[0] if named and len({s.label_ for s in named}) == 1 else None
        return None

    @staticmethod
    def _section_heading(doc, sentences, index) -> int | None:
        """The index of the heading of the section the sentence stands in: the nearest short
        line above it with no closing punctuation, within _SECTION_REACH sentences. A shop's price
        line that names no drug ("From £24.99 · 28 tablets") is passed over: it is no heading."""
        text = doc_text(doc)
        for k in range(index - 1, max(index - _SECTION_REACH, -1), -1):
            sentence = sentences[k]
            line = _heading(text[sentence.start:sentence.end])
            if line and not (_PRICE_LINE.search(line) and not sentence.items["drugs"]):
                return k
        return None

    def _heading_drug(self, sentences, section: int | None) -> Span | None:
        """The drug a section is about: the one drug its heading names ("## Doxycycline")."""
        if section is None:
            return None
        named = [s for s in sentences[section].items["drugs"] if s.label_ not in self.classes]
        return named[0] if len({s.label_ for s in named}) == 1 else None

    def _under_other_class(self, doc, sentences, section: int | None) -> bool:
        """Whether the section's heading names only drug classes ("Oral antibiotics"), none of
        which holds the page's main drug: its figures are that class's."""
        if section is None:
            return False
        named = sentences[section].items["drugs"]
        return bool(named) and all(
            s.label_ in self.classes and doc._.main_drug not in self.members.get(s.label_, ())
            for s in named)

    def _is_rule_object(self, span: Span) -> bool:
        return span.text.lower() in self.rule_words


_LINE_LABEL_LEAD = re.compile(r"[\s*•·\-\u2013\u2014>#\d.)]*")  # a bullet, number or markup, or nothing
_LINE_LABEL_COLON = re.compile(r"\s*(?:\([^()\n]{0,40}\)\s*)?[:\u2013\u2014]")  # "Isotretinoin (Accutane):"


# A sentence about a list of medicines names none of them: "if you take any of these tablets",
# "the drugs named above".
_LISTED_MEDICINES = re.compile(
    r"\b(?:any|each|one|all) of (?:the|these|those) (?:medicines|medications|drugs|tablets)\b"
    r"|\b(?:medicines|medications|drugs|tablets) (?:listed|named|mentioned) (?:above|below|here)\b",
    re.IGNORECASE)
_PRICE_LINE = re.compile(r"[$£€₹]\s?\d|\d\s?(?:USD|GBP|EUR|Rs)\b")  # a price in a short line
_PAGE_OPENING = 300  # characters: a page's title and first lines, which say what it is about
_NAMES_ACNE = re.compile(r"\bacne\b(?!\s+rosacea)", re.IGNORECASE)  # "acne rosacea" is rosacea
_LABEL_RUN_REACH = 8  # label lines a run may hold above a claim
_INDENT = 40  # characters of indent a list line may have before its bullet
_LINE_GAP = re.compile(r"[ \t]*(?:\n[ \t]*){0,2}")  # the same line, or the next, or one blank line between
_BULLET_MARK = r"(?:[*•·\-\u2013]|\d{1,2}[.)])"  # a list item's bullet or number
_BULLET = re.compile(rf"[ \t]*{_BULLET_MARK}[ \t]+")
# A label line: a bullet (or none), a short label, a colon ("- Dose: 20 mg", "Time to improvement: 3 months").
_LABEL_LINE = re.compile(rf"[ \t]*(?:{_BULLET_MARK}[ \t]+)?[A-Za-z][A-Za-z' /&-]{{0,40}}:[ \t]")


_LINE_FIRST_KEY = "auditor_first_sentence_on_line"


def _first_on_line(doc, text: str, sentences) -> list[int]:
    """For each sentence, the index of the first sentence on its line: worked out once per page
    (kept in `user_data`), so a page of one long line costs no more per sentence."""
    cached = doc.user_data.get(_LINE_FIRST_KEY)
    if cached is not None and len(cached) == len(sentences):
        return cached
    first, current = [], 0
    for k, sentence in enumerate(sentences):
        if k and "\n" in text[sentences[k - 1].start:sentence.start]:
            current = k
        first.append(current)
    doc.user_data[_LINE_FIRST_KEY] = first
    return first


def _opens_line(text: str, start: int) -> bool:
    """Whether only spaces stand between the line's start and `start` (looked for a few
    characters back only, so that a page of one long line costs no more per sentence)."""
    low = max(0, start - _INDENT)
    newline = text.rfind("\n", low, start)
    return (newline >= 0 or low == 0) and not text[newline + 1:start].strip()


def _own_label_line(text: str, sentence) -> bool:
    """Whether the sentence opens its line with a label and a colon."""
    return _opens_line(text, sentence.start) and bool(_LABEL_LINE.match(text, sentence.start))


def _heading(line: str) -> str:
    """The line's words if it is a heading (a short line with no closing punctuation), else ""."""
    line = line.strip(" \t\n#*-")
    return line if line and len(line) <= _HEADING_LENGTH and line[-1] not in ".!?:;," else ""


def _names_other_medicine(line: str) -> bool:
    """A heading that names a medicine by its use ("Anxiety medication")."""
    heading = _heading(line)
    return bool(heading) and bool(_OTHER_MEDICINE.search(heading))


def head_spans(spans) -> list:
    """The spans that are not a modifier inside a longer one: a span inside another that goes on
    past its end is dropped ("pregnancy" in "a pregnancy test" names a test); one that ends where
    the longer one ends (its head) is kept ("contraception" in "two forms of contraception")."""
    kept, reach = [], -1
    for span in sorted(spans, key=lambda s: (s.start_char, -s.end_char)):
        if reach <= span.end_char:
            kept.append(span)
        reach = max(reach, span.end_char)
    return kept


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if a_start < b_end and b_start < a_end:
        return 0
    return b_start - a_end if a_end <= b_start else a_start - b_end


def _leads(text: str, sentence, start: int) -> bool:
    """Whether only list or heading marks stand between the sentence's start and `start`."""
    return not text[sentence.start:start].strip(_LINE_MARKS)


def _anchors_the_cue(text: str, sentence, quantity: Quantity, cue_span: Span) -> bool:
    """Whether a time before a window cue is the window the cue anchors: right before it ("for
    six months once you finish"), or a line's label ("1 month: the gap before giving blood once
    your course ends")."""
    if quantity.unit != "day" or quantity.end > cue_span.start_char:
        return False
    return not text[quantity.end:cue_span.start_char].strip() or bool(
        _LABEL_NUMBER.match(text, quantity.end) and _leads(text, sentence, quantity.start))


_BAN_REACH = 8  # tokens from a ban ("do not take") to the object it governs


_ASIDE_REACH = 200  # characters either side: a bracketed aside is short


def _bracket_around(text: str, at: int, start: int, end: int) -> int | None:
    """Where the bracket that holds `at` opens, within start..end and a short aside's reach, or None."""
    opening = text.rfind("(", max(start, at - _ASIDE_REACH), at)
    if opening < 0 or text.find(")", opening, at) >= 0:
        return None
    return opening if text.find(")", at, min(end, at + _ASIDE_REACH)) >= 0 else None


_JOINING_CUES = frozenset({"together with", "alongside"})


def _stance(cues: list[Span], target: Span) -> tuple[str, Span | None]:
    """The stance of the cue nearest the rule phrase, and that cue; "never combine it with"
    prohibits."""
    if not cues:
        return "", None
    # "together with" and "alongside" only join two things: a stance the sentence states besides
    # them is its stance ("vitamin A pills together with it increase the toxicity")
    stated = [c for c in cues if c.text.lower() not in _JOINING_CUES]
    nearest = min(stated or cues, key=lambda s: _distance(s.start_char, s.end_char, target.start_char,
                                                          target.end_char))
    if nearest.label_ == "permit":
        before = [c for c in cues if c.label_ == "prohibit" and c.end <= nearest.start
                  and nearest.start - c.end <= 4]
        if before:
            return "prohibit", before[-1]
        # "Never use fish oil or minocycline alongside it": a ban before the rule's
        # object governs the "alongside" (or "together with") after it
        leading = [c for c in cues if c.label_ == "prohibit" and c.end <= target.start
                   and target.start - c.end <= _BAN_REACH] if nearest.start >= target.end else []
        if leading:
            return "prohibit", leading[-1]
    return nearest.label_, nearest


def _a_total(text: str, quantity: Quantity) -> bool:
    """A course's total in mg/kg: not a daily dose ("1 mg/kg"), not a rate ("17 mg/kg each month")."""
    return (quantity.unit == "mg/kg" and quantity.low >= _DAILY_CEILING
            and not _PER_PERIOD.match(text, quantity.end))


def _states_a_result(text: str, sentence: _Sentence) -> bool:
    """Does the sentence give a worked example's result: a verb of reaching with "total",
    "cumulative" or "target", or with a figure in mg/kg after it that the example's own
    person reaches?"""
    if _REACHES.search(text, sentence.start, sentence.end) and _ARITHMETIC_CUE.search(
            text, sentence.start, sentence.end):
        return True
    results = [n.quantity.start for n in sentence.items["quantities"]
               if _a_total(text, n.quantity)]
    return bool(results) and any(
        any(r >= verb.end() for r in results) and not _GENERIC_REACHER.search(text, sentence.start, verb.start())
        for verb in _REACHES_RESULT.finditer(text, sentence.start, sentence.end))


def _last_before(doc: Doc, unit: str, position: int) -> Quantity | None:
    found = None
    for span in doc.spans.get("quantities", []):
        quantity = span._.quantity
        if quantity.start >= position:
            break
        if quantity.unit == unit:
            found = quantity
    return found


def names_topic(span, text: str, rules: dict, in_claim: bool = False) -> bool:
    """Whether a topic's words name it; `rules` from `mention_rules`. A `mention` frame rules
    them out ("a retinoid derived from vitamin A" describes a drug, not a supplement). A weak
    alias ("treatment") names its topic only `in_claim`."""
    rule = rules.get(span.label_)
    if rule is None:
        return True
    weak, before, after = rule
    start, end = span.start_char, span.end_char
    if not in_claim and text[start:end].lower() in weak:
        return False
    return before is None or not (before.search(text, max(0, start - _MENTION_NEAR), start)
                                  or after.match(text, end, end + _MENTION_NEAR))


_MENTION_NEAR = 40  # characters either side of a topic's words searched for a `mention` frame


@lru_cache(maxsize=8)  # a reference's rules, compiled once (references are few per process)
def mention_rules(reference: Reference) -> dict[str, tuple]:
    """topic -> (its weak aliases, the `mention` words that end right before its words, those
    that start right after them), for the topics that have either."""
    phrases: dict[str, list[str]] = {}
    for rule in reference.frames:
        if rule.where == "mention":
            phrases.setdefault(rule.topic, []).append(rule.phrase)
    rules = {}
    for name, topic in reference.topics.items():
        words = phrases.get(name)
        if topic.weak or words:
            alternation = phrase_alternation(words) if words else ""
            rules[name] = (
                topic.weak,
                re.compile(rf"(?:{alternation})\W*(?:{WORD}+\W+)?$", re.IGNORECASE) if words else None,
                re.compile(rf"\W*(?:{alternation})", re.IGNORECASE) if words else None)
    return rules


@dataclass(frozen=True, slots=True)
class _Frame:
    """A topic's frame (`frames.csv`), compiled: what rules a number out, what it needs."""

    before: re.Pattern | None
    after: re.Pattern | None
    clause: re.Pattern | None
    requires: re.Pattern | None
    label: re.Pattern | None
    sentence: re.Pattern | None = None
    # `before` phrases as written: one that is the number's own qualifier ("within 6 weeks")
    # rules it out as one before it would
    before_words: frozenset = frozenset()
    labelled: re.Pattern | None = None  # `before` phrases that end in a colon, a label: "follow-up:"

    @classmethod
    def build(cls, rules, topic: str) -> _Frame:
        def pattern(where: str, effect: str, shape: str, labels: bool = False) -> re.Pattern | None:
            phrases = [r.phrase for r in rules if r.topic in (topic, "*") and r.where == where
                       and r.effect == effect and (r.topic == topic or where != "clause" or effect != "requires")
                       and (not labels or r.phrase.endswith(":"))]
            return re.compile(shape.format(phrase_alternation(phrases)), re.IGNORECASE) if phrases else None

        return cls(
            before=pattern("before", "excludes", r"(?:{})\W+(?:" + WORD + r"+\W+)?$"),
            after=pattern("after", "excludes", r"\W*(?:" + WORD + r"+\W+){{0,2}}?(?:{})"),
            clause=pattern("clause", "excludes", r"{}"),
            requires=pattern("clause", "requires", r"{}"),
            label=pattern("label", "excludes", r"(?:{})\s+\w"),
            sentence=pattern("sentence", "excludes", r"\b(?:{})"),
            before_words=frozenset(r.phrase for r in rules if r.topic in (topic, "*") and r.where == "before"
                                   and r.effect == "excludes" and not r.phrase.endswith("*")),
            labelled=pattern("before", "excludes", r"(?:{})\s*$", labels=True),
        )

    def fits(self, text: str, quantity: Quantity, clause: tuple[int, int], alias: Span | None,
             sentence: tuple[int, int] | None = None, bracket: int | None = None) -> bool:
        """Whether the number at `quantity`, in `clause` (of `sentence`), can be about this topic.
        `bracket`: where the brackets around the number close, when its clause reaches past them
        (the words right after them are then no words "after" it)."""
        if self.sentence and sentence and self.sentence.search(text, *sentence):
            return False  # "In rosacea, it cleared 97%": another condition's figure, however far
        start, end = clause
        if self.label and self.label.match(quantity.text, _LEADING_QUALIFIER.match(quantity.text).end()):
            return False  # "weeks 4 to 8 of treatment": a stretch of the timeline, not its length
        if self.before and self.before.search(text[max(start, quantity.start - _NEAR):quantity.start]):
            return False
        # a label's colon ends a clause, but the label still names the number: "follow-up: 20 weeks"
        if self.labelled and sentence and self.labelled.search(
                text[max(sentence[0], quantity.start - _NEAR):quantity.start]):
            return False
        own = _OWN_QUALIFIER.match(quantity.text)  # "within", not a range's "between"
        if own and " ".join(own.group().lower().split()) in self.before_words:
            return False
        stop = bracket or end
        if not bracket and (comma := _COMMA_RIGHT_AFTER.match(text, quantity.end)) and comma.end() > end:
            # a comma right after the number, then "followed by" or "then", opens the next step of
            # what the number is a step of, up to the next clause's end: "for 3 months, followed
            # by a taper" ("for 12 weeks, after which ..." stays the course)
            following = _CLAUSE_OR_SENTENCE_END.search(text, comma.end(), quantity.end + _NEAR)
            stop = following.start() if following else quantity.end + _NEAR
        if self.after and self.after.match(text[quantity.end:min(stop, quantity.end + _NEAR)]):
            return False
        if alias is not None and alias.end_char <= quantity.start:
            start = min(start, alias.start_char)  # "oil falls, by two-thirds": from the alias on
        around = text[start:end]  # with the number: "one in five" counts people itself
        if alias is not None and alias.start_char >= end:  # an alias in a later clause
            # its words count up to it, unless another number stands between or in the alias's
            # own clause: then the alias is that number's ("sometimes a year, but most see
            # results in four months": the results are the four months')
            stop = _CLAUSE_OR_SENTENCE_END.search(text, alias.end_char, alias.end_char + _NEAR)
            if next(number_matches(text[end:stop.start() if stop else alias.end_char + _NEAR]),
                    None) is not None:  # the quantity parser's own scan
                return False
            around += " " + text[end:alias.end_char]
        if self.clause and self.clause.search(around + (after := _bracket_after(text, end))) \
                and not self._told_after_the_exclusion(text, start, end, quantity, after):
            return False
        if self.requires and _QUANTIFIER.search(quantity.text) and (
                quantified := _QUANTIFIED.match(text, quantity.end, end)):
            return bool(self.requires.search(quantified.group()))
        if not self.requires or self.requires.search(around):
            return True
        # "94% improved", "85% are clear": a share that is the subject of the topic's own verb
        # counts the people who did it.
        return alias is not None and alias.start_char >= quantity.end and bool(
            _SUBJECT_OF.fullmatch(text, quantity.end, alias.start_char))

    def _told_after_the_exclusion(self, text: str, start: int, end: int, quantity: Quantity, after: str) -> bool:
        """Whether a second verb, joined by "and" or "but" after its clause's last excluding word,
        tells the time before it: "the purge appears in week one and can last 6 weeks" tells how
        long it lasts, however its onset was told first. `after`: the bracketed words after the
        clause, which the exclusion also reads."""
        if quantity.unit != "day" or not self.requires:
            return False
        if self.clause.search(text, quantity.start, end) or self.clause.search(after):
            return False
        last = max((m.end() for m in self.clause.finditer(text, start, quantity.start)), default=None)
        joined = last is not None and _JOINED_VERB.search(text, last, quantity.start)
        return bool(joined) and bool(self.requires.search(text, joined.end(), quantity.start))


# A cream or gel "alongside it" is a topical that goes with the tablet the sentence names ("lymecycline,
# and a wash alongside it"), no combination with the page's drug.
_TOPICAL_ALONGSIDE = re.compile(r"\b(?:gels?|creams?|lotions?|washe?s?|ointments?|serums?|topicals?)\s+"
                                r"(?:alongside|with|together with|on top of)\s+(?:it|them)\b", re.IGNORECASE)


def _puts_together(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] puts two medicines together ("take it with", "combined"), a topical
    beside a tablet aside."""
    asides = [m.span() for m in _TOPICAL_ALONGSIDE.finditer(text, start, end)]
    return any(not any(low <= m.start() < high for low, high in asides)
               for m in _COMBINED.finditer(text, start, end))


def _contrast_groups(text: str, spans: list[Span]) -> list[list[Span]]:
    """A sentence's aliases of one rule, in runs that no semicolon or contrast ("but",
    "whereas") parts."""
    groups = [[spans[0]]]
    for span in spans[1:]:
        if _CONTRAST.search(text, groups[-1][-1].end_char, span.start_char):
            groups.append([span])
        else:
            groups[-1].append(span)
    return groups


_JOINED_VERB = re.compile(r"\b(?:and|but)\s", re.IGNORECASE)  # "appears early and can last"

# Outcomes stronger than an improvement: a share of people who had one "or" improved counts both.
_STRONGER_OUTCOMES = frozenset(("cure_rate", "clearance_rate"))
# the first side may name what cleared, the second open with a word its alias leaves out: "or much
# improved", "or a marked improvement"
_OR_BETWEEN = re.compile(r"(?:\s+of\s+(?:[^\W\d_]+\s+){0,2}?[^\W\d_]+)?"  # "complete clearance of their acne"
                         r"\s+(?:either\s+)?(?:or|and/or)\s+(?:(?:a|an)\s+)?(?:[^\W\d_]+\s+)?", re.IGNORECASE)


def _joined_by_or(text: str, span: Span, other: Span) -> bool:
    """Whether two outcomes' words are the two sides of an "or": "either cleared or much improved"."""
    first, second = sorted((span, other), key=lambda s: s.start_char)
    return bool(_OR_BETWEEN.fullmatch(text, first.end_char, second.start_char))


# a comma right after a number that "followed by" or "then" goes on from: the next step of a regimen
_COMMA_RIGHT_AFTER = re.compile(r"\s*,\s*(?=(?:followed\s+by|then)\b)", re.IGNORECASE)
# a bracket that opens where a number's clause ends with a price in it: "a 3-month course (£34.50)"
_PRICE_BRACKET = re.compile(rf"\s*[(\[]\s*(?:from\s+|only\s+)?(?:[$£€₹]|rs\.?\s*|inr\s*|usd\s*)\d"
                            rf"[^()\[\]]{{0,{_NEAR}}}[)\]]", re.IGNORECASE)


def _bracket_after(text: str, end: int) -> str:
    """A price in brackets right after a number's clause, read with the clause: a shop's line
    prices the pack its number names ("2-month course (£4.68)", "90-day supply [$24]"), and the
    frame's words for a price rule the number out as they would in the clause."""
    bracket = _PRICE_BRACKET.match(text, end)
    return " " + bracket.group().strip() if bracket else ""


def names_in_passing(doc: Doc, drug: str) -> bool:
    """Whether the page names `drug` only in passing: at most `_IN_PASSING` times in a body of
    `_IN_PASSING_TOKENS` tokens or more, counting the words that point back to a page's one drug
    ("the drug", "your capsules"), and not in its title or address (a page titled for the drug
    is about it). A salon's list of contraindications names Accutane once; a news story about
    it names it and then says "the drug"; a two-line note that names it once is about it."""
    if doc._.page_drug == drug or len(doc) < _IN_PASSING_TOKENS:
        return False
    named = sum(1 for span in doc.spans.get("drugs", []) if span.label_ == drug)
    if named > _IN_PASSING:
        return False
    pointers = doc.user_data.get(_POINTERS_KEY)
    if pointers is None:  # once a page, however many of its numbers ask
        pointers = doc.user_data[_POINTERS_KEY] = sum(1 for _ in _BACK_TO_THE_DRUG.finditer(doc_text(doc)))
    return named + pointers <= _IN_PASSING


# Times that follow from an amount taken: a course runs until its total is reached.
_WORKED_OUT = frozenset(("course_length",))
_AMOUNTS = frozenset(("mg", "mg/day", "mg/kg", "mg/kg/day", "count"))  # a dose, a number of packs: no weight
_SUPPOSITION_END = re.compile(r",|\bthen\b", re.IGNORECASE)


def _supposes_an_amount(text: str, sentence, quantity: Quantity) -> bool:
    """Whether the sentence opens with an "if" clause that holds an amount taken (a dose, a number
    of packs; not a time or a body weight) and the number stands after that clause."""
    opening = _CONDITION.match(text, sentence.start)
    if opening is None:
        return False
    end = _SUPPOSITION_END.search(text, opening.end(), quantity.start)
    return end is not None and any(
        opening.end() <= other.start_char < end.start() and other.quantity.unit in _AMOUNTS
        for other in sentence.items["quantities"])


def _has_own_number(text: str, span: Span, quantity: Quantity, sentence) -> bool:
    """Whether the clause of a topic's words holds another number of `quantity`'s unit: that
    number is the topic's, and a time in another clause is not. (Shares are not held to this:
    "roughly 25%, and in some studies as many as 44%" gives one rate twice.)"""
    low, high = _clause(text, span.start_char, span.end_char, sentence.start, sentence.end)
    return any(other.quantity.unit == quantity.unit and low <= other.start_char < high
               and other.start_char != quantity.start for other in sentence.items["quantities"])


def _has_own_share(text: str, span: Span, quantity: Quantity, sentence) -> bool:
    """Whether a semicolon stands between a topic's words and a later share, and the topic's list
    item (its words up to that semicolon, brackets included) holds a share of its own: in
    "triglycerides up in 40 of 150 (27%); dry eyes in 8%", 8% is the dry eyes'."""
    semicolon = text.find(";", span.end_char, quantity.start)
    if semicolon < 0:
        return False
    low = _clause(text, span.start_char, span.end_char, sentence.start, sentence.end)[0]
    return any(other.quantity.unit == "%" and low <= other.start_char < semicolon
               for other in sentence.items["quantities"])


def _event_after(text: str, quantity: Quantity, sentence) -> tuple[int, int] | None:
    """The words of an event a time is counted from, right after it ("two weeks after Botox",
    "5 days before the peel"), unless they name a drug; else None. A topic whose own words
    stand there is no other event ("six weeks before waxing" is the window before waxing), and
    the caller checks that, and the course's anchors."""
    side = _SIDE_OF_AN_EVENT.match(text, quantity.end, sentence.end)
    if side is None:
        return None
    stop = _CLAUSE_OR_SENTENCE_END.search(text, side.end(), sentence.end)
    limit = stop.start() if stop else sentence.end
    words = _EVENT_CLAUSE.match(text, side.end(), limit) or _EVENT_WORDS.match(text, side.end(), limit)
    if words is None:
        return None  # "1 month after | avoid": no words, no event
    if any(side.end() <= d.start_char < words.end() for d in sentence.items["drugs"]):
        return None
    return side.end(), words.end()


def _modifies_a_noun(text: str, quantity: Quantity) -> bool:
    """"a typical 4-6 month course": a time, its unit left singular, before the noun it describes."""
    return bool(_SINGULAR_TIME.search(quantity.text)) and bool(_MODIFIED_WORD.match(text, quantity.end))


def _in_list_item(text: str, span: Span, sentence, low: int, high: int) -> bool:
    """Whether an alias stands in a middle item of a list whose next item holds the number:
    "at night, through the treatment, or for 3 days" (not "keep the course short, and ...")."""
    start, _ = _clause(text, span.start_char, span.end_char, sentence.start, sentence.end)
    return start > sentence.start and text[start - 1] == "," and bool(_LIST_ITEM.search(text, low, high))


def _with_partner(text: str, quantity: Quantity, numbers: list[_Number]) -> Quantity:
    """The quantity reaching to the end of the one it is coordinated with ("1 week and 1 month"),
    whose following words frame both; else the quantity itself."""
    for number in numbers:
        other = number.quantity
        if other.start >= quantity.end:
            if other.unit == quantity.unit and _COORDINATED.fullmatch(text, quantity.end, other.start):
                return replace(quantity, end=other.end)
            break
    return quantity


@lru_cache(maxsize=1024)  # the window after a number is looked at by several rules
def _match_at(pattern: re.Pattern, text: str, start: int, limit: int) -> re.Match | None:
    return pattern.match(text, start, limit)


def _ends_the_course(cue: str) -> bool:
    """Whether a window cue is the course's end ("once you stop"), not a rule running up to it
    ("until you finish", "only needed while")."""
    return not cue.startswith(("until", "only", "needed"))


def _crosses_clause(text: str, low: int, high: int) -> bool:
    """Whether a clause break stands in text[low:high], a closed bracketed aside aside."""
    return low < high and bool(_CLAUSE_BREAK.search(_ASIDE.sub(" ", text[low:high])))


@lru_cache(maxsize=1024)  # a number's clause is asked for by several rules
def _clause(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[int, int]:
    """The clause around text[start:end]: between clause breaks, within the sentence."""
    low, reach = max(sentence_start, start - 200), min(sentence_end, end + 200)
    breaks = list(_CLAUSE_BREAK.finditer(text, low, start))
    after = _CLAUSE_BREAK.search(text, end, reach)
    if (breaks and after and breaks[-1].group().strip() == after.group().strip() in (",", "–", "—", "-")
            and _APPOSITION_LEAD.fullmatch(text, breaks[-1].end(), start) and not text[end:after.start()].strip()):
        # a figure set off by commas or dashes after the noun it counts ("nearly all patients, 98%,
        # were clear"): an aside in the clause around it, not a clause of its own
        breaks.pop()
        after = _CLAUSE_BREAK.search(text, after.end(), reach)
    return (breaks[-1].end() if breaks else low), (after.start() if after else reach)


def _as_daily(text: str, quantity: Quantity, clause: tuple[int, int]) -> Quantity:
    """A dose in mg/kg that can only be daily ("1 mg/kg once a day") as mg/kg/day; and one "per
    day" that only a total reaches, named as a total right before it, as mg/kg ("a cumulative
    total of 130 mg/kg per day": its "per day" a slip)."""
    if quantity.unit not in ("mg/kg", "mg/kg/day"):
        return quantity  # every number passes here: read no words for the others
    total = _TOTAL_WORDS.search(text, max(clause[0], quantity.start - _TOTAL_NEAR), quantity.start)
    # a total named right before it ("a cumulative 5 mg/kg"), not one of another number in its
    # clause ("taken over a total of 20 weeks at 0.5 mg/kg")
    total = total is not None and not any(ch.isdigit() for ch in text[total.end():quantity.start])
    if quantity.unit == "mg/kg/day" and quantity.low >= _DAILY_CEILING and total:
        return replace(quantity, unit="mg/kg")
    if quantity.unit != "mg/kg":
        return quantity
    if total or _PER_PERIOD.match(text, quantity.end):  # "7 mg/kg a week": a rate
        return quantity
    if quantity.high < _DAILY_CEILING:  # "150 mg/kg" beside "40 mg a day" is still a total
        return replace(quantity, unit="mg/kg/day")
    return quantity


def sentence_holds(sentence: _Sentence, position: int) -> bool:
    return sentence.start <= position < sentence.end


def _in_condition(text: str, cue: Span, rule: Span, sentence) -> bool:
    """Whether a stance cue sits in an "if"/"unless" clause the rule phrase is outside of: "if you
    do not remember until your next dose, double it" does not forbid doubling."""
    low, high = _clause(text, cue.start_char, cue.end_char, sentence.start, sentence.end)
    return bool(_CONDITION.match(text, low)) and not low <= rule.start_char < high


def _between(a: Span, b: Span) -> tuple[int, int]:
    """The characters between two spans that do not overlap (an empty range if they do)."""
    if a.end_char <= b.start_char:
        return a.end_char, b.start_char
    if b.end_char <= a.start_char:
        return b.end_char, a.start_char
    return a.start_char, a.start_char


def _lines_above(text: str, position: int, reach: int):
    """The lines above the one that starts at `position`, nearest first, at most `reach`."""
    end = position - 1
    for _ in range(reach):
        if end < 0:
            return
        start = text.rfind("\n", 0, end) + 1
        yield text[start:end]
        end = start - 1
