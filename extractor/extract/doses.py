"""Extractor: doses with unit, amount in the base unit, schedule, route, drug and group (RECORDS.md Dose).

How abstracts write a dose, and so how it is read here:
- a value or a list/range of values sharing one unit: "400 mg", "200-400 mg", "10, 20, 40 and 80 mg/m2",
  "6 (Cohorts 1 and 2) or 9 (Cohort 3) million international units", "0.7 × 10^6 JRU"; carboplatin's "AUC 5";
- then, optionally, a group label in parentheses and the schedule ("twice daily", "days 1 and 8 of a 21-day cycle"),
  which a list shares: "200 mg (Cohort 1) or 400 mg (Cohorts 2 and 3) twice daily" is twice daily for both;
- the drug is the DRUG entity right after the unit ("400 mg of X", "400 mg X") or else the nearest one before the dose
  in the same sentence ("X 400 mg", "X at a dose of 400 mg", "X (400 mg)").
Lab values, concentrations, statistics of doses received, thresholds ("≥1500 mg/day"), doses in eligibility or prior
therapy, and PK exposures are not doses: they are recognised by the unit's denominator or by the words around them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Optional

import regex
from spacy.tokens import Doc

from ..annotate import doc_text, sentence_bounds
from ..drugs import canonical_name
from ..models import Dose, Frequency
from .frequency import CYCLE_RE, Schedule, cycle_days, parse_schedule
from .units import UNIT, Unit, unit_from_match

if TYPE_CHECKING:
    from . import Found

# --- values -------------------------------------------------------------------------------------------------------
# 1,234 / 12.5 / 2·5 (the Lancet's decimal point); optional exponent "× 10^6", "x 10(6)", and "× 106" when the
# superscript was lost in copying (only a single exponent digit 3-9 right after "10", which no real factor looks like).
# a number right after "N," is the next item of a list, not thousands ("5,10,20,40,80,160,160,160 mg")
_NUM = r"(?:(?<!\d,)\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,3}(?:[ \u2009\u202f]\d{3})+(?![\d,.])|\d+(?:[.·]\d+)?|\.\d+)"
_EXP = r"(?:\s*[×xX*]\s*10\s*(?:\^\s*(?P<e>[-−]?\d{1,2})|\(\s*(?P<e>[-−]?\d{1,2})\s*\)|(?P<e>[3-9])(?!\d)))"
_VAL = rf"{_NUM}{_EXP}?"
# group labels written next to a dose: "(level I)", "(Cohorts 2 and 3)", "(arm A)", "(group 2, n = 709)"
_GROUP_LABEL = (r"(?:dose\s+)?(?i:levels?|cohorts?|arms?|groups?|steps?|DL)\s+(?:[A-Z]|[IVX]+|\d+[a-z]?)"
                r"(?:\s*(?:,|and|or|&|to)\s*(?:[A-Z]|[IVX]+|\d+[a-z]?)\b)*")
_GROUP = rf"\s*\(\s*(?P<g>{_GROUP_LABEL})\s*(?:[,;][^()]*)?\)"
_ITEM = rf"(?:{_VAL})(?:\s*(?:-|–|—|to)\s*(?:{_VAL}))?(?:{_GROUP})?"
_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+|\s*(?:(?P<su>mg|µg|μg|mcg)\s*/\s*(?=[\d.,]+\s*(?P=su)\b)|/\s*))"
# "/" between strengths: a fixed-dose combination ("budesonide/formoterol 320/9 μg", "45 mg/105 mg tablet"), one dose
# per component (ANNOTATION: one fact per drug and amount), or one drug's alternatives ("golimumab 50/100 mg")
_SLASH_GAP = regex.compile(r"\s*(?:(?:mg|µg|μg|mcg)\s*)?/\s*")
# a leading number that counts days or is a year ("days 1 through 5 or 165 mg/m2", "from December, 2006, 4 mg/kg")
_DAY_NUMBER_BEFORE = regex.compile(
    r"(?i:\b(?:days?|d|through|weeks?|cycles?|months?|years?|hours?|h|aged?)\s*|\b(?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December)\s*,?\s*)$")
# between two doses of a list: a group label or the arm's size ("5 mg (N=80), 10 mg (N=86), or 20 mg (N=68) of X")
_CHAIN_GAP = regex.compile(rf"(?:{_GROUP}|\s*\(\s*[nN]\s*=\s*\d+\s*\))?{_SEP}")

# A dose: not glued to a preceding number, ratio or letter ("V20 Gy", "5/40 mg", "2,500"), then items and the unit.
DOSE_RE = regex.compile(
    rf"(?<![\w.,/×^±+·-]|[-–]\s|/\s)(?P<items>{_ITEM}(?:{_SEP}{_ITEM})*)\s*(?:-\s*)?{UNIT}"
)
_ITEM_RE = regex.compile(
    rf"(?P<v1>{_NUM})(?P<x1>{_EXP})?(?:\s*(?P<rng>-|–|—|to)\s*(?P<v2>{_NUM})(?P<x2>{_EXP})?)?(?:{_GROUP})?"
)
# Carboplatin is dosed to a target AUC (Calvert formula); any other AUC is an exposure, not a dose.
AUC_RE = regex.compile(
    r"\b(?:AUC|(?i:area\s+under\s+(?:the\s+)?(?:(?:plasma\s+)?concentration(?:[\s-]time)?\s+)?curve)"
    r"(?:\s*[(\[]AUC[)\]])?)"
    r"\s*(?:(?i:of|=|:|,|target(?:ed)?\s+of)\s*)?(?P<v>\d{1,2}(?:\.\d)?)(?![\d.,]*\s*(?:%|ng|µg|μg|h\b|hr))"
    r"(?:\s*(?i:mg\s*/\s*m[lL]\s*(?:/|·|×|x|\*|\.)?\s*min|mg\s*·?\s*min\s*/\s*m[lL]))?"
)
_CARBO = regex.compile(r"(?i:carboplat|paraplatin|CBDCA)")

# --- what is not a dose -------------------------------------------------------------------------------------------
# the unit continues as a concentration or a per-mass ratio: mg/dL, IU/mL, mg/g creatinine, ng·h/mL
_AFTER_NOT_DOSE = regex.compile(
    r"\s*(?:/|·|\s(?i:per)\s)\s*(?:(?i:d?l|m[lL]|dl|100\s*m[lL]|mol|mmol|g|L|liter|litre|deciliter|decilitre|"
    r"millilit(?:er|re)s?|cc|kg"
    r"|mm|cm|tab|m3|(?:micro|µ|μ|u)[lL]))\b|\s*/\s*[\d.,]+\s*(?:kg|g|m[lL]|d?[lL]|(?:micro|µ|μ|u)[lL])\b|(?<=U)\.\s?[A-Z]|\s+(?i:of\s+(?:tissue|creatinine|wet|dry|protein|fat|carbohydrate)\b)|\s*(?:±|\+/-|\+\s/-)"
    # a threshold, not a level given: "paclitaxel doses of 200 mg/m2 and higher" (settled rule)
    r"|\s+(?i:(?:and|or)\s+(?:higher|above|greater|more|over)\b)"
    # "2387 microg%", "mg%": the old notation for a concentration per 100 mL
    r"|\s*%"
    # a figure with its p-value is a result: "(576 vs. 723 mg/kg; P = 0.002)", "(81 mcg vs. 114 mcg, P = 0.000)"
    r"|(?:\s*(?:vs\.?|versus)\s+[\d.,]+\s*[^\s;,()]{0,12})?\s*[;,)]?\s*[(\[]?\s*(?<![A-Za-z])[Pp]\s*(?:[=<>≤≥]|value)"
    # a step on a scale, not a dose: "a 1-unit higher HAQ DI score", "every 1-unit (Nm/kg) increase in strength"
    r"|(?<=-(?i:units?))(?:\s*\([^()]{1,15}\))?\s+(?i:higher|lower|greater|increase|increment|decrease|rise|drop|change|"
    r"difference|reduction|improvement|gain|loss)\b"
    # units of blood products transfused are an outcome, not a dose: "26 units of PRBC", "4 units of packed red cells"
    r"|(?<=(?i:units?|U))\s+(?i:of\s+(?:packed\s+)?(?:PRBCs?|RBCs?|red\s+(?:blood\s+)?cells?|(?:whole\s+)?blood|FFP|"
    r"fresh\s+frozen\s+plasma|platelets?|cryoprecipitate))\b"
)
# right before the value: thresholds, spreads and comparisons ("≥1500 mg/day", "± 12 mg", "up to 400 mg")
_BEFORE_NOT_DOSE = regex.compile(
    r"(?:[<>≤≥=±~≈]|\+/-|\+\s/-|(?i:less|more|greater|fewer|higher|lower)\s+than|(?i:at\s+least|up\s+to|above|below|"
    r"exceed(?:ing)?|over|under|maximum\s+of|max\.?\s+of|minimum\s+of|approximately|about|(?<!(?i:followed|preceded)\s)by|"
    # a change, not a dose: "a dose reduction of 2.92 Gy", "an increase of 50 mg"
    r"(?:reduction|decrease|increase|difference|change)\s+of|difference\s*:?"
    # the make-up of a dose already written: "each dose consisting of two actuations of 90 μg"
    r"|consist(?:s|ing)\s+of\s+\w+\s+(?:actuations?|puffs?|inhalations?|sprays?)\s+of(?:\s+[\d.]+\s*\S+\s+(?:and|or))?))\s*$"
)
# grams that weigh a body: "rats weighing 260–300 g", "birth weight of 1000-1500 g", "Swiss-Webster mice (30-35 g)"
_BODY_WEIGHT_BEFORE = regex.compile(
    r"(?i:(?:\bweigh(?:ing|ed|t|ts|ting)?|birth\s*weights?|body\s+(?:weight|mass)|\bBW)\b[^.;()]{0,20}"
    r"|\b(?:mice|rats?|rabbits?|hamsters?|guinea\s+pigs?|piglets?|dogs?|animals?)\s*\(\s*)$")
# statistics of doses received, in the words just before ("a median dose of", "mean daily dose", "cumulative")
_STAT_BEFORE = regex.compile(
    r"(?i:\b(?:median|means?|average|cumulative|total(?!\s+of\s+\d)|dose[\s-]intensity|last\s+(?:\w+\s+)?dose|received\s+a\s+median|consumption|requirements?|"
    # "morphine equivalents"; not the same dose in other terms: "14.4/10 μg (equivalent to glycopyrrolate ... 18/9.6 μg)"
    r"(?<!(?:g|IU|m[lL])\s*\(\s*)equivalents?|sum))\b(?:[^.;:]|\.(?=\d)|(?<=\bvs)\.){0,40}$"
)
# a clause whose subject is a statistic of the doses received: every amount in it is that statistic ("The median
# metered daily dose of inhaled glucocorticoid in the X group (57 μg) was 17% of the dose in the Y group (340 μg)",
# "Mean total doses of alfentanil, fentanyl and sufentanil were 443, 45 and 4.4 micrograms kg-1")
_STAT_SUBJECT = regex.compile(
    r"\s*(?:(?i:the)\s+)?(?i:median|mean|average|cumulative|total)\s+(?:[\w-]+\s+){0,5}?"
    r"(?i:doses?|dosages?|consumption|requirements?|intakes?)\b(?:[^.;]|\.(?=\d))*$")
_STAT_BEFORE_GY = regex.compile(r"(?i:\b(?:median|mean|average|maximum|max|V\d+|D\d+))\b[^.;:]{0,25}$")
# sentences about eligibility, prior therapy, pharmacokinetics or other studies
_SENT_NOT_DOSE = regex.compile(
    r"(?i:(?:were|was|are|is|be|been|not)\s+eligible|eligibility|eligible\s+(?:if|for|when)|inclusion\s+criteri|exclusion\s+criteri|\bwere\s+excluded|previously\s+(?:treated|received)|"
    r"\bprior\s+(?:therapy|treatment|chemotherapy|exposure|use|regimens?|lines?)|pretreated|history\s+of|\bC\s?max\b|\bt\s?max\b|half-life|clearance|pharmacokinetic\s+parameters|"
    r"previous\s+stud|(?:older|earlier|previous|prior|published)\s+(?:reports|studies|trials|data)|reports?\s+suggest|"
    r"(?:has|have)\s+been\s+reported|has\s+been\s+shown|have\s+shown|other\s+studies|was\s+approved|is\s+approved|"
    r"overdos|poison|intoxicat)"
)

# "(patients who received X in the parent trial) were eligible to receive open-label Y 200 mg q2w": the doses after it
# are the extension arm's regimen, not a criterion; those before it stay prior therapy
_ELIGIBLE_TO = regex.compile(r"(?i:(?:were|was|are|is|be|been)\s+eligible\s+to\s+(?:receive|continue|enter|switch)\b)")

# --- routes -------------------------------------------------------------------------------------------------------
_ROUTES = [
    (r"(?i:oral(?:ly)?|per\s+os|by\s+mouth)|p\.o\.|\bPO\b|\bpo\b", "oral"),
    (r"(?i:intravenous(?:ly)?)|i\.v\.|(?<!(?i:stage|grade|class|phase|type|level|arm|group|cohort)\s|[-/–])\bIV\b", "intravenous"),
    (r"(?i:intramuscular(?:ly)?)|i\.m\.|\bIM\b", "intramuscular"),
    (r"(?i:subcutaneous(?:ly)?|sub-cutaneous(?:ly)?)|s\.c\.|\bSC\b|s\.q\.", "subcutaneous"),
    (r"(?i:intravesical(?:ly)?)", "intravesical"),
    (r"(?i:intrathecal(?:ly)?)", "intrathecal"),
    (r"(?i:intraperitoneal(?:ly)?)|i\.p\.", "intraperitoneal"),
    (r"(?i:topical(?:ly)?)", "topical"),
    (r"(?i:inhaled|inhalation|nebuli[sz]ed)", "inhaled"),
    (r"(?i:intratumou?ral(?:ly)?)", "intratumoral"),
]
ROUTE_RE = regex.compile("|".join(f"(?P<r{i}>{p})" for i, (p, _) in enumerate(_ROUTES)))
_ROUTE_NAMES = [name for _, name in _ROUTES]

# --- drug attribution ---------------------------------------------------------------------------------------------
# words allowed between a unit and the drug that follows it ("400 mg of oral X", "6 mg of pegfilgrastim")
# "a single 300mg dose of vandetanib", "50 mg (n = 15) camicinal", "16 mg OROS® hydromorphone": a dose noun, the arm's
# size or a brand name between them
_TO_FOLLOWING_DRUG = regex.compile(
    r"^\s*(?:(?:of|oral(?:ly)?|intravenous(?:ly)?|subcutaneous(?:ly)?|intramuscular(?:ly)?|inhaled|topical|i\.v\.|IV|"
    r"enteral|sublingual|buccal|intranasal|transdermal|rectal|vaginal|"
    r"s\.c\.|sc|p\.o\.|daily|"
    r"weekly|once[\s-]daily|twice[\s-]daily|single|bolus|loading|the|a|an|liposomal|pegylated|doses?|\(\s*n\s*=\s*\d+\s*\)|"
    r"(?-i:[A-Z][\w-]*[®™])|\(|\)|-)\s*)*$",
    regex.IGNORECASE,
)
# clause breaks a drug before the dose may not lie beyond
_CLAUSE_BREAK = regex.compile(r";|\bversus\b|\bvs\.?|\bcompared\s+with\b|\bwhereas\b|\bwhile\b")
# a sentence with no drug that continues the previous one's regimen ("The dose was ...")
_CONTINUES = regex.compile(r"\s*(?i:(?:the|this|each|all|its)\s+(?:\w+\s+)?(?:dose|doses|drug|regimen|treatment)"
                           r"|it\s+was|they\s+received|patients\s+received\s+(?:the\s+)?(?:same|study))")
_RESPECTIVELY = regex.compile(r"[^.;]{0,80}?\brespectively\b")
# where a schedule after a dose ends: the next clause, comparator or regimen
_SCHEDULE_STOP = regex.compile(
    # the dot of a dotted abbreviation ("2.5 mg b.d. for 6 weeks", "500 mg t.d.s. and") is no sentence end
    r";|(?<!\b[a-z]\.[a-z])\.(?:\s|$)|\b(?:versus|vs\.?|compared\s+with|(?:followed\s+by|then)(?!\s+(?:a\s+)?\w+[\s-]+(?:weeks?|days?)[\s-]+(?:off|of\s+rest|rest|without|treatment[\s-]free|break)\b)|plus|combined\s+with|"
    r"in\s+combination\s+with|with\s+or\s+without|and\s+(?=[A-Za-z]+\s+\d))\b",
    regex.IGNORECASE,
)
# Fallback when no DRUG entity is near: the word right before "400 mg" or after "400 mg of", if it looks like a name.
_NAME_BEFORE = regex.compile(r"(?P<d>[A-Za-z][A-Za-z0-9-]{2,}(?:\s+[A-Z][A-Za-z0-9-]+)?)\s*(?:\(\s*)?$")
_NAME_AFTER = regex.compile(r"\s+of\s+(?P<d>[A-Za-z][A-Za-z0-9-]{2,})")
_NOT_A_NAME = regex.compile(
    r"(?i:^(?:of|to|and|or|with|at|in|on|for|by|from|the|a|an|dose|doses|dosed|dosage|received|receive|receiving|"
    r"pmdi|mdi|dpi|mdpi|bai|hfa|inhaler|diskus|turbuhaler|respimat|handihaler|ellipta|breezhaler|genuair|"
    r"given|administered|was|were|is|be|group|groups|arm|either|plus|daily|weekly|oral|orally|intravenous|"
    r"intravenously|single|low|high|higher|lower|fixed|starting|initial|loading|maintenance|patients|subjects|"
    r"placebo|than|increased|decreased|reduced|escalated|level|levels|cohort|cohorts|between|versus|vs|then|"
    r"followed|mg|g|µg|IU|units|each|every|containing|consisting|using|treated|treatment|therapy|regimen|"
    r"randomized|randomised|assigned|allocated|infusion|injection|bolus|tablet|tablets|capsule|capsules|"
    r"once|twice|dose-level|level|as|that|which|who|after|before|during|per|mean|median|total|day|days|week|weeks)$)"
)
_PLACEBO = regex.compile(r"(?i:placebo|sham|vehicle|saline)")


def _parse_value(num: str, exp: Optional[str], unit: str = "") -> float:
    num = regex.sub(r"[,\s\u2009\u202f]", "", num)
    if unit[:1] in {"I", "U"} and regex.fullmatch(r"[1-9]\d{0,2}\.000", num):
        num = num.replace(".", "")  # "40.000 IU" of vitamin D: a European thousands point, not a decimal
    v = float(num.replace("·", "."))
    if exp:
        e = regex.search(r"[-−]?\d+", exp.split("10", 1)[1]).group(0).replace("−", "-")
        v *= 10.0 ** int(e)
    return v


def _sentence_of(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    lo, hi = 0, len(bounds) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = bounds[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return s, e
    return bounds[-1] if pos >= bounds[-1][1] else bounds[0]


class _Drug:
    __slots__ = ("start", "end", "text", "name")

    def __init__(self, start: int, end: int, text: str, name: Optional[str]):
        self.start, self.end, self.text, self.name = start, end, text, name


def _drugs(doc: Doc, text: str) -> list[_Drug]:
    # from the token arrays: doc.ents builds a Token object per token, which costs more than this whole stage
    if len(doc) == 0:
        return []
    arr = doc.to_array(["ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "IDX", "LENGTH"])
    drug = doc.vocab.strings["DRUG"] if "DRUG" in doc.vocab.strings else None
    if drug is None or not (arr[:, 1] == drug).any():
        return []
    out, cur = [], None
    for iob, typ, kb, idx, length in arr.tolist():
        if iob == 3 or iob != 1:  # B starts, O ends a mention
            if cur:
                out.append(cur)
                cur = None
        if typ == drug and iob in (1, 3):
            if cur is None:
                cur = [idx, idx + length, kb]
            else:
                cur[1] = idx + length
    if cur:
        out.append(cur)
    strings = doc.vocab.strings
    return [_Drug(a, b, text[a:b], (strings[kb].lower() if kb else None) or None) for a, b, kb in out]


# a name the lexicon may not know: a code or acronym (LY2495655, CEE) or a word with a drug-class ending
_DRUG_SHAPE = regex.compile(
    r"(?:[A-Z]{2,}[A-Za-z0-9-]*|[A-Za-z]+-?\d+[A-Za-z0-9-]*|[A-Za-z-]*(?:mab|nib|tinib|ine|ide|olol|one|ate|mycin|cillin|"
    r"pril|sartan|statin|azole|vir|parin|ase|tide|gliflozin|gliptin|fen|pam|lam|zepam|done|profen|oxacin|cycline|"
    r"platin|taxel|rubicin|ol|sone|lone|mide|trel|caine|prazole|dronate|lukast|tropium|terol|sonide|afil|setron))"
)


def _fallback_drug(text: str, sent_start: int, start: int, end: int) -> Optional[_Drug]:
    after = _NAME_AFTER.match(text, end, min(len(text), end + 40))
    if after and not _NOT_A_NAME.match(after.group("d")) and _DRUG_SHAPE.fullmatch(after.group("d")):
        return _Drug(after.start("d"), after.end("d"), after.group("d"), None)
    before = _NAME_BEFORE.search(text, sent_start, start)
    if before:
        word = before.group("d").split()[0]
        if not _NOT_A_NAME.match(word) and not word[0].isdigit() and _DRUG_SHAPE.fullmatch(word):
            d = word
            return _Drug(before.start("d"), before.start("d") + len(d), d, None)
    return None


def _route_near(text: str, lo: int, hi: int, anchor: int) -> Optional[str]:
    best, dist = None, None
    for m in ROUTE_RE.finditer(text, lo, hi):
        i = next(i for i in range(len(_ROUTES)) if m.start(f"r{i}") >= 0)
        d = abs(m.start() - anchor)
        if dist is None or d < dist:
            best, dist = _ROUTE_NAMES[i], d
    return best


def extract(doc: Doc, found: "Found") -> list[Dose]:
    text = found.text or doc_text(doc)
    matches = list(DOSE_RE.finditer(text))
    has_auc = "AUC" in text or "area under" in text
    if not matches and not has_auc:
        return []  # the quick check: no number with a dose unit
    bounds = sentence_bounds(doc)
    drugs = _drugs(doc, text)
    abbreviations = _long_forms(doc) if "Gy" in text else {}
    doses: list[Dose] = []
    seen: set = set()

    def sent(pos):
        return _sentence_of(bounds, pos) if bounds else (0, len(text))

    def add(dose: Dose):
        key = (dose.drug_name or (dose.drug or "").lower(), round(dose.amount, 6), dose.value_max, dose.unit,
               None if dose.frequency is None else (dose.frequency.times, dose.frequency.every, dose.frequency.period),
               dose.group)
        if key not in seen:
            seen.add(key)
            doses.append(dose)

    statements = _cycle_statements(text)
    own_regimen: set = set()  # loading and single doses: a regimen of their own, never a restatement
    maxima: list = []  # "... to a maximum of 300 mg": the upper end of a range started by an earlier dose
    sent_starts = [b[0] for b in bounds] or [0]

    def sent_index(pos):
        return bisect_right(sent_starts, pos) - 1

    drug_schedules = _drug_schedule_sentences(text, drugs, sent, sent_index, matches) if matches else []
    starts = [m.start() for m in matches]
    item_lists = []
    for m in matches:
        items = [it for it in _ITEM_RE.finditer(text, m.start("items"), m.end("items")) if it.group("v1")]
        # "days 1 through 5 or 165 mg/m2": a leading number that counts days is no dose
        while items and _DAY_NUMBER_BEFORE.search(text, max(0, items[0].start() - 12), items[0].start()):
            items.pop(0)
        item_lists.append(items)
    attributions = [_attribute(text, drugs, m, item_lists[mi], *sent(m.start()), bounds) for mi, m in enumerate(matches)]
    last_combo = None
    for mi, m in enumerate(matches):
        items = item_lists[mi]
        # runs of strengths joined by "/": "50/250 or 50/500 mg" is two runs of the same two components
        runs, run = [], 1
        for a, b in zip(items, items[1:]):
            if _SLASH_GAP.fullmatch(text, a.end(), b.start()):
                run += 1
            else:
                runs.append(run)
                run = 1
        runs.append(run)
        if runs[0] > 1 and len(set(runs)) == 1:
            s_start = sent(m.start())[0]
            parts = _components(text, drugs, items[0].start(), runs[0], s_start)
            product = _product_name_before(text, items[0].start(), s_start, drugs)
            if parts is None and product is not None:
                # "IND/GLY 110 μg/50 μg or twice-daily SFC 50 μg/500 μg": another product named right before its
                # strengths, by the abbreviation the abstract uses for it
                attributions[mi] = [product] * len(items)
            elif parts is None and last_combo and last_combo[0] == s_start and len(last_combo[1]) == runs[0]:
                parts = last_combo[1]  # "AZL-M/CTD 20/12.5 mg once daily titrated to 40/25 mg": the same components
            if parts:
                attributions[mi] = parts * len(runs)
                last_combo = (s_start, parts)
    schedules = []
    for mi, m in enumerate(matches):
        next_dose = starts[mi + 1] if mi + 1 < len(starts) else len(text)
        after = m.end()
        d = attributions[mi][0] if attributions[mi] else None
        eq = _EQUIVALENT_PAREN.match(text, after)
        if eq:
            # "GFF MDI 14.4/10 μg (equivalent to glycopyrrolate/formoterol fumarate 18/9.6 μg) twice daily": the same
            # dose in other terms, then the schedule of both
            after = eq.end()
            next_dose = next((st for st in starts[mi + 1:] if st >= after), len(text))
        limit = min(sent(m.start())[1], next_dose)
        if d is not None and d.start >= after:
            # "400 mg once daily of LX4211", "(20 and 50 mg once daily) of GLPG0259": the schedule before the drug
            between = _schedule_after(text, after, d.start)
            if between[0] is not None:
                schedules.append((between[0], limit))
                continue
            after = d.end  # "40 mg simvastatin daily": the schedule follows the drug
        schedules.append(_schedule_after(text, after, limit))
    # "200 mg (Cohort 1) or 400 mg (Cohorts 2 and 3) twice daily", "exemestane 25 mg or tamoxifen 20 mg orally once
    # daily": a list of doses shares the schedule after it, drug names between the doses included
    for mi in range(len(matches) - 2, -1, -1):
        if schedules[mi][0] is None and schedules[mi + 1][0] is not None and (_CHAIN_GAP.fullmatch(
                text, matches[mi].end(), matches[mi + 1].start()) or (
                _list_gap(text, drugs, matches[mi].end(), matches[mi + 1].start())
                and _per_time(matches[mi]) == _per_time(matches[mi + 1]))) and not _schedule_right_before(
                text, matches[mi].start(), sent(matches[mi].start())[0]):
            schedules[mi] = (schedules[mi + 1][0], schedules[mi][1])
    # "32 mg or 64 mg or 96 mg of buprenorphine": a list of doses shares the drug written after it
    for mi in range(len(matches) - 2, -1, -1):
        nxt = attributions[mi + 1]
        if nxt and nxt[0] is not None and nxt[0].start >= matches[mi + 1].end() and (_CHAIN_GAP.fullmatch(
                text, matches[mi].end(), matches[mi + 1].start()) or _scheduled_chain_gap(
                text, matches[mi], matches[mi + 1].start(), schedules[mi][0], attributions[mi])):
            attributions[mi] = [nxt[0]] * len(item_lists[mi])
    list_opener = None  # (index of the dose, schedule) for a schedule that opens a list: "once-daily doses of"
    for mi, m in enumerate(matches):
        unit = unit_from_match(m)
        if unit is None:
            continue
        if _rejected(text, m, unit, sent):
            if len(item_lists[mi]) == 1 and not item_lists[mi][0].group("v2") and _MAXIMUM_BEFORE.search(
                    text, max(0, m.start() - 40), m.start()):
                maxima.append((m, unit, item_lists[mi][0]))
            continue
        s_start, s_end = sent(m.start())
        items = item_lists[mi]
        schedule, sched_end = schedules[mi]
        drug_for = attributions[mi]
        if unit.base_unit.startswith("Gy"):
            # a Gy dose is the radiation's, never a drug's given with it ("0.1 mg rhTSH followed by ... 50 Gy")
            drug_for = [_radiation_near(text, m.start(), s_start, s_end, abbreviations)] * len(items)
        d0 = drug_for[0] if drug_for else None
        if schedule is None:
            # "every 4 weeks (30, 120, or 180 mg) or every 12 weeks (60 or 180 mg)": the schedule opens the parenthesis
            p = _SCHEDULE_PAREN_BEFORE.search(text, max(s_start, m.start() - 50), m.start())
            if p:
                ps = parse_schedule(text, p.start("s"), p.end("s"))
                schedule = ps if ps and ps.frequency and ps.end == p.end("s") else None
        if schedule is None and d0 is not None and d0.end <= m.start():
            schedule = _schedule_between(text, d0.end, m.start())
        if schedule is None and d0 is not None and not _SINGLE.search(
                text, max(s_start, m.start() - 20), min(s_end, m.end() + 12)):
            # not for a loading or single dose of the drug ("monthly placebo or GMB 120 mg with 240 mg loading dose")
            schedule = _schedule_before(text, d0.start, s_start)
            if schedule is not None and (_LIST_OPENER.match(text, schedule.end, d0.start) or (
                    d0.end <= m.start() and _PAREN_OPEN.fullmatch(text, d0.end, m.start()))):
                # "daily afatinib (50 mg), lapatinib (1500 mg), or weekly trastuzumab": a schedule before a list of
                # drugs with their doses in parentheses holds for each; not "once-daily X 1400/100 mg and Y 600 mg"
                list_opener = (mi, schedule)
        if schedule is None:
            # "once-daily 105 mg", "daily intramuscular injections of 0.035 mg/kg", "twice-daily tablets delivering
            # 5·5 mg/kg per day": the schedule written right before the amount, which opens a list written after it
            schedule = _schedule_right_before(text, items[0].start() if items else m.start(), s_start)
            if schedule is not None:
                list_opener = (mi, schedule)
        if schedule is None and list_opener is not None and list_opener[0] == mi - 1 and (_list_gap(
                text, drugs, matches[mi - 1].end(), m.start()) or _CHAIN_GAP.fullmatch(
                text, matches[mi - 1].end(), m.start())) and _per_time(matches[mi - 1]) == _per_time(m) and not (
                _SINGLE.search(text, m.end(), min(s_end, m.end() + 12))):
            # a loading dose in the list is not given on the list's schedule ("monthly placebo or GMB 120 mg with 240 mg
            # loading dose"); "six once-weekly infusions of irinotecan 80 mg m−2, LV 500 mg m−2, 5-FU 2000 mg m−2", "once-daily doses
            # of telmisartan (80 mg) or losartan (50 mg)": the schedule opening a list of drugs holds for each of them
            schedule = list_opener[1]
            list_opener = (mi, schedule)
        # a route stops at the next drug named after this dose ("docetaxel 75 mg/m2 on day 1, oral capecitabine")
        nxt_drug = next((d.start for d in drugs if m.end() <= d.start < sched_end and d is not d0), None)
        route_end = sched_end
        if nxt_drug is not None:
            cut = max(text.rfind(",", m.end(), nxt_drug), text.rfind(";", m.end(), nxt_drug))
            route_end = cut if cut >= 0 else nxt_drug
        route = _route_near(text, max(s_start, m.start() - 60), route_end, m.start())
        daily_doses = (_DAILY_DOSE_BEFORE.search(text, max(s_start, m.start() - 90), m.start())
                       if schedule is None and not m.group("time") else None)
        if daily_doses and daily_doses.group("n") and daily_doses.end("of") == m.start():
            # "two daily doses of 25 mg/kg": administrations per day
            n = {"two": 2, "three": 3, "four": 4}.get(daily_doses.group("n").lower()) or float(daily_doses.group("n"))
            schedule = Schedule({"times": n, "every": 1, "period": "day"}, daily_doses.start(), daily_doses.end("dd"))
        elif daily_doses:
            # "a daily dose of 250 mg", "daily doses of X (200 mg, 400 mg ...)": a per-day amount (settled rule)
            unit = Unit(unit.unit + "/day", unit.base_unit + "/day", unit.factor)
        weekly_unit = unit.base_unit.endswith("/week")
        daily_unit = unit.base_unit.endswith("/day")
        freq, freq_span = None, None
        loading = mi + 1 < len(matches) and _is_loading(text, m, matches[mi + 1], d0, attributions[mi + 1], s_end)
        if loading or _SINGLE.search(text, max(s_start, m.start() - 30), min(s_end, m.end() + 30)):
            own_regimen.update(it.start() for it in item_lists[mi])
        if schedule is not None and schedule.needs_weekly and not weekly_unit:
            schedule = None  # "for 3 weeks, followed by 1 week off" after a dose with no weekly unit: no rate
        if schedule is not None:
            cycle = None
            if schedule.needs_cycle and not loading:
                cycle = (_sentence_cycle(text, sched_end, m.start(), s_start, s_end)
                         or _doc_cycle(statements, sent_index, m.start(), any_distance=True))
            freq = schedule.completed(cycle, weekly_unit, daily_unit)
            freq_span = (schedule.start, schedule.end)
        elif weekly_unit:
            freq = {"times": 1, "every": 1, "period": "week"}  # "20 mg/week": the contract has no per-week base
        elif d0 is not None and not loading and (told := _told_schedule(drug_schedules, d0, sent_index(m.start()))):
            # "IL-2 at 15 MIU per day or 9 MIU/day. IL-2 was administered by twice-daily injections for five
            # consecutive days every 8 wk."
            freq = told.completed(None, weekly_unit, daily_unit)
            freq_span = (told.start, told.end) if freq else None
        elif not daily_unit and not loading and not unit.base_unit.startswith("Gy") and not _SINGLE.search(
                text, max(s_start, m.start() - 30), min(s_end, m.end() + 30)):
            # "A 75 mg/m2 and B 75 mg/m2, every 3 weeks"; "... Cycles were repeated every 3 weeks": once per cycle
            c = _trailing_interval(text, m.end(), s_end)
            if c is not None and any(m.end() <= matches[j].start() < c.start() and schedules[j][0] is not None
                                     and schedules[j][0].start < c.start() for j in range(mi + 1, len(matches))):
                c = None  # "X 12 mg/kg with Y (500 mg on day 1, then 250 mg on days 15, 29 and every 28 days)": Y's
            shared = _shared_days(text, m.end(), c) if c is not None else None
            if shared is not None:
                freq, freq_span = shared.frequency, (shared.start, shared.end)
            elif c is not None:
                freq, freq_span = _interval_freq(cycle_days(c)), (c.start(), c.end())
            else:
                cycle = _doc_cycle(statements, sent_index, m.start(), any_distance=False)
                freq = _interval_freq(cycle) if cycle else None
        if weekly_unit:
            unit = Unit(unit.unit, unit.base_unit[: -len("/week")], unit.factor)
        # "once daily for the first 3 days and twice daily thereafter": two regimens of the same dose
        later = _thereafter(text, freq_span[1], s_end) if freq and freq_span else None
        for it, drug in zip(items, drug_for):
            if drug is not None and _PLACEBO.fullmatch(drug.text):
                continue
            if freq and daily_unit and freq == {"times": 1.0, "every": 1, "period": "day"} and (
                    not freq_span or freq_span[1] <= m.start() or "once" not in text[freq_span[0]:freq_span[1]].lower()):
                # "daily X 2.5 mg/day": the per-day unit already says it (ANNOTATION.md); "4.8 g/day once daily"
                # writes a schedule of its own (settled rule)
                freq = None
            value = _parse_value(it.group("v1"), it.group("x1"), unit.unit)
            value_max = _parse_value(it.group("v2"), it.group("x2"), unit.unit) if it.group("v2") else None
            if value_max is not None and value_max <= value:
                continue  # "5-10" read backwards is no range: a hyphenated code or a typo
            if value <= 0:
                continue
            dose = Dose(
                drug=drug.text if drug else None,
                drug_name=drug.name if drug else None,
                value=value, value_max=value_max, unit=unit.unit,
                amount=value * unit.factor, base_unit=unit.base_unit,
                frequency=freq,
                frequency_text=text[freq_span[0]:freq_span[1]] if freq and freq_span else None,
                route=route,
                group=it.group("g") or _group_after(text, m.end(), sched_end),
                text=text[it.start():m.end()], start=it.start(), end=m.end(),
            )
            if len(items) > 1 and not it.group("g"):
                dose.group = None
            add(dose)
            if later is not None:
                add(dose.model_copy(update={"frequency": Frequency(**later.frequency),
                                            "frequency_text": text[later.start:later.end]}))

    if has_auc:
        last_end, last_value = -100, None
        for m in AUC_RE.finditer(text):
            s_start, s_end = sent(m.start())
            if m.start() - last_end < 20 and float(m.group("v")) == last_value:
                continue  # "area under the curve 6 (AUC 6)": one dose written twice
            last_end, last_value = m.end(), float(m.group("v"))
            if not _CARBO.search(text, max(s_start, m.start() - 80), m.start() + 1):
                continue
            value = float(m.group("v"))
            if not 1 <= value <= 10:
                continue
            carbo = [d for d in drugs if s_start <= d.start < m.start() and _CARBO.search(d.text)]
            cm = _CARBO.search(text, max(s_start, m.start() - 80), m.start())
            drug = carbo[-1] if carbo else None
            schedule, sched_end = _schedule_after(text, m.end(), s_end)
            freq, freq_span = _auc_frequency(text, m, schedule, sched_end, s_start, s_end, statements, sent_index,
                                             starts, schedules)
            dose = Dose(
                drug=drug.text if drug else text[cm.start():regex.match(r"\w+", text[cm.start():]).end() + cm.start()],
                drug_name=drug.name if drug and drug.name else "carboplatin",
                value=value, unit="AUC", amount=value, base_unit="AUC",
                frequency=freq,
                frequency_text=text[freq_span[0]:freq_span[1]] if freq and freq_span else None,
                route=_route_near(text, max(s_start, m.start() - 60), sched_end, m.start()),
                group=_group_after(text, m.end(), sched_end),
                text=text[m.start():m.end()], start=m.start(), end=m.end(),
            )
            add(dose)
    doses.sort(key=lambda d: d.start)
    if maxima:
        doses = _ranges_to_maximum(text, doses, maxima, sent, starts)
    return _without_restatements(text, _levels_of_ranges(doses, own_regimen), own_regimen, sent)


def _auc_frequency(text, m, schedule, sched_end, s_start, s_end, statements, sent_index, starts, schedules):
    """The same reading as for the other doses: own schedule (completed by a cycle), else a shared interval after it,
    else the regimen's cycle statement nearby."""
    if schedule is not None:
        cycle = None
        if schedule.needs_cycle:
            cycle = (_sentence_cycle(text, sched_end, m.start(), s_start, s_end)
                     or _doc_cycle(statements, sent_index, m.start(), any_distance=True))
        freq = schedule.completed(cycle)
        return freq, (schedule.start, schedule.end)
    c = _trailing_interval(text, m.end(), s_end)
    if c is not None and any(m.end() <= st < c.start() and schedules[j][0] is not None
                             and schedules[j][0].start < c.start() for j, st in enumerate(starts)):
        c = None  # another dose's own schedule lies between (a shared interval would be that schedule itself)
    shared = _shared_days(text, m.end(), c) if c is not None else None
    if shared is not None:
        return shared.frequency, (shared.start, shared.end)
    if c is not None:
        return _interval_freq(cycle_days(c)), (c.start(), c.end())
    cycle = _doc_cycle(statements, sent_index, m.start(), any_distance=False)
    return (_interval_freq(cycle), None) if cycle else (None, None)


