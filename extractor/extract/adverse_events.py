"""Extractor: adverse events (term as written, CTCAE grades, patients with it, percent, dose-limiting, group).

How abstracts name toxicities, and what this module reads:
- a known term (extractor/data/ae_terms.txt, hand-compiled from CTCAE v5 and abstract usage): "neutropenia";
- a category term, a modifier before symptoms/abnormalities/toxicity/reactions: "flu-like symptoms",
  "leukocyte abnormalities", "hematologic toxicity";
- an umbrella term ("treatment-related adverse events") only with a percent: alone it names no event;
- lists after a head ("The most common AEs included ...", "DLTs were ...", "Grade 3-4 toxicities included
  ..."): items inherit the head's grades and its dose-limiting flag; lab names CTCAE v3 used as terms
  ("platelets", "hemoglobin") count only there.
Only sentences about toxicity are read (a cue word, or an occurrence verb in a document that speaks of
toxicity); background, aims and eligibility are skipped, and an event named as absent ("no grade 4
toxicity", "without fever") is not an event. Prefer missing a fact to inventing one.
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import regex
from spacy.tokens import Doc

from ..annotate import sentence_bounds
from ..models import AdverseEvent
from .sections import first_body_heading
from .numbers import DECIMAL, NUMBER_WORD, parse_number

if TYPE_CHECKING:
    from . import Found

_DATA = Path(__file__).resolve().parents[1] / "data" / "ae_terms.txt"


def _load_terms() -> tuple[list[str], set[str], list[str]]:
    terms, list_only, labs = [], set(), []
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, _, tag = line.partition("\t")
        term = term.strip().lower()
        if tag.strip() == "lab":
            labs.append(term)
            continue
        terms.append(term)
        if tag.strip() == "list":
            list_only.add(term)
    return terms, list_only, labs


_TERMS, _LIST_ONLY, _LABS = _load_terms()


def _term_pattern(term: str) -> str:
    # spaces and hyphens are interchangeable in abstracts ("flu like", "hand-foot", "hand foot")
    parts = [regex.escape(p) for p in regex.split(r"[\s-]+", term)]
    return r"[\s-]+".join(parts)


# longest first so "febrile neutropenia" wins over "neutropenia"; plural "s"/"es" optional
TERM_RE = regex.compile(
    r"(?<![\w-])(?:" + "|".join(_term_pattern(t) for t in sorted(set(_TERMS), key=len, reverse=True))
    + r")(?:e?s)?(?![\w-])",
    regex.IGNORECASE,
)

# Modifiers that do not make a category term specific ("grade 3 toxicity", "acceptable toxicity").
# a laboratory value named as raised is an event: "increased aspartate aminotransferase", "elevation in serum
# bilirubin", "bilirubin elevation", "elevated serum creatinine levels"; the lab name alone is not
_CATEGORY_HEAD = r"(?:symptoms|abnormalities|abnormality|toxicity|toxicities|reactions)"
_LAB = "(?:" + "|".join(_term_pattern(t) for t in sorted(set(_LABS), key=len, reverse=True)) + ")"
_FLUID = r"(?:(?:serum|blood|plasma)\s+)?"
LAB_RE = regex.compile(
    rf"(?<![\w-])(?:(?:increased|elevated|raised)\s+{_FLUID}{_LAB}(?:\s+(?:levels?|concentrations?|values?))?"
    rf"|(?:elevations?|increases?|rises?)\s+(?:of|in)\s+(?:the\s+)?{_FLUID}{_LAB}(?:\s+(?:levels?|concentrations?))?"
    rf"|{_FLUID}{_LAB}\s+(?:elevations?|increases?|increased))(?![\w-])",
    regex.IGNORECASE,
)

# the words a term can open with: TERM_RE (hundreds of alternatives) is tried only where one stands
_FIRST_WORDS = {regex.split(r"[\s-]+", t)[0] for t in _TERMS}
_WORD_RE = regex.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9]*")
_LAB_HINT_RE = regex.compile(r"elevat|increase|raised|rise", regex.IGNORECASE)
_CAT_HEAD_RE = regex.compile(rf"(?<![\w-]){_CATEGORY_HEAD}(?![\w-])", regex.IGNORECASE)
_MODS_BEFORE_RE = regex.compile(r"(?:[A-Za-z][\w-]*\s+){1,2}$")

# A word of a CTCAE suffix family outside the term list ("iridocyclitis", "bacteremia", "laryngospasm", "cholestasis",
# "polyneuropathy", "otorrhea"): an event only with a figure of its own in a sentence about toxicity
# ("Thirty-six of the 210 patients (17.2%) developed iridocyclitis", "Pseudarthrosis occurred in 9.1%"); alone the
# same words name the disease studied or a background condition. Words of the families that name no event are left out.
_SUFFIXES = tuple("""
itis emia aemia penia penias algia algias pathy pathies rrhea rrhoea spasm spasms plegia uria edema oedema cytosis osis
ectasia ectasias megaly kinesia kinesias phagia phonia geusia pnea pnoea esthesia esthesias aesthesia thermia
""".split())
_STRONG_OCCUR_RE = regex.compile(r"\b(?:occurred|developed|experienced|observed|reported|noted|seen|incidences?)\b", regex.IGNORECASE)
_NOT_SUFFIX_EVENT = set("""
diagnosis prognosis analysis hypothesis basis synthesis dialysis hemodialysis haemodialysis prophylaxis thrombolysis
fibrinolysis metastasis apoptosis homeostasis mitosis osmosis narcosis stenosis restenosis anastomosis prosthesis
leukemia leukaemia glycemia glycaemia normoglycemia normoglycaemia euglycemia euglycaemia ischemia ischaemia viremia
viraemia parasitemia parasitaemia bacteriuria albuminuria microalbuminuria macroalbuminuria diuresis natriuresis
arthritis osteoarthritis psoriasis cirrhosis sclerosis tuberculosis endometriosis periodontitis gingivitis
atherosclerosis arteriosclerosis spondylitis diverticulitis appendicitis rhinitis bronchiolitis otitis scoliosis
kyphosis spondylosis dyslipidemia dyslipidaemia retinopathy nephropathy anesthesia anaesthesia fibrosis
""".split())
_MEASURE_AFTER_RE = regex.compile(
    r"\s+(?:(?:assessment|rating|severity|symptom)\s+)?(?:scales?|scores?|index|questionnaires?|inventory)\b", regex.IGNORECASE
)
_CIRCUMSTANCE_BEFORE_RE = regex.compile(r"\b(?:during|before|after|following|despite)\s+(?:(?:the|an?)\s+)?$",
                                         regex.IGNORECASE)
_ZERO_ONLY_RE = regex.compile(r"\s*[,:(]?\s*0(?:[.·]0+)?\s*%\s*(?:\)\s*)?(?:[;.]|,\s*and\b|$)")
# "Reductions in splenomegaly were observed in 69%": a sign that improves is no event
# nor its onset, duration or risk ("more rapid onset of hyperammonemia were seen in 18 patients with infections")
_IMPROVED_BEFORE_RE = regex.compile(
    r"\b(?:reductions?|decreases?|improvements?|resolution|healing|relief|remission|regression|onset|duration|time"
    r"|severity|risk|predictors?|degrees?)\s+(?:in|of|to)\s+(?:the\s+)?$",
    regex.IGNORECASE,
)


_NOT_MODIFIER = set("""
a an the no any all other others these those this that such their its his her our most more less main major minor
overall common frequent frequently serious severe mild moderate significant acceptable manageable tolerable
limited low lower high higher increased decreased cumulative total unacceptable expected unexpected excessive
similar different observed reported related treatment-related drug-related treatment-emergent dose-limiting
adverse and or of with in to for by from at as on was were be been is are had has have grade grades late acute
new only some several many few rare notable relevant reversible transient clinically clinical important
including included include includes consisted comprised were was observed noted seen due
but greater less fewer worse better equivalent comparable principal primary predominant dominant leading
without increasing sum worst if permitted zero
""".split())

CATEGORY_RE = regex.compile(
    rf"(?<![\w-])(?P<mods>(?:[A-Za-z][\w-]*\s+){{1,2}})(?P<head>{_CATEGORY_HEAD})(?![\w-])", regex.IGNORECASE
)

_N = r"(?:[0-5]|V|IV|III|II|I)(?![\w])(?!\s*%|[.·]\d)"
# "grade 3", "grade 3/4", "grade 3 or 4", "grade 3-4", "grades 3 and 4", "grade 3 and grade 4",
# "grade ≥3", "grade ≥ III", "grade 3 or higher", "grade > 2"; optionally preceded by the scale ("CTCAE")
GRADE_RE = regex.compile(
    rf"(?:(?:NCI[\s-]*)?(?:CTCAE|CTC|WHO|RTOG)(?:\s*v?[\d.]+)?\s+)?\bgrades?\s*"
    rf"(?P<spec>(?:≥|>=|=>|>\s*or\s*=|>|≤|<=|<\s*or\s*=)\s*{_N}"
    rf"|{_N}(?:\s*(?:/|-|–|to|or|and|,\s*(?:and|or)|,)\s*(?:grades?\s*)?{_N})*(?:\s*(?:\+|or\s+(?:higher|greater|above|more|worse)|and\s+(?:higher|above)))?)",
    regex.IGNORECASE,
)
_GRADE_NOCAP = GRADE_RE.pattern.replace("(?P<spec>", "(?:")
_UMB_QUAL = r"(?:(?:treatment|drug|study[\s-]drug|therapy|immune)[\s-](?:related|emergent)\s+|serious\s+)"
# complications are the adverse events of a procedure ("35% of eyes ... experiencing complications", "Postoperative
# complications occurred in 3 patients (6%)")
_UMB_CORE = (r"(?:adverse\s+(?:events?|reactions?|effects?|drug\s+reactions?|experiences?)|T?E?AEs?|SAEs?|toxicities"
             r"|complications?"
             r"|side[\s-]effects)")
# "treatment-related grade 3-5 adverse events": the grade inside the umbrella is not part of its term
# what follows an umbrella and belongs to its name: "AEs leading to (treatment) discontinuation", "adverse events
# that led to study discontinuation", "serious adverse events (that were) suspected to be study drug-related"
_UMB_TAIL = (
    r"(?:\s+(?:(?:that|which)\s+(?:were\s+|was\s+)?)?(?:leading|led|resulting|resulted|requiring|required)\s+(?:to\s+|in\s+)?"
    r"(?:(?!(?:the|an?)\s)[a-z][\w-]*\s+){0,2}?(?:discontinuations?|withdrawals?|interruptions?|hospitali[sz]ations?"
    r"|dose\s+(?:reductions?|modifications?|interruptions?))"
    r"|\s+(?:(?:that|which)\s+(?:were|was)\s+)?(?:suspected|considered|judged|assessed)\s+(?:by\s+the\s+investigators?\s+)?"
    r"(?:to\s+be\s+|as\s+)(?:possibly\s+|probably\s+)?(?:study[\s-])?(?:drug|treatment)[\s-]related)?"
)
# the singular "toxicity" is an umbrella only when qualified ("died of treatment-related toxicity"): bare, it is the
# subject of tolerability statements ("toxicity was acceptable")
# deaths caused by the treatment are fatal toxicities: "Four toxic deaths occurred in the NP arm", "There were two
# treatment-related deaths in the FOLFOX4 arm"; deaths alone are an outcome, not an event
UMBRELLA_RE = regex.compile(
    rf"(?<![\w-])(?:(?:{_UMB_QUAL}(?:{_GRADE_NOCAP}\s+)?)?{_UMB_CORE}|{_UMB_QUAL}(?:{_GRADE_NOCAP}\s+)?toxicity"
    r"|(?:treatment|drug|therapy|chemotherapy|toxicity)[\s-]related\s+deaths?|toxic\s+deaths?)"
    rf"(?![\w-]){_UMB_TAIL}",
    regex.IGNORECASE,
)
# an umbrella whose events follow in parentheses: "eight adverse events of grade 3 (fracture, ...)",
# "a grade 4 adverse event (lymphoedema)"
_UMBRELLA_PAREN_RE = regex.compile(
    rf"(?:{_GRADE_NOCAP}\s+)?(?:{_UMB_QUAL}(?:{_GRADE_NOCAP}\s+)?)?{_UMB_CORE}"
    rf"(?:\s+of\s+(?:severity\s+)?{_GRADE_NOCAP})?\s*\((?P<body>[A-Za-z][^()]{{2,200}})\)",
    regex.IGNORECASE,
)
_OF_GRADE_RE = regex.compile(r"\s+of\s+(?:severity\s+)?" + GRADE_RE.pattern, regex.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}


def _grade_values(spec: str) -> list[int]:
    nums = [int(n) if n.isdigit() else _ROMAN[n.lower()] for n in regex.findall(r"[0-5]|V|IV|III|II|I", spec, flags=regex.I)]
    if not nums:
        return []
    s = regex.sub(r"<\s*or\s*=", "≤", regex.sub(r">\s*or\s*=", "≥", spec.strip()))
    if s.startswith((">=", "≥", "=>")) or regex.search(r"\+|higher|greater|above|more|worse", s, regex.I):
        return list(range(nums[0], 6))
    if s.startswith(">"):
        return list(range(nums[0] + 1, 6))
    if s.startswith(("≤", "<=")):
        return list(range(1, nums[0] + 1))
    if len(nums) == 2 and regex.search(r"-|–|\bto\b", s):
        return list(range(min(nums), max(nums) + 1))
    return sorted(set(nums))


# a grade expression that ends right before a term (allowing a severity word between)
_GRADE_BEFORE_RE = regex.compile(
    GRADE_RE.pattern + r"\s*(?:\((?:[^()]{0,20})\)\s*)?(?:(?:severe|acute|late)\s+)?$", regex.IGNORECASE
)
# a grade written right after the term: "neurotoxicity grade ≥ 2 was ..."
_GRADE_AFTER_RE = regex.compile(r"\s*,?\s*(?=grade)" + GRADE_RE.pattern, regex.IGNORECASE)
# list heads: "The most common grade 3/4 AEs were", "DLTs were", "Toxicities observed were primarily",
# "dose-limiting toxicity was", "common WHO grade 3/4 toxicities were"
LIST_HEAD_RE = regex.compile(
    r"(?P<head>\b(?:DLTs?|dose[\s-]limiting\s+toxicit(?:y|ies)|adverse\s+(?:events?|reactions?|effects?)"
    r"|T?E?AEs?|SAEs|toxicit(?:y|ies)|side[\s-]effects?|events))"
    r"(?:\s*\([^()]{0,30}\))?(?:\s+(?:observed|reported|seen|noted|encountered|recorded))?"
    # "AEs for ibrutinib versus placebo arms included", "AEs in both groups were"
    # "DLTs experienced by the 20 enrolled patients were", "AEs during the whole study period were"
    r"(?:\s+(?:(?:observed|reported|seen|noted|experienced|occurring|recorded)\s+)?"
    r"(?:for|in|with|among|across|of|by|during|up\s+to|at)\s+[^.;:()]{1,80}?)?"
    r"(?:\s+(?:\([^()]{0,30}\)\s*)?(?:were|was|included|include|including|consisted\s+of|comprised|being)|\s*:|,?\s+such\s+as|,?\s+namely)"
    r"(?:\s+(?:primarily|mainly|mostly|predominantly|chiefly))?",
    regex.IGNORECASE,
)
# "Toxicities were similar to those previously reported", "AEs were more frequent with X (41%)": a comparison, not a
# list; its grade still holds for the events named after it ("any grade 3 or 4 adverse event was greater in A; the
# most frequent events were neutropenia ...")
_COMPARED_HEAD_RE = regex.compile(
    r"\s+(?:(?:also|not|generally|significantly|numerically|statistically|slightly|much|far)\s+)*"
    r"(?:similar|comparable|more|less|higher|lower|greater|fewer|different|equivalent|identical)\b",
    regex.IGNORECASE,
)
_FIGURE_NEXT_RE = regex.compile(r"\s*\d")
_DLT_RE = regex.compile(r"\bDLTs?\b|dose[\s-]limiting", regex.IGNORECASE)

# Sentence filters
_CUE_RE = regex.compile(
    r"advers|toxic|side[\s-]effect|\bgrades?\s*(?:[0-5≥>]|I)|\bDLTs?\b|dose[\s-]limiting|\bT?E?AEs?\b|\bSAEs?\b|CTCAE",
    regex.IGNORECASE,
)
_RELATED_DEATH_RE = regex.compile(r"(?:treatment|drug)[\s-]related\s+death", regex.IGNORECASE)
_COMPLICATION_RE = regex.compile(r"\bcomplications?\b", regex.IGNORECASE)
_OCCUR_RE = regex.compile(
    # "The incidence of symptomatic hypoglycemia was 5.3%": an incidence with a figure is an occurrence
    # "Four patients had five infusion-related reactions"
    # (the word first, the lookbehind after it: a lookbehind tried at every position doubled the scan)
    rf"\b(?:had(?<=\b(?:\d+|{NUMBER_WORD})\s+(?:[\w-]+\s+)?(?:patients?|subjects?|participants?|recipients?)\s+had)"
    r"|observed|occurred|occurring|experienced|experiencing|developed|reported|noted|seen|encountered|suffered"
    r"|incidences?|associated\s+with"
    # effects reported as worse in an arm are events: "Injection site reactions were more frequent with detemir"
    # ("prevalent" is not: "Depression is prevalent in ...", "prevalent vertebral fractures" at baseline)
    r"|more\s+(?:frequent(?:ly)?|common(?:ly)?)"
    # "were more likely to develop nephrotoxicity", "led to higher gastrointestinal adverse events", "leak rates were
    # higher in the X group": worse in an arm, as above (a bare "greater in" is a measure: "FVC decline was greater in")
    r"|more\s+likely\s+to\s+(?:develop|experience|have|suffer)"
    # (not "resulted in greater improvements in liver steatosis": a benefit)
    r"|(?:led\s+to|resulted\s+in)\s+(?:an?\s+)?(?:higher|more|increased|greater)"
    r"(?!\s+(?:\w+\s+)?(?:improve|reduc|decreas|benefit|respon|efficac|remission|success|surviv|weight\s+loss))"
    r"|(?<=\brates?\s+(?:was|were)\s+(?:significantly\s+)?)higher\s+(?:in|with|among)(?=\s)"
    # "Diarrhoea was prevalent in the A arm", "hot flush was more prevalent in study group": prevalent in an arm is
    # an occurrence; alone it is not ("Osteoporosis was prevalent in low muscle mass participants")
    r"|prevalent\s+in\s+(?:the\s+)?(?:[\w-]+\s+){1,2}(?:arms?|groups?)"
    r")\b",
    regex.IGNORECASE,
)
# aims, methods and background: the events they name are not results of this trial
_SKIP_SENT_RE = regex.compile(
    # findings of other studies: "In a systematic review of 29 trials, irinotecan was associated with more diarrhoea"
    r"\b(?:systematic\s+review|meta-?analys[ie]s|previous(?:ly\s+published)?\s+(?:studies|trials|reports)"
    r"|to\s+(?:evaluate|assess|compare|determine|investigate|examine|reduce|prevent|minimi[sz]e)"
    r"|aims?\b|aimed|objectives?|purpose|hypothes\w+|end[\s-]?points?|outcome\s+measures?|(?:primary|secondary)\s+outcomes?\s+(?:was|were|included)"
    r"|eligib\w+|inclusion|exclusion"
    r"|history\s+of|at\s+baseline|pre-?existing|is\s+an?\b|are\s+(?:common|known)|known|may|might|can|could|would|should|will"
    # general statements ("VAP is associated with a significant mortality") and conditions of the protocol
    r"|(?:is|are)\s+(?:\w+ly\s+)?associated|if"
    r"|include|includes)\b",
    regex.IGNORECASE,
)
# "Adverse events were recorded at each visit" is method; "Nine serious adverse events were recorded" a result
# but "Grade 3 anemia was recorded in 3 patients": a figure after the verb makes it a result
_METHOD_RE = regex.compile(
    r"\b(?:were\s+(?:recorded|assessed|evaluated|monitored|graded|measured|collected)"
    r"|was\s+(?:recorded|assessed|evaluated|monitored|graded|measured|defined))\b"
    rf"(?!\s+in\s+(?:\d|{NUMBER_WORD}\b))",
    regex.IGNORECASE,
)
_COUNTED_UMBRELLA_RE = regex.compile(
    rf"(?<![\w.])(?:\d+|{NUMBER_WORD})\s+(?:[\w-]+\s+){{0,2}}?(?:adverse|AEs?\b|SAEs\b|toxicit)", regex.IGNORECASE
)
_FIGURE_RE = regex.compile(r"\d\s*%|\bin\s+\w+\s+(?:patients?|subjects?|participants?|cases?)\b", regex.IGNORECASE)
_NEG_RE = regex.compile(
    r"\b(?:no|not|without|none|neither|nor|absence|absent|free\s+of|lack\s+of|never|zero)\b",
    regex.IGNORECASE,
)
# "vomiting (5% vs. 2%) was not statistically different", "myxedema (10%) did not differ among groups": the
# difference is denied, not the event
_NEG_AFTER_RE = regex.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:was|were|did|had)\s+(?:not|never)\b"
    r"(?!\s+(?:(?:statistically|significantly|clinically)\s+)*(?:differ|different|significant))"
    r"|\s*(?:was|were)\s+(?:absent|rare)\b", regex.IGNORECASE
)
# events reported only as not different or reduced are not annotated ("Hematologic toxicity was similar")
_COMPARED_AFTER_RE = regex.compile(
    r"[^;]{0,80}?\b(?:(?:was|were)\s+(?:(?:also|not|[a-z]+ly)\s+)*(?:similar|comparable|reduced|different)"
    r"|did\s+not\s+(?:[a-z]+ly\s+)?differ)\b",
    regex.IGNORECASE,
)
_BUT_RE = regex.compile(r"\bbut\b", regex.IGNORECASE)
# "All groups were comparable as regards nephrotoxicity", "similar in terms of nausea"; the events after "except
# (for)" are the differences
# "There were no (significant) differences (between groups) in X": compared, like "comparable as regards"
_NO_DIFF = r"no\s+(?:(?:statistically|significant|clinically|relevant|major)\s+)*differences?"
_COMPARED_KW_RE = regex.compile(rf"\b(?:comparable|similar|equivalent)\s|\b{_NO_DIFF}\b", regex.IGNORECASE)
_COMPARED_BEFORE_RE = regex.compile(
    r"(?:(?:comparable|similar|equivalent)\s+(?:as\s+regards|in\s+terms\s+of|with\s+respect\s+to"
    rf"|with\s+regard\s+to|regarding|concerning)"
    rf"|{_NO_DIFF}\b[^;]{{0,100}}?\b(?:in|for|regarding|of|with\s+respect\s+to|in\s+terms\s+of|as\s+regards))"
    r"\b(?:(?!\bexcept\b|\bbut\b)[^;])*$",
    regex.IGNORECASE,
)
# the "no" of "no differences in X" denies the difference, not X: with its figures X is an event
_NO_DIFF_AFTER_NEG_RE = regex.compile(r"\s+(?:(?:statistically|significant|clinically|relevant|major)\s+)*differences?\b",
                                      regex.IGNORECASE)
_REDUCED_BEFORE_RE = regex.compile(
    r"\b(?:reduced|less|fewer|lower|decreased)\s+(?:(?:rates?|incidences?|risk|frequency)\s+of\s+)?$", regex.IGNORECASE
)
def _compared_after(text: str, end: int, e: int) -> bool:
    # "Hypoglycaemia was the most common adverse event in both groups, but did not differ": after "but" the event
    # stands (checked on the match: a lookahead per character made the pattern ten times slower)
    m = _COMPARED_AFTER_RE.match(text, end, e)
    return bool(m) and not _BUT_RE.search(text, end, m.end())


def _compared_before(text: str, a: int, b: int) -> bool:
    # the keyword is rare: look for it first, then check the clause from there to the term
    return any(_COMPARED_BEFORE_RE.match(text, k.start(), b) for k in _COMPARED_KW_RE.finditer(text, a, b))


# an infection named by its virus ("HIV infection", "HCV infection") is the condition studied, not an event
_VIRUS_BEFORE_RE = regex.compile(r"\b[A-Z]{2,5}(?:-\d)?[\s-]$")
# "Patients with infections were more likely to ...": a population, not an event, unless a figure goes with it
_POPULATION_RE = regex.compile(
    r"(?<![\d\w]\s)\b(?:patients|subjects|participants|those|people|children|women|men)\s+with\s+(?:[\w-]+\s+){0,2}$",
    regex.IGNORECASE,
)
# a sentence that enrols or randomizes patients describes them: the events it names without a figure are why they
# were included ("Patients with adverse reactions ..., including rash, hepatitis and fever, ... were then randomly
# assigned"), not results of the trial
_ENROL_RE = regex.compile(
    r"\b(?:were|was)\s+(?:then\s+)?(?:randomly\s+(?:assigned|allocated)|enrolled|recruited)\b"
    r"|\bwere\b[^.;]{0,60}?\brandomi[sz]ed\s+(?:to|into|in)\b|\b(?:entered|enrolled\s+in)\s+(?:the|this)\s+(?:study|trial)\b",
    regex.IGNORECASE,
)


def _enrol_clause(text: str, s: int, e: int, start: int, end: int) -> bool:
    # the clause only: "after two patients were recruited to the 48 mg cohort; a serious adverse event of hypotension
    # ... occurred" reports an event
    a = max(text.rfind(";", s, start), text.rfind(". ", s, start)) + 1 or s
    b = text.find(";", end, e)
    return bool(_ENROL_RE.search(text, max(a, s), b if b >= 0 else e))


_ARM_NONE_END_RE = regex.compile(r"\s*(?:[,;)\]]|and\b|in\b|receiving\b|of\s+\d)", regex.IGNORECASE)
_ARM_NONE_RE = regex.compile(r"\b(?:vs\.?|versus|v|compared\s+with|and)\s*$", regex.IGNORECASE)
_CLAUSE_BREAK_RE = regex.compile(r"[;:]|,\s*(?:but|whereas|while|although|however)\b|\b(?:but|whereas|although)\b")
_MOST_RE = regex.compile(r"\bmost\s+(?:\w+\s+){0,2}$", regex.IGNORECASE)
_REASON_RE = regex.compile(r"(?:because\s+of|due\s+to|owing\s+to|for)\s*$", regex.IGNORECASE)
_AT_LEAST_ONE_RE = regex.compile(r"(?:at\s+least\s+(?:one|1)|any|≥\s*1|one\s+or\s+more)\s*$", regex.IGNORECASE)

_NUM = rf"(?:\d+|{NUMBER_WORD}(?:[\s-]+{NUMBER_WORD})*)"
_DEC = DECIMAL  # with the Lancet middle dot ("2·8%")
_PCT = rf"(?P<pct>{_DEC})\s*%"
_WHO = r"(?:patients?|pts|subjects?|participants?|cases?|children|women|men|individuals)"
_GROUP = r"(?:\s*\b(?:at|in)\s+(?P<group>(?:dose\s+)?level\s+(?:[IVX]+|\d+)|cohort\s+\d+))?"
# after the term: "in 35%", "in 1 patient each", "in four DLT patients", "in 5 (10%) patients", "in 5 of 40 patients"
# "reported by 27 of 106 (25%) patients", "in 56 (58%) eltrombopag-treated patients"
_AFTER_FIG_RE = regex.compile(
    rf"\s*,?\s*(?:(?:which|that)\s+)?(?:(?:was|were)\s+)?(?:(?:observed|reported|seen|noted|occurred|occurring|developed|experienced|recorded|found)\s+)?"
    # "reported by 27 of 106 (25%) patients"; not "decreased the odds of a complication by 80%" (a change)
    rf"{_GROUP}\s*(?:(?:in|among)\s+|by\s+(?!{_DEC}\s*%))?"
    rf"(?:{_PCT}|(?P<n>{_NUM})\s*(?:[(\[](?P<pct2>{_DEC})\s*%[)\]]\s*)?"
    rf"(?:of\s+(?:the\s+)?\d+\s*(?:\((?P<pct4>{_DEC})\s*%\)\s*)?)?(?:[\w-]+\s+)?{_WHO}\b"
    rf"(?:\s*[(\[](?P<pct3>{_DEC})\s*%[)\]])?"
    # "leucopenia in 16 (19%) versus none", "neutropenia 35 [13%]"
    rf"|(?P<n5>{_NUM})\s*[(\[](?P<pct5>{_DEC})\s*%[)\]])",
    regex.IGNORECASE,
)
# an umbrella's figure later in its clause: "grade 2-4 adverse events were more common with efavirenz (32%)"
# also after the setting: "AEs for duloxetine was 15.2%", "grade 3 adverse events for the doxepin mouthwash occurred
# in 3 patients (4%)", "TEAEs for LDX and OROS-MPH, respectively, were 66.5 and 58.9%", "SAEs were more frequent in
# the A group (12 [43%] patients)", "... were similar in the A group (34 [50%; 95% CI 37-62] of 68 patients)"
# the figures of arms compared in one parenthesis, the first arm's taken: "(63.8% vs 40.8%, respectively)",
# "(88.9 vs. 38.9%; P = 0.005)", "(78.9, 74.2 and 74.4%)", with the arm named first: "(linagliptin 2.4%; placebo
# 1.5%)", "(duloxetine overall, 84.8%; ...)", "(SB3, 97.5%; TRZ, 96.1%)"; a grade is no arm name ("(grade 3, 32%)")
_ARM_LABEL = r"(?:(?!grades?\b)[A-Za-z][\w/+-]*(?:\s+[a-z][\w/+-]*)?\s*[,:]?\s+)?"
_PCT_FIRST = rf"(?P<pct>{_DEC})(?:\s*%\s*(?:[)\];,]|(?=(?:vs\.?|versus|v\.?|and|in|with)\s|\[))|(?=\s*(?:vs\.?|versus|v\.?|,|and)\s*{_DEC}\s*%))"
_UMB_LATE_FIG_RE = regex.compile(
    # "adverse events (AEs) were ...": the abbreviation defined
    # "AE rates were similar ... (78.9, 74.2 and 74.4%)"
    rf"(?:\s*\((?:[A-Za-z-]{{1,8}})\))?(?:\s+(?:rates?|incidences?|frequency))?"
    rf"(?:\s+(?:for|in|with|among|during|within|after|over|through|up\s+to|at)\s+[^;:()\[\]]{{1,60}}?"
    rf"(?:,\s*respectively)?,?)?"
    rf"\s+(?:(?:were|was)\s+(?:reported|observed|seen|noted|recorded|found|present|experienced)|were|was|occurred)\b"
    rf"(?:\s+(?:in\s+|by\s+)?(?P<pct>{_DEC})(?:\s*%|(?=\s*(?:,|and)\s*{_DEC}\s*%))"
    # "in 11 and 13 patients in the respective groups", "by 12/44 (27.3%) patients"
    rf"|\s+(?:in|by)\s+(?P<n>{_NUM})(?:\s*/\s*\d+|(?:\s*(?:,\s*(?:and\s+)?|and\s+|vs\.?\s+|versus\s+){_NUM})+)?"
    rf"\s*(?:[(\[]\s*(?P<pct>{_DEC})\s*%\s*[)\]]\s*)?(?:of\s+\d+\s+)?{_WHO}\b"
    rf"(?:\s*[(\[]\s*(?P<pct>{_DEC})\s*%)?"
    rf"|[^;()\[\]]{{0,80}}?[(\[]\s*{_ARM_LABEL}(?:(?P<n>{_NUM})\s*[(\[]\s*)?{_PCT_FIRST})",
    regex.IGNORECASE
)
# "(20%)", "(60 [17%])", "[n = 5]"
_PAREN_RE = regex.compile(r"\s*(?:\((?P<body>[^()]{1,80})\)|\[(?P<body2>[^\[\]]{1,80})\])")
_CI_RE = regex.compile(r"\d+(?:\.\d+)?\s*%\s*(?:CI|confidence)", regex.IGNORECASE)
# before the term: "five patients had", "2 (5%) patients developed"
_BEFORE_FIG_RE = regex.compile(
    # "Thirty-six of the 210 patients (17.2%) developed": the part, not the whole
    rf"(?<![\w.])(?P<n>{_NUM})\s*(?:\((?P<pct>{_DEC})\s*%\)\s*)?(?:(?:out\s+)?of\s+(?:the\s+)?\d+\s+)?{_WHO}\s*"
    rf"(?:\((?P<pct2>{_DEC})\s*%\)\s*)?(?:had|developed|experienced|suffered(?:\s+from)?|presented\s+with)\s+$",
    regex.IGNORECASE,
)


# deaths from an event give its count: "two of them died of treatment-related toxicity", "Three (1%) of 225 patients
# in the X group died from a treatment-related adverse event", "Four patients (two each ...) died of a TEAE"
_DIED_BEFORE_RE = regex.compile(
    rf"(?<![\w.])(?P<n>{_NUM})\s*(?:[(\[](?P<pct>{_DEC})\s*%[)\]]\s*)?"
    rf"(?:of\s+(?:them|these)|(?:of\s+(?:the\s+)?\d+\s+)?(?:[\w-]+\s+)?{_WHO})\b"
    rf"[^.;]{{0,60}}?\bdied\s+(?:of|from|due\s+to|because\s+of)\s+(?:an?\s+)?$",
    regex.IGNORECASE,
)
_DIED_HINT_RE = regex.compile(r"\bdied\b", regex.IGNORECASE)


# a number right before an umbrella: "Three adverse events were recorded"
# (not the number of a name: "COVID-19 Complications Prevention")
_NUM_BEFORE_RE = regex.compile(rf"(?<![\w.,-])(?P<n>{_NUM})\s+(?:(?:new|serious)\s+)?$", regex.IGNORECASE)
# the patients who had an umbrella event, counted before the verb: "Two children (4.3 %) reported adverse effects",
# "Overall, 36.1% experienced drug-related AEs", "181 patients (64.9%) on lacosamide and 182 (67.7%) on
# carbamazepine-CR reported TEAEs", "Seven eltrombopag recipients and two placebo recipients had serious adverse
# events"; the first figure written is the first arm's. The verb stands right before the umbrella (an article or one
# severity word between): "had a history of adverse reactions" is no result
_WHO_HAD = r"(?:patients?|pts|subjects?|participants?|recipients?|cases?|children|women|men|individuals|volunteers|eyes)"
_UMB_FIG_BEFORE_RE = regex.compile(
    # a count needs its patients ("Among the 17 reported adverse events" counts events); a percent may stand alone
    # "One (7.1%) and 3 (21.3%) of 14 subjects": a count with its share needs no noun of its own
    rf"(?<![\w.,·])(?:(?P<n>{_NUM})(?:\s+(?:out\s+)?of\s+(?:the\s+)?\d+)?"
    rf"(?:\s*[(\[]\s*(?P<pct>{_DEC})\s*%\s*[)\]](?:\s*(?:of\s+(?:the\s+)?(?:\d+\s+)?)?(?:[\w-]+\s+)?{_WHO_HAD}\b)?"
    rf"|\s+(?:of\s+(?:the\s+)?(?:\d+\s+)?)?(?:[\w-]+\s+)?{_WHO_HAD}\b\s*(?:[(\[]\s*(?P<pct2>{_DEC})\s*%\s*[)\]])?)"
    rf"|(?P<pct0>{_DEC})\s*%(?:\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?{_WHO_HAD}\b)?)"
    # the setting or the other arms ("in the X group and 53 (59.6%) patients in the Y group", "vs 81%"), without a
    # verb of its own: "69% vs 81% had grade 3 AEs, 51% vs 53% had serious AEs" gives each umbrella its own figures
    rf"(?:\s+(?:in|on|receiving|treated|taking|given|assigned|with|who|and|vs\.?|versus)\b"
    rf"(?:(?!\b(?:had|reported|experienced|developed|suffered)\b)[^.;:]|\.(?=\d)){{0,120}}?)?"
    # "Six patients ... who suffered sexual side effects ... were treated": who had them describes a population
    rf"(?<!\b(?:who|that))\s+(?:reported|experienced|experiencing|had|developed|suffered(?:\s+from)?)\s+(?:an?\s+)?"
    rf"(?:(?:mild|minor|moderate|severe)\s+)?$",
    regex.IGNORECASE,
)
_BOUND_BEFORE_RE = regex.compile(r"(?:(?:less|fewer|more|greater)\s+than|up\s+to|[<>≤≥])\s*$", regex.IGNORECASE)
_PLURAL_UMB_RE = regex.compile(r"\b(?:events|reactions|effects|experiences|toxicities|complications|T?E?AEs|SAEs)\b", regex.IGNORECASE)
_NAMED_IN_PAREN_RE = regex.compile(r"\s*[(\[]\s*(?:an?\s+)?[a-z]", regex.IGNORECASE)
# "experienced adverse events of hypoglycemia": the umbrella is the class of the event named after it
_UMB_OF_EVENT_RE = regex.compile(r"\s+of\s+(?!grade|severity|any\b|all\b)[a-z]", regex.IGNORECASE)
# the items of a list after the first: ", anemia in 12 patients", "..., and fatigue in four (4%)"; a new clause
# ("but", "whereas") or a semicolon ends the list
_TIGHT_GAP_RE = regex.compile(r"\s*(?:,|/|,?\s*and|,?\s*or)\s*", regex.IGNORECASE)
_LIST_GAP_RE = regex.compile(
    r"(?:(?!\b(?:but|whereas|while|although|however|except|than)\b)[^;:]){0,160}?(?:,\s*(?:and\s+|or\s+)?|\s+and\s+)",
    regex.IGNORECASE,
)
# a category term that heads a list is the class of the events after it, not an event
_CLASS_HEAD_RE = regex.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:included|includes|include|including|consisted\s+of|comprised|:|,?\s*such\s+as"
    r"|(?:was|were))\s*(?:(?:primarily|mainly|mostly|predominantly|chiefly)\s+)?",
    regex.IGNORECASE,
)
# several arms in one parenthesis: the first arm's figure is the event's ("(24% versus 35%)",
# "(six [6%] in the eltrombopag group and one [2%] in the placebo group)")
_ARM_SPLIT_RE = regex.compile(
    rf"\b(?:vs|versus|v|compared\s+(?:with|to))\b|;|\band\s+(?=(?:\d|{NUMBER_WORD}\b)[^()]*%)", regex.IGNORECASE
)


# One event per grade group written after the term: "Interleukin-2-related toxicity was WHO grade 1 (24%), 2 (67%),
# and 3 (9%)", "Neurologic toxicity was observed in 31 patients (64%) ..., and was grade 3-4 in five patients (10%)",
# "any-cause adverse events were grade 3-4 in 76.7% and 74.9%, grade 5 in 6.3% and 5.4%" (the second figure is the
# other arm's), "hyperglycemia (grade 3, 32.7%; grade 4, 3.9%)". Each group needs its figure.
_G1 = rf"{_N}(?:\s*(?:/|-|–|to|or)\s*{_N})?"
_SPLIT_ITEM_RE = regex.compile(
    rf"(?P<spec>{_G1})\s*,?\s*(?:(?:in|of)\s+)?"
    rf"(?:[(\[]\s*(?P<pa>{_DEC})\s*%\s*[)\]]|(?P<pb>{_DEC})\s*%(?:\s*(?:of\s+)?{_WHO})?"
    rf"|(?P<n>{_NUM})\s*(?:[(\[]\s*(?P<pc>{_DEC})\s*%\s*[)\]]\s*)?(?:of\s+\d+\s+)?{_WHO}?(?:\s*[(\[]\s*(?P<pd>{_DEC})\s*%\s*[)\]])?)"
    rf"(?:\s*(?:and|vs\.?|versus|v)\s+(?:{_DEC}\s*%|{_NUM}\s*[(\[]\s*{_DEC}\s*%\s*[)\]]))?",
    regex.IGNORECASE,
)
_SPLIT_SEP_RE = regex.compile(r"\s*(?:[,;]\s*(?:and\s+)?|,?\s*and\s+)(?:grades?\s+)?", regex.IGNORECASE)
_SPLIT_HEAD_RE = regex.compile(
    r"(?P<lead>[^;()]{0,60}?)\b(?:was|were|has\s+been|have\s+been)\s+(?:of\s+)?(?:(?:NCI[\s-]*)?(?:CTCAE|CTC|WHO)\s+)?grades?\s+",
    regex.IGNORECASE,
)
_SPLIT_PAREN_RE = regex.compile(rf"(?:\s+of\s+(?:the\s+|all\s+)?{_WHO})?\s*[(\[]\s*grades?\s+", regex.IGNORECASE)
# "radiation dermatitis of maximum grade 3, 2, and 1 developed in 3 (15%), 11 (55%), and 6 patients (30%), respectively"
_SPLIT_RESP_RE = regex.compile(
    rf"\s+of\s+(?:(?:maximum|maximal|max\.?|worst)\s+)?grades?\s+(?P<spec>{_N}(?:\s*(?:,\s*(?:and\s+)?|,?\s*and\s+){_N})+)"
    rf"[^;()]{{0,40}}?\b(?:developed|occurred|was|were|observed|seen|reported|noted)\s+in\s+"
    rf"(?P<list>[^;]{{0,120}}?),?\s*respectively",
    regex.IGNORECASE,
)
_RESP_FIG_RE = regex.compile(
    rf"(?:(?P<n>{_NUM})\s*(?:[(\[]\s*(?P<pa>{_DEC})\s*%\s*[)\]])?\s*(?:{_WHO}\s*)?(?:[(\[]\s*(?P<pb>{_DEC})\s*%\s*[)\]])?"
    rf"|(?P<pc>{_DEC})\s*%)",
    regex.IGNORECASE,
)


def _split_items(text: str, pos: int, e: int, closer: str = "") -> tuple[list[tuple[list[int], Optional[int], Optional[float]]], int]:
    """The grade groups with their figures from pos on; [] unless at least two groups or one with a figure."""
    items, end = [], pos
    while True:
        it = _SPLIT_ITEM_RE.match(text, pos, e)
        if not it:
            break
        pct = _pct(it.group("pa") or it.group("pb") or it.group("pc") or it.group("pd"))
        count = _parse_count(it.group("n"))
        if count is None and pct is None:
            break
        items.append((_grade_values(it.group("spec")), count, pct))
        end = it.end()
        sep = _SPLIT_SEP_RE.match(text, end, e)
        if not sep:
            break
        pos = sep.end()
    if closer and not regex.match(rf"\s*[{regex.escape(closer)}]", text[end:end + 3]):
        return [], pos
    return items, end


def _grade_splits(text: str, after: int, e: int, in_paren: bool):
    """Per-grade figures after a term: (start of the reading, [(grades, count, pct)], end) or None."""
    if in_paren:
        p = _SPLIT_PAREN_RE.match(text, after, e)
        if p:
            items, end = _split_items(text, p.end(), e, closer=")]")
            if len(items) >= 2:
                return after, items, end
        return None
    h = _SPLIT_HEAD_RE.match(text, after, e)
    if h:
        items, end = _split_items(text, h.end(), e)
        if items:
            return h.start() + len(h.group("lead")), items, end
        return None
    r = _SPLIT_RESP_RE.match(text, after, e)
    if r:
        # in the order written, which the figures follow ("grade 3, 2, and 1 ... in 3, 11, and 6")
        grades = [_grade_values(g) for g in regex.findall(r"[0-5]|IV|V|III|II|I", r.group("spec"))]
        figs = []
        for f in _RESP_FIG_RE.finditer(r.group("list")):
            figs.append((_parse_count(f.group("n")), _pct(f.group("pa") or f.group("pb") or f.group("pc"))))
        if len(figs) == len(grades):
            return after, [(g, c, p) for g, (c, p) in zip(grades, figs)], r.end()
    return None


def _pct(v: Optional[str]) -> Optional[float]:
    return float(v.replace("·", ".")) if v else None


def _parse_count(s: Optional[str]) -> Optional[int]:
    if not s:
        return None
    v = parse_number(s)
    return int(v) if v is not None and v == int(v) else None


_ABBREV_LEAD_RE = regex.compile(r"^\s*[A-Z][\w-]*\s*[;,]\s*(?=\d|[a-z])")
_PAREN_COUNT_RE = regex.compile(
    # "(22 out of 30 patients in group P and 20 out of 30 patients in group C)": the first arm's
    rf"\s*(?:n\s*=\s*)?(?P<n>\d+|{NUMBER_WORD})(?:\s*(?:/|(?:out\s+)?of)\s*\d+)?\s*(?:patients?|pts|cases)?"
    rf"\s*(?:[,;\[(]|$|(?<=(?:patients?|pts|cases)\s*)(?=(?:in|with|on|receiving|treated|and|vs\.?|versus)\b))",
    regex.IGNORECASE,
)


_SIGNED_RE = regex.compile(r"\s*[+±−]\s*\d")
_RESPECTIVELY_END_RE = regex.compile(r",?\s*respectively\s*$", regex.IGNORECASE)


def _paren_figures(body: str) -> tuple[Optional[int], Optional[float], list[int]]:
    """'20%', 'n = 5', '5 patients', '5/30, 17%', 'grade 3/4 in 18% of patients'; several arms: the first."""
    grades = []
    body = _ABBREV_LEAD_RE.sub("", body)  # "(ARDS; four [4%] vs two [4%])": the abbreviation defined first
    g = GRADE_RE.search(body)
    if g:
        grades = _grade_values(g.group("spec"))
        body = body[:g.start()] + " " * (g.end() - g.start()) + body[g.end():]
    first = _ARM_SPLIT_RE.split(_CI_RE.sub(" ", body), 1)[0]
    if _SIGNED_RE.match(first):
        return None, None, grades  # "(+8.1%)": a change, not a share of patients
    pcts = regex.findall(rf"({_DEC})\s*%", first)
    # "(90.0%, 92.1%, and 92.3%, respectively)": the arms' figures, the first arm's taken
    pct = _pct(pcts[0]) if len(pcts) == 1 or (pcts and _RESPECTIVELY_END_RE.search(body)) else None
    count = None
    m = _PAREN_COUNT_RE.match(first)
    if m and not regex.match(rf"\s*{_DEC}\s*%", first):
        count = _parse_count(m.group("n"))
    return count, pct, grades


def _any_in(positions: list[int], s: int, e: int) -> bool:
    i = bisect_left(positions, s)
    return i < len(positions) and positions[i] < e


def _sentence_ok(text: str, s: int, e: int, cues: list[int], occurs: list[int]) -> bool:
    sent = text[s:e]
    # an occurrence verb reads as toxicity in a document that speaks of it, or when a figure goes with it
    # ("A transient rash was observed in 22.7%")
    if not (_any_in(cues, s, e) or (_any_in(occurs, s, e) and (cues or _FIGURE_RE.search(sent)))):
        return False
    if _SKIP_SENT_RE.search(sent):
        return False
    return not _METHOD_RE.search(sent) or bool(_COUNTED_UMBRELLA_RE.search(sent))


def _negated(text: str, s: int, start: int, end: int, e: int) -> bool:
    clause_start = s
    for m in _CLAUSE_BREAK_RE.finditer(text, s, start):
        clause_start = m.end()
    for n in _NEG_RE.finditer(text, clause_start, start):
        if _NO_DIFF_AFTER_NEG_RE.match(text, n.end(), start):
            continue
        # "16 (19%) versus none, and fatigue in four": the other arm's figure; "and zero instances of" is a negation
        if not (_ARM_NONE_RE.search(text, max(clause_start, n.start() - 12), n.start())
                and _ARM_NONE_END_RE.match(text, n.end(), start)):
            return True
    return bool(_NEG_AFTER_RE.match(text, end, e))


# "Four patients had five infusion-related reactions": a number is no kind of reaction
_NUMBER_WORD_RE = regex.compile(NUMBER_WORD, regex.IGNORECASE)


def _category_span(m, sentence_start: int) -> Optional[tuple[int, int]]:
    words = list(regex.finditer(r"[\w-]+", m.group("mods")))
    keep = []
    for w in reversed(words):
        word = w.group(0).lower()
        # adverbs ("primarily", "mainly") and numbers never start a term; a capitalised word inside the
        # sentence is a drug or a name ("CsA or Tac toxicity"), not a kind of toxicity
        if word in _NOT_MODIFIER or word[0].isdigit() or word.endswith("ly") or _NUMBER_WORD_RE.fullmatch(word):
            break
        if any(c.isupper() for c in w.group(0)) and m.start("mods") + w.start() != sentence_start:
            break
        keep.append(w)
    if not keep:
        return None
    return m.start("mods") + keep[-1].start(), m.end("head")


# The term is the noun phrase as written, qualifiers kept: a severity word ("severe neutropenia", "minor
# hypoglycaemia") or a clinical/anatomical adjective ("peripheral neurotoxicity", "arterial thrombosis",
# "symptomatic hypoglycemia", "gastrointestinal adverse events") right before a term is part of it.
# A severity range ("moderate to severe fatigue", "mild-to-moderate") is a grade-like figure, not part of the name;
# time course words ("transient", "reversible") and articles stop the phrase.
_KEEP_QUALIFIER = set("""
severe mild moderate minor major serious symptomatic asymptomatic fatal chronic any-cause all-cause
""".split())
_QUALIFIER_SUFFIX_RE = regex.compile(r"[a-z]{3,}(?:al|ic|ous|ary|ar)$")
_NOT_QUALIFIER = _NOT_MODIFIER - {"severe", "mild", "moderate", "minor", "major", "serious", "acute", "late"} | set("""
previous various numerous continuous simultaneous obvious additional potential initial typical usual general
individual annual actual medical special original natural social physical statistical optimal specific basic
economic historical classical traditional conventional final normal national principal marginal substantial
essential occasional partial particular regular critical critical periodic numerical practical theoretical
experimental operational maximal minimal
""".split())
_WORD_BEFORE_RE = regex.compile(r"(?<![\w-])(?P<w>[A-Za-z][a-z]*(?:-cause)?)\s+$")
_RANGE_BEFORE_RE = regex.compile(r"(?:mild|moderate|severe)\s*(?:to|or|and|/|-)\s*$", regex.IGNORECASE)
# an attribution or setting hyphenated to the term is part of its name: "drug-related edema", "catheter-related
# infections", "post-operative anastomotic leak", "antibiotic-associated nephrotoxicity"
_CAP_WORD_END_RE = regex.compile(r"[A-Z][\w.]*\s+$")
_HYPHEN_QUALIFIER_BEFORE_RE = regex.compile(
    r"(?<![\w-])(?P<w>[A-Za-z][a-z]+-(?:related|induced|associated|mediated|emergent|operative|procedural))\s+$")


def _extend_qualifiers(text: str, s: int, start: int) -> int:
    """The start of the term with the qualifiers written right before it (at most two words)."""
    for _ in range(2):
        w = _WORD_BEFORE_RE.search(text, max(s, start - 30), start)
        if not w:
            h = _HYPHEN_QUALIFIER_BEFORE_RE.search(text, max(s, start - 40), start)
            # a capitalised one inside the sentence names a drug ("Liraglutide-induced"), as below
            # ... and one after a capitalised word is the tail of a longer name ("Clostridium difficile-associated")
            if h and (h.group("w")[0].islower() or h.start() == s) and not _CAP_WORD_END_RE.search(text, max(s, h.start() - 30), h.start()):
                start = h.start()
                continue
            break
        word = w.group("w")
        low = word.lower()
        # a capitalised word inside the sentence is a drug or a name, not a qualifier
        if word[0].isupper() and w.start() != s:
            break
        if not (low in _KEEP_QUALIFIER or (_QUALIFIER_SUFFIX_RE.search(low) and low not in _NOT_QUALIFIER)):
            break
        if low in {"severe", "mild", "moderate"} and _RANGE_BEFORE_RE.search(text, max(s, w.start() - 14), w.start()):
            break  # "moderate to severe fatigue", "mild-to-moderate nausea": a severity range
        start = w.start()
    return start


_NAMED_SYNDROME_BEFORE_RE = regex.compile(r"(?:-induced|post-?operative|post-?discharge)\s+$", regex.IGNORECASE)
_FIGURELESS_END_RE = regex.compile(r"\s*(?:[.;,]|$|(?:were|are)\s+(?:more|less)\s+(?:common|frequent))", regex.IGNORECASE)


def _mentions(text: str, s: int, e: int, in_list: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of term mentions in text[s:e]; longer spans win where they overlap."""
    found = []
    # a suffix-family word needs toxicity named or an event reported in its sentence: "A total of 413 patients had
    # dysglycaemia (120, type 2 diabetes; ...)" describes the population
    suffix_ok = None  # looked up at the first suffix-family word only
    for w in _WORD_RE.finditer(text, s, e):
        word = w.group(0).lower()
        if word not in _FIRST_WORDS and word.rstrip("s") not in _FIRST_WORDS and word[:-2] not in _FIRST_WORDS:
            m = None
        else:
            m = TERM_RE.match(text, w.start(), e)
        if not m:
            if len(word) > 6 and word.endswith(_SUFFIXES) and word not in _NOT_SUFFIX_EVENT \
                    and text[w.end():w.end() + 1] not in ("-", "/") and text[w.start() - 1:w.start()] != "-":
                if suffix_ok is None:
                    suffix_ok = bool(_CUE_RE.search(text, s, e) or _STRONG_OCCUR_RE.search(text, s, e))
                if suffix_ok:
                    found.append((w.start(), w.end(), "suffix"))
            continue
        base = m.group(0).lower()
        if base.rstrip("s") in _LIST_ONLY or base in _LIST_ONLY:
            if not any(a <= m.start() < b for a, b in in_list):
                continue
        if base == "nausea and vomiting" and not _NAMED_SYNDROME_BEFORE_RE.search(text, max(s, m.start() - 25), m.start()) \
                and _FIGURELESS_END_RE.match(text, m.end()):
            # two events ("The most frequently reported AEs were nausea and vomiting"); as a named syndrome
            # ("chemotherapy-induced nausea and vomiting", "postoperative ... (PONV)") it is one. With a figure
            # after it ("nausea and vomiting (22.2% ...)", "occurred in 40%") the figure is the pair's: kept whole
            found.append((m.start(), m.start() + len("nausea"), "term"))
            found.append((m.end() - len("vomiting"), m.end(), "term"))
            continue
        found.append((m.start(), m.end(), "term"))
    if _LAB_HINT_RE.search(text, s, e):
        for m in LAB_RE.finditer(text, s, e):
            found.append((m.start(), m.end(), "term"))
    for h in _CAT_HEAD_RE.finditer(text, s, e):
        # the modifiers are the one or two words right before the head
        mods = _MODS_BEFORE_RE.search(text, max(s, h.start() - 80), h.start())
        if not mods:
            continue
        m = CATEGORY_RE.match(text, mods.start(), h.end())
        span = _category_span(m, s) if m else None
        if span:
            found.append((span[0], span[1], "category"))
    for m in UMBRELLA_RE.finditer(text, s, e):
        found.append((m.start(), m.end(), "umbrella"))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str]] = []
    for st, en, kind in sorted(found, key=lambda x: -(x[1] - x[0])):
        if any(st < b and a < en for a, b, _ in out):
            continue
        out.append((st, en, kind))
    return sorted(out)