_MAXIMUM_BEFORE = regex.compile(r"(?i:\b(?:up\s+)?to\s+(?:a\s+)?max(?:imum|\.)?(?:\s+(?:daily\s+)?dose)?\s+of\s*)$")
_PAREN_DOSE_RE = regex.compile(r"\(\s*$")


_INCREMENT_BEFORE = regex.compile(r"(?i:\bby\s*)$")


def _ranges_to_maximum(text: str, doses: list[Dose], maxima, sent, starts: list[int]) -> list[Dose]:
    """"initiated at 100 mg per day to a maximum of 300 mg per day", "50 mg/m2 escalated by 10 mg/m2 to a maximum of
    70 mg/m2": one range fact (settled rule), the start being the nearest dose before in the sentence with the same
    unit; "X (Y for subgroup) to a maximum of Z (W for subgroup)" pairs X with Z and Y with W."""
    drop = set()
    for m, unit, item in maxima:
        s_start, _ = sent(m.start())
        value = _parse_value(item.group("v1"), item.group("x1"), unit.unit)
        # the dose matches written before it in the sentence, increments ("escalated by 10 mg/m2") aside
        prior = [p for p in starts if s_start <= p < m.start() and m.start() - p < 160
                 and not _INCREMENT_BEFORE.search(text, max(0, p - 6), p)]
        by_start = {d.start: d for d in doses if d.value_max is None and id(d) not in drop}
        if not prior or prior[-1] not in by_start:
            continue  # the nearest dose was not kept (a repeat, a statistic): no range to guess
        start = by_start[prior[-1]]
        paren = None
        # the dose just before is a parenthetical variant: "(50 mg per day for ...)" closing right before "to"
        if text.rfind("(", s_start, start.start) > text.rfind(")", s_start, start.start):
            if len(prior) < 2 or prior[-2] not in by_start:
                continue
            paren, start = start, by_start[prior[-2]]
        if start.base_unit != unit.base_unit or value <= start.value:
            continue
        start.value_max = value
        start.end = m.end()
        start.text = text[start.start:start.end]
        if paren is not None:
            # its own variant maximum in parentheses right after: "to a maximum of 300 mg (150 mg for ...)"
            after = next((d for d in doses if m.end() <= d.start < m.end() + 6 and d.value_max is None), None)
            if after is not None and after.base_unit == paren.base_unit and after.value > paren.value and \
                    text[m.end():after.start].strip() == "(":
                paren.value_max = after.value
                paren.end = after.end
                paren.text = text[paren.start:paren.end]
                drop.add(id(after))
    return [d for d in doses if id(d) not in drop]