# the items of a list of events: split at commas, "and", "or"; an item ends before its figure or setting
_ITEM_SPLIT_RE = regex.compile(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+and\s+(?!/)|;\s*)", regex.IGNORECASE)
_ITEM_END_RE = regex.compile(
    r"\s*(?:[(\[:]|\b(?:in|at|of\s+(?:grade|all)|for|with|was|were|which|that|occurring|occurred|reported|observed"
    r"|seen|leading|requiring|vs|versus|v)\b|\d)",
    regex.IGNORECASE,
)
# words that open an item without being part of the event's name ("mild alopecia", "grade 3 neutropenia")
_ITEM_LEAD_RE = regex.compile(
    rf"(?:(?:{_GRADE_NOCAP}|mild|moderate|severe|transient|reversible|noncumulative|non-cumulative|occasional"
    r"|asymptomatic|rare|isolated|the|a|an|some|possible|other|also|and|or|mainly|mostly|primarily)\s+)*",
    regex.IGNORECASE,
)
_ITEM_WORD_RE = regex.compile(r"[A-Za-z][A-Za-z'-]*")
_NOT_ITEM_WORD = _NOT_MODIFIER | set("""
patients patient subjects participants group groups arm arms dose doses level levels cycle cycles day days week weeks
month months both either each none one two three four five six seven eight nine ten treatment therapy study drug
mg kg rate rates incidence frequency higher lower mild moderate well tolerated manageable uncommon infrequent
placebo control controls vehicle present absent common rare frequent similar non-serious nonserious serious except
plus alone combination phase period risk risks likelihood odds chance within limits
""".split())