def _drug_key(d: Dose) -> Optional[str]:
    return d.drug_name or (d.drug.lower() if d.drug else None)


def _levels_of_ranges(doses: list[Dose], own_regimen: set) -> list[Dose]:
    """"ombrabulin (15.5-35 mg/m2) ... every 3 weeks ... at the starting doses of ombrabulin 15.5 mg/m2", "prucalopride
    2-10 mg once daily ... prucalopride (2 and 10 mg)": a level of a scheduled range written earlier for the same drug,
    with no schedule of its own, is given on that schedule (not a single or loading dose)."""
    ranges = [d for d in doses if d.value_max is not None and d.frequency is not None and _drug_key(d)]
    if not ranges:
        return doses
    for d in doses:
        if d.frequency is not None or d.frequency_text or d.value_max is not None or d.start in own_regimen:
            continue
        key = _drug_key(d)
        for r in ranges:
            if r.start < d.start and _drug_key(r) == key and r.base_unit == d.base_unit and \
                    r.value <= d.value <= r.value_max:
                d.frequency, d.frequency_text = r.frequency, r.frequency_text
                break
    return doses


# A sentence that states what the trial set out to do: the doses it names are restated from the methods
_AIM_SENTENCE = regex.compile(
    r"\s*(?:To\s+(?:compare|evaluate|assess|investigate|determine|examine|study|test)\b"
    r"|(?:The\s+|Our\s+)?(?:aims?|objectives?|purposes?)\s+(?:of\s+(?:this|the|our)\s+(?:study|trial)\s+)?(?:was|were|is|are)\s+to\b"
    r"|We\s+(?:aimed|sought)\s+to\b|This\s+(?:study|trial)\s+(?:aimed|was\s+designed)\s+to\b)")


def _without_restatements(text: str, doses: list[Dose], own_regimen: set, sent) -> list[Dose]:
    """"ozanimod 0.92 mg was ...", "liraglutide 1.2 mg produced ...": results restate a regimen by drug and amount
    alone. A dose with no schedule words that repeats a scheduled dose of the same drug and amount (the same unit, or
    the same unit per day) is that regimen, not a new one (ANNOTATION.md: a repeated regimen is the same fact). A
    restatement follows what it repeats, except in the sentence giving the trial's aim ("To compare vonoprazan 10 and
    20 mg vs lansoprazole 15 mg", before the methods give "once daily"); earlier mentions elsewhere may be doses of
    their own (a maximum tolerated dose, an as-needed dose). A dose with no drug ("in the 1.2-mg group", "Both groups
    receiving 10 micrograms kg-1") whose amount and unit belong to the doses of exactly one drug, written before it,
    is that drug's dose written again; two drugs with that amount leave it alone."""
    scheduled: dict = {}  # (drug, amount, max) -> {base unit of a scheduled dose: where it is first written}
    drugs_of_amount: dict = {}  # (amount, max, base unit) -> {drug given that amount: where first written}
    for d in doses:
        key = _drug_key(d)
        if not key:
            continue
        if d.frequency is not None or d.base_unit.endswith("/day"):
            scheduled.setdefault((key, round(d.amount, 9), d.value_max), {}).setdefault(d.base_unit, d.start)
        drugs_of_amount.setdefault((round(d.amount, 9), d.value_max, d.base_unit), {}).setdefault(key, d.start)
    out = []
    for d in doses:
        if (d.frequency is None and not d.frequency_text and not d.base_unit.endswith("/day")
                and d.start not in own_regimen):
            key = _drug_key(d)
            if key:
                units = scheduled.get((key, round(d.amount, 9), d.value_max), {})
                first = min((units[u] for u in (d.base_unit, d.base_unit + "/day") if u in units), default=None)
                if first is not None and (first < d.start or _AIM_SENTENCE.match(text, sent(d.start)[0])):
                    continue
            elif not d.group:
                named = drugs_of_amount.get((round(d.amount, 9), d.value_max, d.base_unit), {})
                if len(named) == 1 and next(iter(named.values())) < d.start:
                    continue
        out.append(d)
    return out