_CHANGE_WORDS = {"increased", "decreased", "elevated", "raised", "reduced"}


def _list_items(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of the event names in a list governed by a head (text[a:b]): an item is a short run of words
    without figures, stripped of severity and grade words."""
    out = []
    pos = a
    # figures and comments in parentheses are not items ("(2% and 45%; P < .01)")
    parens = [(m.start(), m.end()) for m in regex.finditer(r"\([^()]*\)|\[[^\[\]]*\]", text[a:b])]
    for sep in [*_ITEM_SPLIT_RE.finditer(text, a, b), None]:
        if sep is not None and any(x <= sep.start() - a < y for x, y in parens):
            continue
        end = sep.start() if sep else b
        while pos < end and text[pos].isspace():
            pos += 1
        item_start = _ITEM_LEAD_RE.match(text, pos, end).end()
        stop = _ITEM_END_RE.search(text, item_start, end)
        item_end = stop.start() if stop else end
        words = list(_ITEM_WORD_RE.finditer(text, item_start, item_end))
        # participles, adjectives in -able and abbreviations or names ("qdRT", "HART") are no event names
        if words and words[0].start() == item_start and 1 <= len(words) <= 4 \
                and not any(regex.search(r"(?:ed|able|ible)$|.[A-Z]", w.group(0)) and not (
                    # "increased appetite", "decreased weight": a change named as an event (CTCAE "appetite decreased")
                    k == 0 and len(words) > 1 and w.group(0).lower() in _CHANGE_WORDS) for k, w in enumerate(words)) \
                and not (words[0].group(0)[0].isupper() and item_start - a > 2) \
                and not any((w.group(0).lower() in _NOT_ITEM_WORD - {"or", "and"}
                             and not (k == 0 and len(words) > 1 and w.group(0).lower() in _CHANGE_WORDS))
                            or w.group(0).lower().endswith("ly") for k, w in enumerate(words)) \
                and not regex.search(r"[^A-Za-z'\s/-]", text[item_start:words[-1].end()]):
            out.append((item_start, words[-1].end()))
        if sep is None:
            break
        pos = sep.end()
    return out


class _Mention:
    """One term mention in a sentence with what was read around it."""

    __slots__ = ("start", "end", "kind", "term", "grade_specs", "count", "pct", "group", "fig_end", "dose_limiting",
                 "grade_after", "all_grades", "per_grade_pcts", "splits", "own_figure")

    def __init__(self, start, end, kind, term, grade_specs, count, pct, group, fig_end, dose_limiting):
        self.start, self.end, self.kind, self.term = start, end, kind, term
        self.grade_specs, self.count, self.pct, self.group = grade_specs, count, pct, group
        self.fig_end, self.dose_limiting = fig_end, dose_limiting
        self.grade_after = self.all_grades = False
        self.per_grade_pcts = None
        self.splits = None  # [(grades, count, pct)] written per grade after the term
        self.own_figure = True


_PREDICATE_RE = regex.compile(
    r"\s*(?:(?:also|generally|mostly|mainly|only)\s+)?(?:reported|observed|seen|noted|recorded|experienced|found|present"
    r"|documented|in|of|among|low|high|rare|infrequent|uncommon|similar|comparable)\b",
    regex.IGNORECASE,
)


def _read_mention(text, s, e, start, end, kind, heads, next_start=None, list_starts=()) -> Optional[_Mention]:
    head = next(((g, d) for a, b, g, d in heads if a <= start < b), None)
    term = regex.sub(r"\s+", " ", text[start:end])
    # grades written right before the term, inside an umbrella ("treatment-related grade 3-5 adverse events"),
    # else right after it, else in a parenthesis after it, else the list head's
    grade_specs: list[list[int]] = []
    term_start = start
    inner = GRADE_RE.search(text, start, end) if kind == "umbrella" else None
    grade_enum = False
    if inner:
        grade_specs = [_grade_values(inner.group("spec"))]
        grade_enum = bool(_GRADE_ENUM_RE.match(inner.group("spec")))
        term = regex.sub(r"\s+", " ", text[start:inner.start()] + text[inner.end():end].lstrip())
    gb = None if inner else _GRADE_BEFORE_RE.search(text, max(s, start - 60), start)
    if gb:
        values = _grade_values(gb.group("spec"))
        if len(regex.findall(r"(?i)grade", gb.group(0))) > 1 and regex.search(r"(?i)\beach\b", text[end:e]):
            grade_specs = [[v] for v in values]  # "grade 3 and grade 4 X ... in 1 patient each"
        elif values:
            grade_specs = [values]
            grade_enum = bool(_GRADE_ENUM_RE.match(gb.group("spec")))
        term_start = gb.start()
    count = pct = None
    group = None
    after = end
    ga = _GRADE_AFTER_RE.match(text, end, e)
    grade_after = all_grades = False
    if ga and not grade_specs:
        grade_specs = [_grade_values(ga.group("spec"))]
        after = ga.end()
        grade_after = True
    split = None if grade_specs else _grade_splits(text, after, e, in_paren=True)
    paren = None if split else _PAREN_RE.match(text, after, e)
    if split:
        after = split[2] + 1
    if paren:
        body = paren.group("body") or paren.group("body2")
        c, p, pg = _paren_figures(body)
        # "(1% v 7%, all grades)": a figure for all grades; no grade is carried onto it from a list
        all_grades = bool(regex.search(r"(?i)\ball\s+grades\b", body))
        count, pct = c, p
        if pg and not grade_specs:
            grade_specs = [pg]
        after = paren.end()
    fig = _AFTER_FIG_RE.match(text, after, e)
    # "azotemia, 18 (56%) occurred during ...": a bare figure after a comma may open the next clause
    if fig and kind == "suffix" and fig.group("n5") and text[after:fig.start("n5")].strip():
        fig = None
    if fig:
        group = fig.group("group")
        if pct is None:
            pv = fig.group("pct") or fig.group("pct2") or fig.group("pct3") or fig.group("pct4") or fig.group("pct5")
            pct = _pct(pv)
        if count is None:
            count = _parse_count(fig.group("n") or fig.group("n5"))
        after = fig.end()
    died = None
    if count is None and pct is None and _DIED_HINT_RE.search(text, max(s, term_start - 30), term_start):
        died = _DIED_BEFORE_RE.search(text, max(s, term_start - 120), term_start)
        if died:
            count, pct = _parse_count(died.group("n")), _pct(died.group("pct"))
    if count is None:
        bf = _BEFORE_FIG_RE.search(text, max(s, term_start - 60), term_start)
        if bf:
            count = _parse_count(bf.group("n"))
            pv = bf.group("pct") or bf.group("pct2")
            if pct is None and pv:
                pct = _pct(pv)
        elif kind == "umbrella":
            # "Three adverse events were recorded", "eight adverse events of grade 3"
            nb = _NUM_BEFORE_RE.search(text, max(s, term_start - 30), term_start)
            if nb:
                count = _parse_count(nb.group("n"))
            else:
                # "one patient had a grade 4 adverse event (lymphoedema)": one event, named in the parenthesis
                named_one = not _PLURAL_UMB_RE.search(term) and _NAMED_IN_PAREN_RE.match(text, end, e)
                fb = None if named_one or _UMB_OF_EVENT_RE.match(text, end, e) else \
                    _UMB_FIG_BEFORE_RE.search(text, max(s, term_start - 220), term_start)
                # "Less than 10% of patients experienced ...": a bound is no figure
                if fb and _BOUND_BEFORE_RE.search(text, max(s, fb.start() - 15), fb.start()):
                    fb = None
                if fb:
                    count = _parse_count(fb.group("n"))
                    pct = _pct(fb.group("pct0") or fb.group("pct") or fb.group("pct2"))
    if split is None and not grade_specs:
        # "occurred in 78% of the patients (grade II, 38%; grade III, 21%)"
        split = _grade_splits(text, after, e, in_paren=True) or _grade_splits(text, after, e, in_paren=False)
        # the reading may not run over another term ("X in 5%, and Y was grade 3 in 2%")
        if split and next_start is not None and split[0] > next_start:
            split = None
    own_figure = count is not None or pct is not None
    if split and not own_figure:
        count, pct = split[1][0][1], split[1][0][2]
    # "adverse events of grade 3 (fracture, ...)", "skin toxicity of grade ≥ 2"
    of = _OF_GRADE_RE.match(text, end, e)
    if of and not grade_specs:
        grade_specs = [_grade_values(of.group("spec"))]
    if kind == "umbrella":
        if pct is None and count is None:
            late = _UMB_LATE_FIG_RE.match(text, end, e)
            # "the most common grade 3 AEs were neutropenia (25 [10%])": the figure is the named event's
            if late and next_start is not None and next_start < late.end():
                late = None
            # "The most common (...) AEs were increased appetite (11% [n=9])": the umbrella heads a list whose items
            # own the figures
            # (not a predicate: "Drug-related AEs in the safety population were reported in 28%")
            if late and any(end <= a < late.end() and not _PREDICATE_RE.match(text, a, e) for a in list_starts):
                late = None
            if late:
                pct, count = _pct(late.group("pct")), _parse_count(late.group("n"))
    if not grade_specs and head and head[0]:
        grade_specs = [head[0]]
    per_grade = _per_grade_pcts(text, end, e, grade_specs) if grade_enum else None
    if per_grade:
        grade_specs, pct, count = [[g] for g in grade_specs[0]], per_grade[0], None
    if count is None and pct is None and (
            _compared_after(text, end, e) or _POPULATION_RE.search(text, max(s, term_start - 50), term_start)
            or _compared_before(text, max(s, term_start - 200), term_start)):
        return None
    if count is None and pct is None and kind != "umbrella" and _enrol_clause(text, s, e, start, end):
        return None
    # "peak Oral Mucositis Assessment Scale score": the name of a measure
    if _MEASURE_AFTER_RE.match(text, end, e):
        return None
    # "18 (56%) occurred during bacterial infections", "after intracerebral haemorrhage": the circumstance of what is
    # reported, not a reported event
    if count is None and pct is None and _CIRCUMSTANCE_BEFORE_RE.search(text, max(s, term_start - 20), term_start):
        return None
    # "but reduced hypokalemia", "fewer infections": named only as reduced, not annotated
    if count is None and pct is None and _REDUCED_BEFORE_RE.search(text, max(s, term_start - 30), term_start):
        return None
    if kind == "term" and regex.match(r"(?i)infections?$", term) and _VIRUS_BEFORE_RE.search(text, max(s, start - 8), start):
        return None
    # an event whose only figure is zero ("bacterial ventriculitis, 0%") is named as absent; not one whose other arm
    # has it ("stomatitis (0% and 24%)")
    if pct == 0 and not count and _ZERO_ONLY_RE.match(text, end, e):
        return None
    # a suffix-family word outside the term list is an event only with its own figure
    if kind == "suffix":
        if (count is None and pct is None) \
                or _IMPROVED_BEFORE_RE.search(text, max(s, term_start - 30), term_start):
            return None
        kind = "term"
    if kind == "umbrella":
        # an umbrella names no event of its own: only a figure makes it one; "at least one AE" never
        # nor a reason for stopping treatment ("discontinued because of adverse events (5%)")
        # nor the class a named event belongs to ("Headache was the most common adverse event (20%)")
        if (pct is None and count is None) or _AT_LEAST_ONE_RE.search(text, max(s, term_start - 20), term_start) \
                or _MOST_RE.search(text, max(s, term_start - 40), term_start) \
                or (not died and _REASON_RE.search(text, max(s, term_start - 20), term_start)):
            return None
    dose_limiting = bool(head and head[1]) or bool(
        regex.search(r"(?i)dose[\s-]limiting\s*$", text[max(s, term_start - 20):term_start])
    )
    m = _Mention(start, end, kind, term, grade_specs, count, pct, group, after, dose_limiting)
    m.grade_after = grade_after
    m.all_grades = all_grades
    m.per_grade_pcts = per_grade
    if split:
        m.splits, m.own_figure = split[1], own_figure
        m.fig_end = max(m.fig_end, split[2])
    return m


_ABBREV_RE = regex.compile(r"[A-Za-z][\w-]*[A-Z][\w-]*")
_ADJECTIVE_RE = regex.compile(r"[a-z]{3,}(?:al|ic|ac|ous|ary|ar|ive)$")
_ITEM_FIG_RE = regex.compile(
    rf"\s*(?:[(\[]\s*(?:n\s*=\s*)?(?:\d|{NUMBER_WORD}\b)|,?\s*(?:in\s+)?{_DEC}\s*%)", regex.IGNORECASE
)


def _with_list_items(text, heads, found, paren_heads=frozenset()):
    """Inside a list head's range that names at least one known event, every item is an event as written:
    "Adverse events included hyperpigmentation, eczematous skin rashes and palpitations"."""
    extra = []
    for a, b, _, _ in heads:
        known = [(st, en) for st, en, kind in found if a <= st < b and kind == "term"]
        if not known and a in paren_heads and regex.search(r"\d", text[a:b]):
            continue  # "adverse events (linagliptin 78.4%, placebo 81.4%)": arms, not events
        for i, (st, en) in enumerate(_list_items(text, a, b)):
            inside = [(x, y) for x, y in known if st <= x and y <= en]
            if not inside and text[st:en].lower() in _NOT_ITEM_WORD:
                continue
            # in a list that names no known event, an item is an event when its own figure follows it
            # ("The most common AEs were oral candidiasis (8%) and dysphonia (5%)"); a lone adjective
            # ("mostly gastrointestinal (45%)") names a class, not an event
            # ("cardiac (43 [47%])"); such a list starts right at its head ("AEs were more frequent in A (43%)
            # than in B (11%) and standard care (12%)" is a comparison, not a list)
            # an umbrella's parenthesis without figures names its events: "a grade 4 adverse event (lymphoedema)"
            if not known and a in paren_heads:
                pass
            elif not known and not (_ITEM_FIG_RE.match(text, en, b) and not (
                    " " not in text[st:en] and _ADJECTIVE_RE.search(text[st:en].lower()))):
                if i == 0:
                    break
                continue
            if not known and i == 0 and text[a:st].strip() and a not in paren_heads:
                break
            # "fatigue or asthenia (12%)", "mucositis and/or stomatitis in 8 patients" are one event; names run
            # together with slashes ("anemia/thrombocytopenia/emesis/rash (n = 1)") stay separate events
            if len(inside) > 1 and not all(
                    regex.fullmatch(r"\s+(?:or|and/or)\s+", text[y:x]) for (_, y), (x, _) in zip(inside, inside[1:])):
                continue
            if regex.match(r"(?i)(?:or|and)\b", text[st:en]) or regex.search(r"(?i)\b(?:or|and)$", text[st:en]):
                continue
            if any(x < en and st < y and not (st <= x and y <= en) for x, y, _ in found):
                continue  # an item that cuts a known term or category is not read right
            extra.append((st, en, inside))
    if not extra:
        return found
    out = [f for f in found if not any(st <= f[0] and f[1] <= en for st, en, _ in extra)]
    out.extend((st, en, "term") for st, en, _ in extra)
    return sorted(set(out))


_OR_GAP_RE = regex.compile(r"\s+(?:or|and/or)\s+", regex.IGNORECASE)
_LIST_BEFORE_RE = regex.compile(r"(?:[,/]|\bor)\s*$", regex.IGNORECASE)
_LIST_AFTER_RE = regex.compile(r"\s*[,/]|\s+or\b", regex.IGNORECASE)


def _join_slash_pairs(text, found):
    """'arthralgia/myalgia (grade 2 or 3, 4%)': two terms joined by a slash (or by 'or') name one event as written; a longer
    chain ('anemia/thrombocytopenia/emesis/rash (n = 1)') lists separate events."""
    out, i = [], 0
    while i < len(found):
        st, en, kind = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt and kind == nxt[2] == "term" and text[en:nxt[0]] == "/" \
                and text[st - 1:st] != "/" and text[nxt[1]:nxt[1] + 1] != "/":
            out.append((st, nxt[1], kind))
            i += 2
            continue
        # "patients experiencing nausea or vomiting", "renal dysfunction or hyperkalemia (2.3%)": two events joined by
        # "or" name one event as written; not inside a longer list ("nausea, vomiting or diarrhea")
        if nxt and kind == nxt[2] == "term" and _OR_GAP_RE.fullmatch(text, en, nxt[0]) \
                and not _LIST_BEFORE_RE.search(text, max(0, st - 4), st) \
                and not _LIST_AFTER_RE.match(text, nxt[1], nxt[1] + 4):
            out.append((st, found[i + 1][1], kind))
            i += 2
            continue
        out.append(found[i])
        i += 1
    return out


# "grade 3, 4, and 5 adverse events ... were 52%, 11%, and 15% (vs. ...), respectively": one figure per grade.
# Not when the figures are the arms' ("87% and 72% in the panitumumab and control groups, respectively").
_PCT_LIST = rf"{_DEC}\s*%(?:\s*,\s*(?:and\s+)?{_DEC}\s*%|\s*,?\s*and\s+{_DEC}\s*%)+"
_PER_GRADE_RE = regex.compile(
    rf"[^;]{{0,80}}?\b(?:were|was|of|in|occurred\s+in)\s+(?P<list>{_PCT_LIST})(?P<rest>[^;]{{0,100}}?),?\s*respectively",
    regex.IGNORECASE,
)
_GRADE_ENUM_RE = regex.compile(r"(?i)^\s*[0-5IV]+(?:\s*(?:,|and|,\s*and)\s*(?:grades?\s*)?[0-5IV]+)+\s*$")


def _per_grade_pcts(text: str, end: int, e: int, grade_specs: list[list[int]]) -> Optional[list[float]]:
    if len(grade_specs) != 1 or len(grade_specs[0]) < 2:
        return None
    r = _PER_GRADE_RE.match(text, end, e)
    if not r or regex.search(r"(?i)\b(?:groups?|arms?|cohorts?)\b", r.group("rest")):
        return None
    pcts = [_pct(p) for p in regex.findall(rf"({_DEC})\s*%", r.group("list"))]
    return pcts if len(pcts) == len(grade_specs[0]) else None


def _with_qualifiers(text, s, found):
    out, prev_end = [], s
    for st, en, kind in found:
        x = _extend_qualifiers(text, s, st)
        out.append((x if x >= prev_end else st, en, kind))
        prev_end = en
    return out


def _carry_grades(text: str, mentions: list[_Mention]) -> None:
    """'Grade 3 and 4 neutropenia in 16 patients, anemia in 12 patients, and fever in 3 patients': a grade
    written on the first item of a list of figures holds for the items after it, until one names its own.
    A grade on an item inside a list ("alopecia (79%), grade 3/4 neutropenia (33%), and ...") is its own."""
    carry: Optional[list[list[int]]] = None
    prev = None
    for m in mentions:
        linked = prev is not None and m.kind != "umbrella" and _LIST_GAP_RE.fullmatch(text, prev.fig_end, m.start)
        if m.all_grades:
            carry = None
        elif m.grade_specs:
            carry = m.grade_specs if not (linked and not prev.grade_specs) else None
        elif linked and carry and (m.count is not None or m.pct is not None):
            m.grade_specs = carry
        else:
            carry = None
        prev = m
    # "Neutropenia and thrombocytopenia grade ≥3 were observed": a grade after the last of bare coordinated
    # terms holds for each of them
    for i in range(len(mentions) - 1, 0, -1):
        m, p = mentions[i], mentions[i - 1]
        if m.grade_after and not p.grade_specs and p.fig_end == p.end and p.kind != "umbrella" \
                and _TIGHT_GAP_RE.fullmatch(text, p.end, m.start):
            p.grade_specs = m.grade_specs
            p.grade_after = True


def extract(doc: Doc, found: "Found") -> list[AdverseEvent]:
    text = found.text or doc.text  # doc.text is rebuilt from the tokens on every read
    # cue words found in one pass over the document, then looked up per sentence
    cues = [m.start() for m in _CUE_RE.finditer(text)]
    # "There were two treatment-related deaths": a cue found after a plain substring test (cheaper than one more
    # alternative in the scan above)
    if "related death" in text:
        cues = sorted(cues + [m.start() for m in _RELATED_DEATH_RE.finditer(text)])
    # "The overall complication rate in group B was 12.88%": complications make a sentence about toxicity only for
    # the umbrella itself; the events named beside them are mostly background ("Xerostomia is one of the most common
    # complications of radiotherapy")
    complication_cues = [m.start() for m in _COMPLICATION_RE.finditer(text)] if "omplication" in text else []
    # "self-reported" is no occurrence; checked here because a lookbehind made the scan twice as slow
    occurs = [m.start() for m in _OCCUR_RE.finditer(text) if text[m.start() - 1:m.start()] != "-"]
    if not cues and not occurs and not complication_cues:
        return []
    events: list[AdverseEvent] = []
    seen: dict = {}
    body_start = first_body_heading(text) or 0
    for s, e in sentence_bounds(doc):
        if e <= body_start:
            continue
        umbrella_only = False
        if not _sentence_ok(text, s, e, cues, occurs):
            if not (complication_cues and _any_in(complication_cues, s, e)
                    and _sentence_ok(text, s, e, complication_cues, [])):
                continue
            umbrella_only = True
        # list heads: the span each governs runs to the end of the sentence
        heads, compared = [], set()
        for h in LIST_HEAD_RE.finditer(text, s, e):
            if _FIGURE_NEXT_RE.match(text, h.end(), e):
                continue  # "Incidence of grade 3 and 4 adverse events was 23% and 5%": a figure, not a list
            g = GRADE_RE.search(text, max(s, h.start() - 60), h.start())
            head_grades = _grade_values(g.group("spec")) if g else []
            heads.append((h.end(), e, head_grades, bool(_DLT_RE.search(h.group("head")))))
            if _COMPARED_HEAD_RE.match(text, h.end(), e):
                compared.add(h.end())
        # an umbrella with its events in parentheses: "eight adverse events of grade 3 (fracture, ...)",
        # "a grade 4 adverse event (lymphoedema)"
        paren_heads = set()
        for u in (_UMBRELLA_PAREN_RE.finditer(text, s, e) if "(" in text[s:e] else ()):
            paren_heads.add(u.start("body"))
            g = GRADE_RE.search(u.group(0))
            heads.append((u.start("body"), u.end("body"), _grade_values(g.group("spec")) if g else [],
                          bool(_DLT_RE.search(u.group(0)))))
        list_heads = [h for h in heads if h[0] not in compared]
        in_list = [(a, b) for a, b, _, _ in list_heads]
        found_mentions = _mentions(text, s, e, in_list)
        if umbrella_only:
            found_mentions = [f for f in found_mentions if f[2] == "umbrella" and _COMPLICATION_RE.search(text, f[0], f[1])]
        else:
            found_mentions = _with_list_items(text, list_heads, found_mentions, paren_heads)
        mentions: list[_Mention] = []
        # the abbreviation a term defines ("acute respiratory distress syndrome (ARDS; ...)") is no new event
        # ("a grade 3 adverse event (fatigue)" names its event: only an abbreviation is skipped); nor is it the next
        # mention a figure may not run over ("The incidence of adverse events (AEs) was higher in X (57.6%)")
        defined = []
        for start, end, kind in _with_qualifiers(text, s, _join_slash_pairs(text, found_mentions)):
            if defined and regex.fullmatch(r"\s*[(\[]\s*", text[defined[-1][1]:start]) \
                    and _ABBREV_RE.fullmatch(text, start, end):
                continue
            defined.append((start, end, kind))
        found_mentions = defined
        for idx, (start, end, kind) in enumerate(found_mentions):
            if kind == "umbrella" and any(a <= start < b for a, b in in_list):
                continue
            if kind == "umbrella" and regex.match(r"(?i)dlts?\b|dose", text[start:end]):
                continue
            ch = _CLASS_HEAD_RE.match(text, end, e) if kind == "category" else None
            if ch and TERM_RE.match(text, ch.end(), e):
                continue  # "Grade ≥2 nonhematologic toxicity included nausea ...": the class heads a list
            if _negated(text, s, start, end, e):
                continue
            next_start = found_mentions[idx + 1][0] if idx + 1 < len(found_mentions) else None
            m = _read_mention(text, s, e, start, end, kind, heads, next_start, [h[0] for h in list_heads if h[0] not in paren_heads])
            if m is not None:
                mentions.append(m)
        _carry_grades(text, mentions)
        for m in mentions:
            readings = [] if m.splits and not m.own_figure else [
                (grades, None if m.per_grade_pcts else m.count, m.per_grade_pcts[i] if m.per_grade_pcts else m.pct)
                for i, grades in enumerate(m.grade_specs or [[]])]
            readings.extend(m.splits or ())
            for grades, count, pct in readings:
                # one event named twice ("The most common DLT was fatigue ... AEs included fatigue") is one
                # fact: the later mention only fills in what the first left open
                key = (m.term.lower(), tuple(grades), m.group)
                if key in seen:
                    first = seen[key]
                    first.count = first.count if first.count is not None else count
                    first.percent = first.percent if first.percent is not None else pct
                    first.dose_limiting = first.dose_limiting or m.dose_limiting
                    continue
                seen[key] = event = AdverseEvent(
                    text=text[m.start:m.end], start=m.start, end=m.end, group=m.group, term=m.term, grades=grades,
                    count=count, percent=pct, dose_limiting=m.dose_limiting,
                )
                events.append(event)
    return events