def _rejected(text: str, m, unit: Unit, sent) -> bool:
    end = m.end()
    if _AFTER_NOT_DOSE.match(text, end):
        return True
    start = m.start()
    s_start, s_end = sent(start)
    before = text[max(s_start, start - 50):start]
    if _BEFORE_NOT_DOSE.search(before):
        return True
    if unit.base_unit == "mg" and unit.factor >= 1000 and _BODY_WEIGHT_BEFORE.search(before):
        return True
    if unit.base_unit.startswith("Gy"):
        if _STAT_BEFORE_GY.search(before):
            return True
    elif _STAT_BEFORE.search(text, max(s_start, start - 50), start) or _STAT_SUBJECT.match(text, s_start, start):
        return True
    n = _SENT_NOT_DOSE.search(text, s_start, s_end)
    while n is not None:
        if not (_ELIGIBLE_TO.match(text, n.start()) and n.end() <= start):
            return True
        n = _SENT_NOT_DOSE.search(text, n.end(), s_end)
    # a bare "U" or "g" right before more letters of a word is a tokenisation artefact, not a unit
    return False


# "X 40 mg or placebo twice daily": the placebo arm shares the schedule, so it does not end it
_OR_PLACEBO = regex.compile(
    # the form or route may come between ("zoledronic acid (4 mg) IV infusion or placebo every 3 months",
    # "250 mg capsules or matching placebo twice per day")
    r"(?:\s*\(\s*n\s*=\s*\d+\s*\))?\s*\)?"
    r"(?:\s+(?:IV|i\.v\.|intravenous|oral|subcutaneous|s\.c\.|intramuscular|i\.m\.|infusions?|injections?|capsules?|tablets?|sachets?)){0,3}"
    r"\s*,?\s*(?:or|and)\s+(?:a\s+)?(?:matching\s+|identical\s+|saline\s+)?placebo\b"
    # "MPA 10 mg and matching placebo, taken for the last 14 days of each 28 day treatment cycle"
    r"(?:\s*\(\s*n\s*=\s*\d+\s*\))?(?:\s*,?\s*(?:taken|given|administered)\b)?", regex.IGNORECASE)


_EQUIVALENT_PAREN = regex.compile(r"\s*\((?i:equivalent|equal|corresponding)\s+to\b[^();]*\)")


def _schedule_after(text: str, pos: int, limit: int):
    """The schedule after a dose: with a frequency, or treatment days still waiting for a cycle length."""
    skip = _OR_PLACEBO.match(text, pos, limit)
    if skip:
        pos = skip.end()
    stop = _SCHEDULE_STOP.search(text, pos, limit)
    end = stop.start() if stop else limit
    end = min(end, pos + 120)
    schedule = parse_schedule(text, pos, end)
    if schedule is None or (schedule.frequency is None and not schedule.needs_cycle and not schedule.needs_weekly):
        return None, end
    return schedule, end


# A sentence that sets the cycle for the regimen described around it: "Cycles were repeated every 3 weeks",
# "Treatment was administered every 3 weeks until progression", "Each course of chemotherapy was given every 4 weeks",
# "treatment cycles were 28 days in length", "Treatment, given every 21 days for a maximum of three cycles, ..."
_CYCLE_STATEMENT = regex.compile(
    r"\b(?i:cycles?|courses?|treatments?|chemotherapy|therapy|regimens?|schedule)\b[^.;]{0,40}?"
    r"(?:\b(?i:was|were|is|are)\s+(?:(?i:repeated|given|administered|delivered|recycled|applied)\b[^.;]{0,25}?)?"
    r"|,\s*(?i:given|administered|repeated)\s+)"
    r"(?P<c>(?i:every)\s+\w+\s*(?:-\s*)?(?i:weeks?|days)\b|(?i:in\s+)?\w+[\s-](?i:weekly)\b|\w+\s+(?i:days?|weeks?)\s+(?i:in\s+length|long)\b"
    # "Each course was repeated monthly", "... every month", "... at 4-week intervals"
    r"|(?P<month>(?i:monthly|every\s+month|once\s+a\s+month)\b)|(?i:at\s+)?(?P<n>\d+)[\s-](?i:weeks?)\s+(?i:intervals)\b)"
)
# a dose given once, or a loading dose before the regimen: no cycle applies
_SINGLE = regex.compile(r"(?i:\bsingle\b|\bloading\b|\bone[\s-]time\b|\bbolus\s+dose\b)")


# "daily dose(s) of" before the amount, in the same clause; a dose with a unit per body part of its own only
# "daily dose(s)" and what lies between it and the amount; "once-daily doses" are administrations, not amounts per
# day, and "two daily doses of 25 mg/kg" are two administrations a day
_DAILY_DOSE_BEFORE = regex.compile(
    r"(?i:(?<!once[\s-]|twice[\s-])\b(?:(?P<n>two|three|four|[234])\s+)?(?P<dd>daily\s+(?:doses?|amounts?|intakes?))\b(?P<of>\s+of\s+)?)[^.;]{0,80}$")
_LOADING_GAP = regex.compile(r"(?i:\b(?:then|followed\s+by|thereafter|subsequently)\b)")
# intervals that say how often a regimen is given ("every 3 weeks", "q21d", "3-weekly"); a bare "21-day cycle" does
# not: daily oral drugs run through their cycles
_INTERVAL = regex.compile(r"(?i:\bevery\s|\bq\s?\d|weekly)")
_INTERVAL_STOP = regex.compile(r"(?i:\b(?:versus|vs\.?|compared\s+with|whereas|while|until|after)\b)")


_LIST_GAP = regex.compile(
    # "(45 mg/105 mg tablet) or bupropion (105 mg tablet)": a dosage form and the parenthesis closing round the dose
    # "(80 mg, n = 20) or losartan (50 mg": the rest of the parenthesis round the dose; "24-h 5-FU": an infusion time
    r"(?:\s+(?i:tablets?|capsules?|pills?|sachets?))?(?:\s*[,;][^()]{0,30}(?=\)))?\s*\)?"
    r"(?:\s*\([^()]{0,40}\))?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or|plus)\s+)(?:\d+[\s-]?h\s+)?\x00"
    r"(?:\s*\(\s*)?\s*")


def _per_time(m) -> str:
    """"/day" of "250 mg/day": a per-day dose does not share the next drug's "weekly"."""
    unit = unit_from_match(m)
    return unit.base_unit[unit.base_unit.rfind("/"):] if unit and unit.base_unit.endswith(("/day", "/week", "/h")) else ""


def _list_gap(text: str, drugs: list, start: int, end: int) -> bool:
    """Between two doses of a list only a separator, a "(n = 120)" and the next drug's name."""
    if end - start > 80:
        return False
    inside = [d for d in drugs if start <= d.start and d.end <= end]
    if len(inside) != 1:
        return False
    d = inside[0]
    return bool(_LIST_GAP.fullmatch(text[start:d.start] + "\x00" + text[d.end:end]))


# a sentence that gives a drug's schedule on its own: "IL-2 was administered by twice-daily subcutaneous injections
# for five consecutive days every 8 wk", "Busulfan was given p.o., every 6 hours ..."
_GIVEN_AFTER_DRUG = regex.compile(
    r"\s*(?:\([^()]{1,30}\)\s*)?(?:was|were)\s+(?:(?:then|subsequently|also)\s+)?"
    r"(?:given|administered|injected|infused|delivered|taken)\b",
    regex.IGNORECASE,
)


# the same with a generic subject: "Drugs were administered once daily for 8 weeks", "Injections were administered
# subcutaneously every 4 weeks" (for every drug of the sentences before)
_GENERIC_SUBJECT = regex.compile(
    r"(?:(?:The|All|Both|Each)\s+)?(?:(?:study|trial|active)\s+)?(?:drugs?|medications?|injections?|infusions?|"
    r"tablets?|capsules?|doses?)",
    regex.IGNORECASE,
)


_GENERIC_SUBJECT_AT_START = regex.compile(rf"(?:(?<=[.!?]\s)|^)(?:{_GENERIC_SUBJECT.pattern})", regex.IGNORECASE)


# "were treated with oral cis-RA administered in two equally divided doses daily for 2 weeks, ...": a drug's schedule
# in a sentence that gives no dose, anywhere in it
_GIVEN_RIGHT_AFTER_DRUG = regex.compile(
    r"\s*(?:\([^()]{1,30}\)\s*)?,?\s*(?:(?:was|were|is|are)\s+)?(?:given|administered|injected|infused|taken)\b",
    regex.IGNORECASE,
)


_GIVEN_WORD = regex.compile(r"(?i:given|administered|injected|infused|taken)\b")
_COMPARED = regex.compile(r"(?i:\bvs\b|\bversus\b|\bcompared\b|\bstandard\b|\bis\s+an?\b)")


def _drug_schedule_sentences(text: str, drugs: list, sent, sent_index, matches) -> list:
    out = []
    dose_sentences = {sent_index(m.start()) for m in matches}
    verbs = [v.start() for v in _GIVEN_WORD.finditer(text)]
    for d in drugs if verbs else ():
        k = bisect_right(verbs, d.end)
        if k == len(verbs) or verbs[k] - d.end > 45:
            continue  # the cheap test first: most drugs have no such verb right after them
        g = _GIVEN_RIGHT_AFTER_DRUG.match(text, d.end, d.end + 60)
        if not g:
            continue
        s_start, s_end = sent(d.start)
        i = sent_index(d.start)
        if i in dose_sentences or d.start - s_start <= 12 or g.end() > s_end:
            continue
        if _COMPARED.search(text, s_start, s_end) or _SENT_NOT_DOSE.search(text, s_start, s_end):
            continue  # "X administered weekly vs. every 3 weeks", "X given every 3 weeks is a standard treatment"
        schedule = parse_schedule(text, g.end(), s_end)
        if schedule is not None and schedule.frequency is not None and schedule.start - g.end() < 45:
            # given before the doses it schedules: it holds for that drug's doses written anywhere after it
            out.append((-i - 1, d.name or d.text.lower(), schedule))
    for m in _GENERIC_SUBJECT_AT_START.finditer(text):
        s_start, s_end = sent(m.start())
        if m.start() != s_start:
            continue
        g = _GIVEN_AFTER_DRUG.match(text, m.end(), s_end)
        schedule = parse_schedule(text, g.end(), s_end) if g else None
        if schedule is not None and schedule.frequency is not None:
            out.append((sent_index(m.start()), None, schedule))
    for d in drugs if verbs else ():
        k = bisect_right(verbs, d.end)
        if k == len(verbs) or verbs[k] - d.end > 60:
            continue
        s_start, s_end = sent(d.start)
        if d.start - s_start > 12:
            continue  # the drug opens the sentence ("The IL-2 was ...")
        g = _GIVEN_AFTER_DRUG.match(text, d.end, s_end)
        if not g:
            continue
        schedule = parse_schedule(text, g.end(), s_end)
        if schedule is not None and schedule.frequency is not None:
            out.append((sent_index(d.start), d.name or d.text.lower(), schedule))
    return out


def _told_schedule(drug_schedules: list, d, i: int):
    """The schedule a later sentence (the next or the one after) gives for this dose's drug."""
    name = d.name or d.text.lower()
    for j, n, schedule in drug_schedules:
        if (n == name or n is None) and 1 <= j - i <= 2:
            return schedule
    before = {id(sc): sc for j, n, sc in drug_schedules if n == name and (-j - 1 < i if j < 0 else j < i)}
    if len(before) == 1:  # only when the abstract gives that drug one such schedule
        return next(iter(before.values()))
    return None


def _is_loading(text: str, m, nxt, d0, nxt_drugs, s_end: int) -> bool:
    """"500 mg on day 1, then 250 mg on days 15, 29 and every 28 days": the first is a loading dose."""
    if nxt.start() >= s_end or d0 is None or not nxt_drugs or nxt_drugs[0] is not d0:
        return False
    return bool(_LOADING_GAP.search(text, m.end(), nxt.start()))


def _sentence_cycle(text: str, after: int, before: int, s_start: int, s_end: int) -> Optional[float]:
    """A cycle length written in the dose's sentence: after its schedule first, else before the dose."""
    for c in CYCLE_RE.finditer(text, after, s_end):
        return cycle_days(c)
    last = None
    for c in CYCLE_RE.finditer(text, s_start, before):
        last = c
    return cycle_days(last) if last else None


def _trailing_interval(text: str, pos: int, s_end: int):
    """The first interval after a dose with no schedule of its own, in the same clause of comparison."""
    stop = _INTERVAL_STOP.search(text, pos, s_end)
    end = stop.start() if stop else s_end
    for c in CYCLE_RE.finditer(text, pos, end):
        if _INTERVAL.match(text, c.start()) or _INTERVAL.search(c.group(0)):
            return c
        return None
    return None


_DAYS_BEFORE_INTERVAL = regex.compile(r"(?i:\b(?:on\s+)?(?:days?|d)\s?\d[^;()]{0,30}$)")


def _shared_days(text: str, pos: int, c):
    """Treatment days written just before the shared interval ("on days 1 and 15, every 4 weeks"), for doses listed
    before them; only days and cycle: a "twice daily" there belongs to the drug it follows."""
    d = _DAYS_BEFORE_INTERVAL.search(text, max(pos, c.start() - 40), c.start())
    if not d:
        return None
    schedule = parse_schedule(text, d.start(), c.end())
    if schedule is None or schedule.frequency is None or schedule.end != c.end() or set(schedule.parts) - {
            "days", "cycle", "every_weeks"}:
        return None
    return schedule


def _doc_cycle(statements, sent_index, pos: int, any_distance: bool) -> Optional[float]:
    """The cycle the abstract sets for its regimen, when it sets one only; a dose with no schedule of its own takes
    it only from a statement within two sentences of it."""
    lengths = {d for _, d in statements}
    if len(lengths) != 1:
        return None
    if any_distance:
        return next(iter(lengths))
    i = sent_index(pos)
    return next(iter(lengths)) if any(abs(sent_index(p) - i) <= 2 for p, _ in statements) else None


def _interval_freq(days: Optional[float]) -> Optional[dict]:
    if not days:
        return None
    if days % 7 == 0:
        return {"times": 1, "every": days / 7, "period": "week"}
    return {"times": 1, "every": days, "period": "day"}


def _cycle_statements(text: str) -> list[tuple[int, float]]:
    out = []
    if "very" not in text and "eekly" not in text and "length" not in text and " long" not in text and \
            "onth" not in text and "interval" not in text:
        return out  # the quick check: every statement has one of these
    for m in _CYCLE_STATEMENT.finditer(text):
        if m.group("month"):
            days = 30.0  # a month, as the scorer counts it
        elif m.group("n"):
            days = 7.0 * int(m.group("n"))
        else:
            c = CYCLE_RE.search(text, m.start("c"), m.end("c") + 20)
            days = cycle_days(c) if c else None
        if days and 7 <= days <= 84:
            out.append((m.start("c"), days))
    return out


_GROUP_AFTER = regex.compile(rf"[^;()]{{0,60}}?\(\s*(?P<g>{_GROUP_LABEL})\s*(?:[,;][^()]*)?\)")


# "weekly paclitaxel 80 mg/m2", "once-daily oral X 10 mg": a schedule written as an adjective before the drug
# "once-daily doses of", "six once-weekly infusions of": a schedule that introduces the doses listed after it
_LIST_OPENER = regex.compile(r"\s+(?:doses?|injections?|infusions?|administrations?)\s+of\s", regex.IGNORECASE)


_SCHEDULE_BEFORE = regex.compile(
    r"(?:(?P<s>(?:(?:once|twice)[\s-])?(?:daily|weekly|monthly)|bi-?weekly|\d[\s-]weekly|three-weekly|"
    r"(?:once|twice)[\s-]daily)(?:\s+(?:oral|intravenous|subcutaneous|intramuscular|inhaled|i\.v\.|IV))?"
    # "once-daily doses of X (80 mg)"; a bare "daily dose of X" is a per-day amount instead
    r"|(?P<s>(?:once|twice)[\s-](?:daily|weekly))\s+(?:(?:morning|evening|bedtime)\s+)?(?:doses?|injections?|infusions?|administrations?)\s+of"
    # "weekly infusions of Epo (Eprex; 40,000 IU)", "weekly injection Cisplatin 40mg/m2"
    r"|(?P<s>weekly|monthly|daily|bi-?weekly|\d[\s-]weekly)\s+(?:injections?|infusions?|administrations?)(?:\s+of)?"
    r"(?:\s+[A-Za-z][\w-]*\s*\()?)"
    # "once-daily placebo or baricitinib 2 or 4 mg", "monthly placebo or GMB 120 mg": the placebo arm shares it
    r"(?:\s+(?:matching\s+)?placebo\s+or)?(?:\s+|(?<=\())$",
    regex.IGNORECASE,
)


_SCHEDULE_PAREN_BEFORE = regex.compile(
    r"(?P<s>(?i:(?:(?:once|twice)\s+)?(?:every\s+\w+\s+(?:weeks?|days|months?)|daily|weekly|monthly|bi-?weekly)|"
    r"q\d{1,2}[wd]|QD|BID|TID))\s*\(\s*$")
_BETWEEN_GLUE = regex.compile(
    r"\s*(?:(?:was|were|is|are|being|be)\s+)?(?:(?:given|administered|dosed|taken|injected|infused)\s+)?(?:orally\s+|"
    r"intravenously\s+|subcutaneously\s+)?(?P<s>[^;()]{3,40}?)\s*(?:,\s*)?(?:as\s+an?|at\s+(?:a\s+)?(?:dose|dosage)\s+of|"
    r"at|in\s+(?:a\s+)?dose\s+of|with\s+(?:a\s+)?dose\s+of)\s+(?:(?:fixed|flat|total)\s+)?(?:dose\s+of\s+)?$",
    regex.IGNORECASE,
)


def _schedule_between(text: str, drug_end: int, dose_start: int):
    """"X was administered weekly as a 25-mg/m2 infusion", "X given twice daily at a dose of 5 mg"."""
    if dose_start - drug_end > 70:
        return None
    g = _BETWEEN_GLUE.match(text, drug_end, dose_start)
    if not g:
        return None
    schedule = parse_schedule(text, g.start("s"), g.end("s"))
    return schedule if schedule and schedule.frequency and schedule.end == g.end("s") else None


_PAREN_OPEN = regex.compile(r"\s*\(\s*")
_SCHEDULE_RIGHT_BEFORE = regex.compile(
    r"(?<![\w-])(?P<s>(?:(?:once|twice|three[\s-]times|four[\s-]times)[\s-])?(?:daily|weekly)|bi-?weekly|monthly|"
    r"every\s+(?:other|\d+|two|three|four|six)\s+(?:weeks?|days|months?))"
    r"(?:\s*\((?:BID|QD|TID|bid|qd|tid|b\.i\.d\.|q\.d\.)\))?"
    r"(?:\s+(?:oral|intravenous|subcutaneous|intramuscular|inhaled|i\.v\.|s\.c\.|i\.m\.))?"
    # "injections of", "tablets delivering"; not "daily doses of", a per-day amount (settled rule)
    r"(?:\s+(?:injections?|infusions?|tablets?|capsules?|administrations?)\s+(?:of|delivering|containing))?"
    r"\s+(?:either\s+)?$",
    regex.IGNORECASE,
)


def _schedule_right_before(text: str, dose_start: int, s_start: int):
    lo = max(s_start, dose_start - 70)
    window = text[lo:dose_start].lower()
    if "ly" not in window and "every" not in window:
        return None  # the quick check: daily, weekly, monthly or every
    m = _SCHEDULE_RIGHT_BEFORE.search(text, lo, dose_start)
    if not m:
        return None
    schedule = parse_schedule(text, m.start("s"), m.end("s"))
    return schedule if schedule and schedule.frequency and schedule.end == m.end("s") else None


def _scheduled_chain_gap(text: str, m, next_start: int, schedule, drug_for) -> bool:
    """"75 mg once daily, 200 mg twice daily, or 400 mg once daily of LX4211": doses of a list each with its own
    schedule share the drug written after the last; not when a drug is written right before the dose ("X 10 mg")."""
    if schedule is None or not (m.end() <= schedule.start and schedule.end <= next_start):
        return False
    if text[m.end():schedule.start].strip() or not _CHAIN_GAP.fullmatch(text, schedule.end, next_start):
        return False
    d = drug_for[0] if drug_for else None
    return d is None or d.end > m.start() or not _RIGHT_AFTER_DRUG.fullmatch(text, d.end, m.start())


def _schedule_before(text: str, drug_start: int, s_start: int):
    m = _SCHEDULE_BEFORE.search(text, max(s_start, drug_start - 40), drug_start)
    if not m:
        return None
    schedule = parse_schedule(text, m.start("s"), m.end("s"))
    return schedule if schedule and schedule.frequency else None


def _group_after(text: str, pos: int, end: int) -> Optional[str]:
    g = _GROUP_AFTER.match(text, pos, max(end, pos))  # not past the next dose: its label is its own
    return g.group("g") if g else None


def _attribute(text: str, drugs: list[_Drug], m, items, s_start: int, s_end: int,
               bounds: Optional[list] = None) -> list[Optional[_Drug]]:
    """The drug of each item in one dose match."""
    n = len(items)
    # "400 mg of X", "400 mg X": a drug right after the unit
    before = [d for d in drugs if s_start <= d.start and d.end <= m.start()]
    for d in drugs:
        if d.start >= m.end() and d.start < s_end:
            gap = text[m.end():d.start]
            if _TO_FOLLOWING_DRUG.match(gap) and not (
                    _PAREN_OR_HYPHEN.search(gap) and before and _RIGHT_AFTER_DRUG.fullmatch(text, before[-1].end, m.start())):
                return [d] * n
            break
    # "A and B at 5 and 6 mg, respectively"
    if n > 1 and len(before) >= n and _RESPECTIVELY.match(text, m.end(), s_end):
        return before[-n:]
    if before:
        d = before[-1]
        if not _clause_break(text, d.end, m.start(), s_start):
            return [d] * n
    if not any(s_start <= d.start < s_end for d in drugs):
        prev = [d for d in drugs if d.end <= s_start]
        if prev and _CONTINUES.match(text, s_start, s_end) and prev[-1].start >= _prev_sentence_start(text, s_start):
            return [prev[-1]] * n
        if unit_from_match(m) and unit_from_match(m).base_unit.startswith("Gy"):
            return [None] * n  # radiation: no drug
        fb = _fallback_drug(text, s_start, m.start(), m.end())
        if fb is None:
            fb = _only_drug(drugs, m.start())
        if fb is None and prev and _DOSE_FINDING.search(text, s_start, s_end):
            # "Maximum tolerated dose ... was 70 mg/m2", "dose level 4 (260, 270, and 280 mg/m2)": a dose-finding
            # statement is about the drug escalated: the last one named in a dose-finding sentence before ("paclitaxel
            # was escalated ..."), else the one named most often (the first of a tie: the study drug opens the abstract)
            escalated = [d for d in prev if _DOSE_FINDING.search(text, *_sentence_of(bounds, d.start))] if bounds else []
            if escalated:
                fb = escalated[-1]
            else:
                counts: dict = {}
                for d in prev:
                    counts[d.name or d.text.lower()] = counts.get(d.name or d.text.lower(), 0) + 1
                top = max(counts.values())
                fb = next(d for d in prev if counts[d.name or d.text.lower()] == top)
        return [fb] * n
    # "PLD 50 mg/m2 ... or topotecan 1.5 mg/m2": a drug-shaped name right before the dose that the lexicon missed
    word = _NAME_RIGHT_BEFORE.search(text, max(s_start, m.start() - 40), m.start())
    if word and not _NOT_A_NAME.match(word.group("d")) and _DRUG_SHAPE.fullmatch(word.group("d")):
        return [_Drug(word.start("d"), word.end("d"), word.group("d"), None)] * n
    return [None] * n


# "gemfibrozil (1.2 g/day)-lovastatin", "morphine 0.08 mg x kg(-1) (remifentanil group)": a dose written right after
# its drug stays that drug's, whatever a hyphen or parenthesis joins to it next
_PAREN_OR_HYPHEN = regex.compile(r"[()-]")
_RIGHT_AFTER_DRUG = regex.compile(r"\s*[(:,]?\s*")


_DOSE_FINDING = regex.compile(
    r"(?i:\bmaximum[\s-]+tolerated\s+dose|\bMTD\b|\brecommended\s+(?:phase\s+(?:II|2)\s+|starting\s+)?dose|\bRP2D\b|"
    r"\blevels?\b|\bescalat\w*|\bat\s+doses\s+(?:of|from|ranging)\b)")
# an inhaler or device written between the name and the dose is not the drug: "GFF MDI 14.4/10 μg", "BDP BAI 320 μg"
_DEVICE = r"(?:pMDI|MDI|DPI|MDPI|BAI|HFA|Diskus|Turbuhaler|Respimat|HandiHaler|Ellipta|Breezhaler|Genuair|inhaler)"
_NAME_RIGHT_BEFORE = regex.compile(
    rf"(?<![\w-])(?P<d>[A-Za-z][A-Za-z0-9-]{{2,}}|[A-Z]{{2}}(?=\s+{_DEVICE}))(?:\s+{_DEVICE})?\s+$")


# radiation treatments as abstracts name them; a Gy dose's "drug" is the one named nearest before it (gold names it as
# written: "radiotherapy", "FSRT", "whole-brain radiotherapy", "131I")
_RADIATION = regex.compile(
    r"(?:(?i:whole[\s-]brain|whole[\s-]breast|conformal|stereotactic|(?:hypo)?fractionated|thoracic|external[\s-]beam|"
    r"intensity[\s-]modulated|prophylactic\s+cranial|carbon[\s-]ion|proton|total[\s-]body|involved[\s-]field)\s+){0,3}"
    r"(?i:radiotherapy|radiation(?:\s+therapy)?|irradiation|radiosurgery|brachytherapy|chemoradiotherapy|chemoradiation|"
    r"radioiodine|iodine-131)"
    r"|\b(?:RT|SRT|SBRT|SABR|SRS|FSRT|IMRT|WBRT|PCI|TBI|CRT|3D-CRT|EBRT|HDR)\b|(?<![\w)])131I\b|\(131\)I\b|\bI-131\b"
)
_RADIOIODINE = regex.compile(r"(?i:radioiodine|iodine-131|131I|\(131\)I|I-131)")


def _long_forms(doc: Doc) -> dict:
    """Short form -> its long form, from the abbreviations annotate found ("FSRT" -> "fractionated stereotactic ...")."""
    out = {}
    for a in doc._.abbreviations:
        out.setdefault(a.text, a._.long_form.text)
    return out


def _radiation_near(text: str, pos: int, s_start: int, s_end: int, long_forms: dict) -> Optional[_Drug]:
    """The radiation treatment named nearest before a Gy dose in its sentence, else later in it ("45 Gy ... of
    radiotherapy"), else in the text before it."""
    found = None
    for r in _RADIATION.finditer(text, s_start, pos):
        found = r
    if found is None:
        found = _RADIATION.search(text, pos, s_end)
    if found is None:
        for r in _RADIATION.finditer(text, max(0, s_start - 600), s_start):
            found = r
    if found is None:
        return None
    written = found.group(0)
    if _RADIOIODINE.fullmatch(written):
        name = "iodine-131"
    elif written in long_forms:
        name = long_forms[written].lower()
    else:
        name = regex.sub(r"\bRT\b", "radiotherapy", written).lower()
    return _Drug(found.start(), found.end(), written, name)


# the words between a combination's name and its strengths: "(TDF/FTC) ", "fumarate dihydrate (", " SPC ("
_COMBO_TAIL = regex.compile(r"(?:\s*\([^()]{1,30}\))?(?:\s+[a-z]+){0,2}\s*(?:[(:,]\s*)?(?:\s+(?:at|of)\s+)?$")
_COMBO_JOIN = regex.compile(r"\s*(?:/|-|–|\+|,|and|plus)\s*")
# a combination written as one word: "FF/VI", "IND/GLY", "budesonide/formoterol"
_COMBO_WORD = regex.compile(r"(?<![\w/-])(?P<w>[A-Za-z][\w-]*(?:/[A-Za-z0-9][\w-]*)+)(?:\s*\([^()]{1,30}\))?(?:\s+[A-Za-z]+){0,2}\s*(?:[(:,]\s*)?$")


def _components(text: str, drugs: list, pos: int, n: int, s_start: int) -> Optional[list]:
    """The n components of a fixed-dose combination named right before its strengths "x/y": DRUG mentions joined by
    "/", "-", "and" ("dextromethorphan-bupropion (45 mg/105 mg", "glycopyrronium and formoterol fumarate (14.4/10 μg")
    or one slashed word ("FF/VI 100/25 mcg"); None when the name before is a single drug (its alternatives)."""
    before = [d for d in drugs if s_start <= d.start and d.end <= pos]
    if len(before) >= n:
        last = before[-n:]
        if _COMBO_TAIL.fullmatch(text, last[-1].end, pos) and all(
                _COMBO_JOIN.fullmatch(text, a.end, b.start) for a, b in zip(last, last[1:])):
            return last
    w = _COMBO_WORD.search(text, max(s_start, pos - 60), pos)
    if w:
        names = w.group("w").split("/")
        if len(names) == n:
            out, at = [], w.start("w")
            for name in names:
                known = next((d for d in drugs if d.start == at and d.end == at + len(name)), None)
                out.append(known or _Drug(at, at + len(name), name, canonical_name(name)))
                at += len(name) + 1
            return out
    return None


# "once daily for the first 3 days and twice daily thereafter"; the first schedule may already hold its "for the first
# 3 days" (read as treatment days by frequency.py)
_THEREAFTER = regex.compile(
    r"\s*(?i:for\s+the\s+first\s+\w+\s+(?:days?|weeks?|months?|doses?)\s*,?\s*(?:and|then|followed\s+by)?\s*"
    r"|,?\s*(?:and|then|followed\s+by)\s+)"
    r"(?P<s>[^.;()]{3,40}?)\s+(?i:thereafter|afterwards?)\b")


def _thereafter(text: str, pos: int, s_end: int):
    """The second schedule of "<schedule> for the first N days and <schedule> thereafter"."""
    t = _THEREAFTER.match(text, pos, s_end)
    if not t:
        return None
    schedule = parse_schedule(text, t.start("s"), t.end("s"))
    if schedule is None or schedule.frequency is None or schedule.end != t.end("s"):
        return None
    return Schedule(schedule.frequency, schedule.start, t.end())


def _product_name_before(text: str, pos: int, s_start: int, drugs: list) -> Optional[_Drug]:
    """A product the lexicon does not know, named right before its strengths ("SFC 50 μg/500 μg", "GFF MDI 72/9.6 μg");
    a word of a known drug ("medroxyprogesterone acetate 2.5/5.0 mg") is left to the drug recognizer."""
    word = _NAME_RIGHT_BEFORE.search(text, max(s_start, pos - 40), pos)
    if word and not any(d.start < word.end("d") and word.start("d") < d.end for d in drugs) and \
            not _NOT_A_NAME.match(word.group("d")) and _DRUG_SHAPE.fullmatch(word.group("d")):
        return _Drug(word.start("d"), word.end("d"), word.group("d"), None)
    return None


def _only_drug(drugs: list[_Drug], pos: int) -> Optional[_Drug]:
    """An abstract about one drug: a dose in a sentence that names none ("The MTD was 70 mg/m2") is that drug's."""
    names = {d.name or d.text.lower() for d in drugs}
    if len(names) != 1:
        return None
    before = [d for d in drugs if d.end <= pos]
    return before[-1] if before else drugs[0]


def _clause_break(text: str, start: int, end: int, s_start: int) -> bool:
    """A clause break between a drug and its dose; a ';' inside parentheses ("X (Doxil; starting dose, 40 mg)") is
    none."""
    for b in _CLAUSE_BREAK.finditer(text, start, end):
        if b.group(0) != ";" or text.count("(", s_start, b.start()) <= text.count(")", s_start, b.start()):
            return True
    return False


def _prev_sentence_start(text: str, s_start: int) -> int:
    i = text.rfind(". ", 0, max(0, s_start - 2))
    return 0 if i < 0 else i + 2
