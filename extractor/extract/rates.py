"""Extractor: rates — proportions of this trial's participants with an outcome (RECORDS.md Rate).

Shapes, by regex over `doc.text` (most specific first; each percent is used once):
  "21.6% (8/37)", "8/37 (21.6%)", "8 of 37 patients (22%)", "52 [19%] of 269", "neutropenia 12 (35%)",
  a bare "27.8%", "43 and 24%, respectively", and n/N or "n of N patients" with no percent.
Whether a percent is a rate at all is read from its surroundings: confidence intervals, ranges, thresholds
("HbA1c < 7%", "more than 50%"), changes and differences ("reduced by 0.8%", "41% lower"), concentrations
("0.5% bupivacaine"), lab measures and baseline characteristics are dropped. The kind comes from the nearest
outcome word; a percent with no outcome word is kept as `other` only in a sentence about outcomes.
n/N missing from the text are inferred from counts of the same abstract when they give the stated percent.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Optional

import regex
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, SENT_START
from spacy.tokens import Doc

from ..models import Rate, RecordWarning
from .numbers import COUNT_NUMBER, DECIMAL, match_at, number_starts, decimals_of, parse_decimal, parse_int, percent_agrees, round_half_up

if TYPE_CHECKING:
    from . import Found

_F = regex.IGNORECASE | regex.VERSION1

PCT = rf"(?P<pct>(?<![\d.·]){DECIMAL})\s?(?:%|percent\b|per\s+cent\b)"
N_OF = r"(?P<n>\d+)"
N_ALL = r"(?P<N>\d+)"
PERSON = (
    r"(?:patients?|subjects?|participants?|individuals?|volunteers?|persons?|people|women|men|children|infants|"
    r"neonates|adults|cases|pts|eyes|responders|evaluable\s+patients|assessable\s+patients)"
)
NUMW = rf"(?P<n>{COUNT_NUMBER})"

CANDIDATES = [
    # "21.6% (8/37)", "28% [5 of 18]", "12% (26 of 211)"
    ("pct_nN", regex.compile(rf"{PCT}\s*[(\[]\s*(?:n\s*=\s*)?{N_OF}\s*(?:/|of|out\s+of)\s*{N_ALL}(?:\s+\w+){{0,2}}?\s*[)\]\;,]", _F)),
    # "8/37 (21.6%)", "35/121 [28.9%]"
    ("nN_pct", regex.compile(rf"(?<![\d./]){N_OF}\s*/\s*{N_ALL}(?:\s+{PERSON})?\s*[(\[,]\s*{PCT}\s*[)\]]?", _F)),
    # "Two (20%) of ten patients", "52 [19%] of 269 patients"
    ("n_pct_of_N", regex.compile(rf"(?<![\w.,/]){NUMW}\s*[(\[]\s*{PCT}\s*[)\]]\s+of\s+(?:the\s+|all\s+|these\s+)?(?P<N>{COUNT_NUMBER})(?![\d%])", _F)),
    # "8 of 37 patients (22%)", "5 out of 18 (28%)"
    ("n_of_N_pct", regex.compile(rf"(?<![\w.,/]){NUMW}\s+(?:of|out\s+of)\s+(?:the\s+|all\s+|these\s+)?(?P<N>{COUNT_NUMBER})(?:\s+(?:[\w\-]+\s+){{0,3}}?{PERSON})?\s*[(\[,]\s*{PCT}\s*[)\]]?", _F)),
    # "14 patients (14.5%)", "neutropenia 12 (35%)", "Five patients (6%)"
    ("n_pct", regex.compile(rf"(?<![\w.,/·\-−]){NUMW}(?:\s+(?:[\w\-]+\s+){{0,2}}?{PERSON})?\s*[(\[]\s*{PCT}\s*[)\]]", _F)),
    # "58.6% (n = 17)": numerator written as n =
    ("pct_n", regex.compile(rf"{PCT}\s*[(\[]\s*n\s*=\s*{N_OF}\s*[)\]]", _F)),
    # "43 and 24%, respectively": a percent sign shared by a list
    ("list", regex.compile(rf"(?<![\d.·%\-−])(?P<list>{DECIMAL}\s+(?:vs\.?|versus|v)\s+){PCT}"
                          rf"|(?<![\d.·%\-−])(?P<list>{DECIMAL}(?:\s*,\s*{DECIMAL})*\s*,?\s*(?:and|or)\s+){PCT}(?=[^.;]{{0,40}}\brespectively)", _F)),
    ("pct", regex.compile(rf"{PCT}", _F)),
    # "5 of 18 patients", "7/71": no percent written
    ("n_of_N", regex.compile(rf"(?<![\w.,/]){NUMW}\s+(?:of|out\s+of)\s+(?:the\s+|all\s+|these\s+)?(?P<N>{COUNT_NUMBER})\s+(?:[\w\-]+\s+){{0,3}}?{PERSON}\b", _F)),
    ("nN", regex.compile(rf"(?<![\d./:\w]){N_OF}\s*/\s*{N_ALL}(?![\d./:])"
                         rf"(?=\s*[)\],;.]|\s+(?:{PERSON}|had|have|were|was|achieved|experienced|developed|responded|vs\.?|versus|and|or|in|with|for)\b)", _F)),
]

# --- percents that are not rates ---
# "95% CI", "90% confidence interval", "80% power"
_STAT_AFTER_RE = regex.compile(r"\s*(?:CI|CIs|C\.I\.|confidence|credible|prediction\s+interval|tolerance|power|probability|significance|level\s+of)(?![a-z])", _F)
# a zone after a CI or range keyword, up to the closing bracket or clause end: its limits are not rates
_ZONE_RE = regex.compile(
    r"(?:\b(?:CIs?|C\.I\.|confidence\s+intervals?|credible\s+intervals?|range[sd]?|IQR|interquartile\s+range|SD|SE|SEM)\b|±|\+/-)"
    r"[^)\];]{0,60}", _F)
# "41% lower", "a 30% decrease", "50% or more reduction", "3 percentage points"
_CHANGE_AFTER_RE = regex.compile(
    r"(?:\s*(?:,|and|or|to|-|–)\s*\d+(?:\.\d+)?\s?%)*\s*(?:or\s+(?:more|greater|less)\s+)?(?:relative\s+|absolute\s+)?(?:risk\s+)?(?:reductions?|decreases?|increases?|declines?|drops?|rises?|"
    r"improvements?|lower|higher|greater|less|more|fewer|changes?|differences?|inhibition|gains?|loss|shorter|longer|"
    r"faster|slower|excess|points?|percentage|reduced|increased|decreased|improved|of\s+(?:the\s+)?(?:planned|intended|"
    r"predicted|expected|normal|maximum|maximal|baseline|total|ideal|dose|body\s+weight|initial|reference|control)|"
    r"per\s+(?:year|annum|month|week|day|person|patient[\s-]year|100)|/\s*(?:year|yr|y|month)\b|w/v|v/v|w/w|"
    r"solution|dextrose|glucose|saline|NaCl|lidocaine|lignocaine|bupivacaine|ropivacaine|levobupivacaine|chlorhexidine|"
    r"povidone|cream|gel|ointment|foam|spray|aqueous|alcohol|ethanol|sucrose|albumin|oxygen|O2|isoflurane|sevoflurane|"
    r"desflurane|formulation|strength|concentration|lotion|eye\s*drops?|tincture|mouthwash|iodine|nitrous|emulsion|"
    r"Intralipid|propofol|lipid|fat|of\s+predicted|predicted|inspired|data\s+maturity|maturity|information\s+fraction|mannitol|hydrogen\s+peroxide|sodium|potassium)\b", _F)
# "reduced by 30%", "HbA1c < 7%", "more than 50%", "ranged from 10% to"
_BEFORE_RE = regex.compile(
    r"(?:\bby|[<>≤≥=]|\b(?:less|more|greater|fewer|higher|lower)\s+than|\bat\s+least|\babove|\bbelow|\bover|\bunder|\bup\s+to|"
    r"\bexceeding|\bwithin|\bfrom|\bbetween|\breduction\s+of|\bdecrease\s+of|\bincrease\s+of|\bimprovement\s+of|"
    r"\bdifference\s+of|\bchange\s+of|\breduced|\bincreased|\bdecreased|\bimproved|\blowered|\bdeclined|\bfell|\brose|"
    r"\bdifference|\bchange|\bbetween\s+\S+\s+and|[-−–+±]|\d\s*(?:-|–|to)|\bapproximately\s+by|\bmargin\s+of|\bpower\s+of|\balpha\s+of|\bα)\s*(?:about\s+|approximately\s+|only\s+|a\s+)?$",
    _F)
_RANGE_AFTER_RE = regex.compile(rf"\s*(?:-|–|to)\s*{DECIMAL}\s?%?\s*(?!of\b)(?=[^\w]|$)|\s*[-–]\s*{DECIMAL}", _F)
# a lab or device measure written as a percent, not a proportion of participants
_MEASURE_BEFORE_RE = regex.compile(
    r"\b(?:HbA1c|HbA\s?\(?1c\)?|A1C|glycated|glycosylated|h(?:a)?emoglobin\s+A1c?|FEV1|FVC|ejection\s+fraction|LVEF|EF|"
    r"saturation|SpO2|SaO2|h(?:a)?ematocrit|Hct|body\s+fat|fat\s+mass|bioavailability|coefficient\s+of\s+variation|CV|"
    r"sensitivity|specificity|accuracy|predictive\s+value|PPV|NPV|AUC|Cmax|concentration|inhibition|occupancy|"
    r"bone\s+mineral\s+density|BMD|dose\s+intensity|relative\s+dose|variability|BMI|"
    r"agreement|kappa|reproducibility|recovery\s+of|yield|efficiency|absorption|excretion|clearance|binding|"
    r"uptake|density|percentage\s+of\s+time|time\s+in\s+range|TIR|ISI)\b"
    r"[^.;]{0,30}$", _F)
# baseline descriptions ("65% were men", "ECOG 0 in 40%")
_BASELINE_RE = regex.compile(
    r"\b(?:male|female|males|females|men|women|boys|girls|white|black|caucasian|asian|hispanic|ethnic\w*|race|aged?|"
    r"older|younger|years\s+old|smok\w*|ECOG|performance\s+status|PS|Karnofsky|stage|histolog\w*|adenocarcinoma|"
    r"squamous|prior|previous(?:ly)?|history|baseline|characteristics|comorbid\w*|married|educat\w*|BMI|obes\w*|"
    r"overweight|diagnos\w*|naive|naïve|genotype|mutations?|mutated|expression|expressed|prevalence|demographic\w*|"
    r"Gleason|grade\s+[12]\s+tumou?rs?|metastatic\s+sites|liver\s+metastases|nodal|node[\s-]positive|receptor[\s-]positive|"
    r"HER2|ER\+|hormone|menopaus\w*|premenopausal|postmenopausal|insurance|income|employ\w*|living|resident\w*)\b", _F)
# outcome words that make a plain percent an outcome rate (kind `other`)
_OUTCOME_RE = regex.compile(
    r"\b(?:rates?|incidence|proportion|occur\w*|re-?occur\w*|achiev\w*|experienc\w*|develop\w*|success\w*|complet\w*|cured?|cure\s+rate|"
    r"heal\w*|remission|relaps\w*|recurren\w*|recurred|mortality|died|deaths?|dead|events?|resolution|resolved|"
    r"required|requiring|needed|compliance|adherence|adherent|retention|retained|satisf\w*|eradicat\w*|abstinen\w*|"
    r"abstain\w*|conversion|seroconver\w*|seroprotect\w*|withdr\w*|discontinu\w*|failure|failed|free\s+of|free\s+from|"
    r"improv\w*|normali[sz]\w*|reached|attained|underwent|return\w*|reported|readmi\w*|hospitali[sz]\w*|cessation|"
    r"quit|ovulat\w*|pregnan\w*|live\s+birth|efficacy|effective|clearance|negative|negativity|reduction\s+of\s+at\s+least|"
    r"rescue|infection|infected|transfusion|reintervention|reoperation|conversion|clinical\s+cure|benefit)\b", _F)

KIND_PATTERNS = [
    ("complete_response", r"(?:patho(?:logic(?:al)?)?\s+)?complete\s+(?:response|remission|responders?|regression)|(?-i:\b(?:CR|CRs|pCR|CRR)\b)"),
    ("partial_response", r"partial\s+(?:response|remission|responders?|regression)|(?-i:\bPRs?\b)"),
    ("stable_disease", r"stable\s+disease|disease\s+stabili[sz]ation|(?-i:\bSD\b)"),
    ("disease_control", r"disease[\s-]control|clinical\s+benefit|(?-i:\b(?:DCR|CBR)\b)"),
    ("survival", r"surviv\w*|(?-i:\b(?:PFS|OS|DFS|EFS|RFS|MFS|DSS|CSS|LC)\b)|(?:progression|disease|event|relapse|recurrence|metastasis|failure)[\s-]free|"
                 r"\balive\b|local\s+control"),
    ("progression", r"progress(?:ion|ive\s+disease|ed)(?![\s-]free)|(?-i:\bPD\b)"),
    ("other", r"American\s+College\s+of\s+Rheumatology\s*\d+(?:\s+respon\w*)?|(?:virolog\w*|serolog\w*|immun\w*|antibody|ACR\s?\d+|PASI\s?\d+|EASI\s?\d+|sustained)\s+respon\w*|(?-i:\bSVR\w*\b|\bACR\s?\d+\b)"),
    ("response", r"respon(?:se|ses|ded|ders?|sive)|(?-i:\b(?:ORR|ORRs|BOR)\b)"),
    ("adverse_event", r"advers\w*|toxicit\w*|side[\s-]effects?|(?-i:\b(?:AEs?|SAEs?|TEAEs?|DLTs?|irAEs?|ALT|AST|PONV)\b)|dose[\s-]limiting|"
                      r"grades?\s*(?:[1-5]|I{1,3}V?|≥|>=)|neutropeni\w*|leukopeni\w*|leucopeni\w*|thrombocytopeni\w*|"
                      r"an(?:a)?emi\w*|lymphopeni\w*|febrile|nause\w*|vomit\w*|emesis|diarrh\w*|fatigue|asthenia|rash\w*|"
                      r"alopecia|mucositis|stomatitis|hypertension|hypotension|neuropath\w*|hand[\s-]foot|anorexia|"
                      r"constipation|fever|pyrexia|headache|dizziness|pruritus|insomnia|somnolence|dyspn\w*|cough|"
                      r"arthralgia|myalgia|hepatotoxic\w*|transaminase\w*|bilirubin|proteinuria|edema|oedema|"
                      r"bleeding|ha?emorrhag\w*|thrombo\w*|embolism|infections?|sepsis|pneumonitis|colitis|hypothyroid\w*|"
                      r"hyperglyc\w*|hypoglyc\w*|hypokal\w*|hyponatr\w*|injection[\s-]site|nephrotox\w*|ototox\w*|"
                      r"cardiotox\w*|pain\s+at\s+injection|dysgeusia|weight\s+loss|hiccups?|flushing|chills|"
                      r"reactions?|hypersensitivity|anaphyla\w*|cytopeni\w*|myelosuppression|neutrophil\s+count|"
                      r"mucosal|dermatitis|sensory|paresthesia|paraesthesia"),
]
_KIND_RE = regex.compile("|".join(rf"(?P<{k}{i}>{p})" for i, (k, p) in enumerate(KIND_PATTERNS)), _F)
# right-hand side that says who had what: "35% had a partial response", "(8/37) achieved CR"
_RIGHT_VERB_RE = regex.compile(
    r"\s*[)\]]?\s*(?:of\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?(?:patients|subjects|participants|cases|children|women|men)\s+)?"
    r"(?:(?:in\s+)?(?:the\s+)?[\w\-]+\s+(?:group|arm)\s+)?(?:had|have|achieved|experienced|developed|showed|attained|obtained|"
    r"were|was|remained|died|survived|responded|reached|reported)\b", _F)
_GROUP_RE = regex.compile(
    r"\s*[)\]]?\s*(?:with|for|in|on|among)\s+(?:the\s+)?(?P<g>(?:arm\s+[A-Z0-9]+|(?:[\w\-+/.]+\s+){0,3}?(?:group|arm|cohort)|"
    r"[\w\-+/.]+(?:\s+[\w\-+/.]+){0,2}?))(?=\s*(?:[,;.)]|\s(?:versus|vs|and|compared|respectively|than)\b|$))", _F)
_ARMISH_RE = regex.compile(r"\b(?:group|arm|cohort|placebo|control)\b|^arm\s", _F)
_BASELINE_AFTER_RE = regex.compile(
    r"\s*[)\]]?\s*(?:of\s+(?:the\s+)?(?:patients|subjects|participants)\s+)?(?:were\s+|was\s+|are\s+|had\s+|with\s+)?"
    r"(?:male|female|males|females|men|women|boys|girls|white|black|caucasian|asian|hispanic|smokers?|current\s+smokers?|"
    r"former\s+smokers?|never\s+smokers?|stage|ECOG|PS\s*\d|performance\s+status|married|aged|older|younger|"
    r"postmenopausal|premenopausal|obese|overweight|previously|prior|treatment[\s-]na[iï]ve|na[iï]ve)\b", _F)
_SIGN_RE = regex.compile(r"\s?(?:%|percent\b|per\s+cent\b)", _F)
_QUICK_RE = regex.compile(r"%|\d\s?percent|\d\s+per\s*cent|\d\s*/\s*\d|\d\s+(?:of|out\s+of)\s+\d|\b(?:of|out\s+of)\s+(?:the\s+)?\d", _F)
_NUMBER_IN_SENT_RE = regex.compile(rf"{COUNT_NUMBER}(?!\s*(?:%|percent|·\d|\.\d|/\d))", _F)


_WORD_LED = {"n_pct_of_N", "n_of_N_pct", "n_pct", "n_of_N"}


class _Cand:
    __slots__ = ("start", "end", "pct_span", "pct_text", "n", "N", "shape", "n_span")

    def __init__(self, start, end, pct_span, pct_text, n, N, shape, n_span=None):
        self.start, self.end, self.pct_span, self.pct_text = start, end, pct_span, pct_text
        self.n, self.N, self.shape, self.n_span = n, N, shape, n_span


def _int(s: Optional[str]) -> Optional[int]:
    return parse_int(s) if s is not None else None


def _find_candidates(text: str) -> list[_Cand]:
    taken: list[tuple[int, int]] = []  # spans of numbers already used

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    out: list[_Cand] = []
    nums = number_starts(text)
    for shape, rx in CANDIDATES:
        # patterns led by a count number (words included) are tried only near numbers
        matches = match_at(rx, text, nums) if shape in _WORD_LED else rx.finditer(text)
        for m in matches:
            gd = m.groupdict()
            if shape == "list":
                base = m.start("list")
                for x in regex.finditer(DECIMAL, m.group("list")):
                    a, b = base + x.start(), base + x.end()
                    if free(a, b):
                        out.append(_Cand(a, b + 0, (a, b), x.group(), None, None, "pct"))
                        taken.append((a, b))
                a, b = m.span("pct")
                if free(a, b):
                    out.append(_Cand(a, m.end(), (a, b), m.group("pct"), None, None, "pct"))
                    taken.append((a, m.end()))
                continue
            spans = [m.span(g) for g in ("pct", "n", "N") if gd.get(g) is not None]
            if not all(free(a, b) for a, b in spans):
                continue
            n, N = _int(gd.get("n")), _int(gd.get("N"))
            if gd.get("n") is not None and n is None:
                continue
            if N is not None and (n is None or n > N or N == 0):
                continue
            pct = (m.span("pct"), m.group("pct")) if gd.get("pct") is not None else (None, None)
            out.append(_Cand(m.start(), m.end(), pct[0], pct[1], n, N, shape,
                             m.span("n") if gd.get("n") is not None else None))
            taken.extend(spans)
    out.sort(key=lambda c: c.start)
    return _merge(text, out)


# "131 of the 532 patients who received remdesivir (24.6%)": the percent written a few words after its n/N
_BETWEEN_RE = regex.compile(r"[^.;%()\[\]]{0,60}[(\[]\s*$")


def _merge(text: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    skip = set()
    for i, c in enumerate(cands):
        if i in skip:
            continue
        if c.pct_span is None and i + 1 < len(cands):
            nxt = cands[i + 1]
            if (nxt.shape == "pct" and _BETWEEN_RE.fullmatch(text, c.end, nxt.start)
                    and percent_agrees(parse_decimal(nxt.pct_text), decimals_of(nxt.pct_text), c.n, c.N)):
                end = nxt.end + (1 if text[nxt.end:nxt.end + 1] in ")]" else 0)
                out.append(_Cand(c.start, end, nxt.pct_span, nxt.pct_text, c.n, c.N, "n_of_N_pct", c.n_span))
                skip.add(i + 1)
                continue
        out.append(c)
    return out


def _zones(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ZONE_RE.finditer(text)]


def _not_a_rate(text: str, c: _Cand, zones: list[tuple[int, int]], drug_starts: set[int],
                drug_ends: set[int] = frozenset()) -> bool:
    if c.pct_span is None:
        return False
    a, b = c.pct_span
    if parse_decimal(c.pct_text) > 100:
        return True
    if any(s <= a < e for s, e in zones):
        return True
    sign = _SIGN_RE.match(text, b)
    pos = sign.end() if sign else b
    after = text[pos: pos + 80]
    if _STAT_AFTER_RE.match(after) or _CHANGE_AFTER_RE.match(after):
        return True
    if after[:1] == "/" or text[max(0, a - 2):a] == "%/":
        return True  # "20%/50%/70% improvement criteria": thresholds, not rates
    if any(pos <= d <= pos + 2 and not text[pos:d].strip() for d in drug_starts) or \
            any(a - 2 <= e <= a and not text[e:a].strip() for e in drug_ends):
        return True  # "0.5% bupivacaine": a concentration
    if _RANGE_AFTER_RE.match(after):
        return True
    before = text[max(0, a - 40): a]
    if c.shape in ("pct",) and _BEFORE_RE.search(before):
        return True
    if c.shape == "pct" and _MEASURE_BEFORE_RE.search(text[max(0, a - 60): a]):
        return True
    return False


class _KindIndex:
    """The outcome words of each sentence that holds a candidate, found in one pass per sentence: scanning the
    sentence again for every candidate with the large alternation cost more than the rest of the extractor."""

    __slots__ = ("starts", "ends", "names", "_done", "_text")

    def __init__(self, text: str):
        self._text = text
        self._done: set[int] = set()
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.names: list[str] = []

    def scan(self, s0: int, s1: int) -> None:
        if s0 in self._done:
            return
        self._done.add(s0)
        ms = list(_KIND_RE.finditer(self._text, s0, s1))
        if not ms:
            return
        i = bisect_right(self.starts, s0)
        self.starts[i:i] = [m.start() for m in ms]
        self.ends[i:i] = [m.end() for m in ms]
        self.names[i:i] = [_kind_name(m) for m in ms]

    def last_before(self, lo: int, hi: int) -> Optional[str]:
        """The kind of the last outcome word inside [lo, hi)."""
        i = bisect_right(self.starts, hi) - 1
        while i >= 0 and self.starts[i] >= lo:
            if self.ends[i] <= hi:
                return self.names[i]
            i -= 1
        return None

    def first_after(self, lo: int, hi: int) -> Optional[str]:
        """The kind of the first outcome word inside [lo, hi)."""
        i = bisect_right(self.starts, lo - 1)
        if i < len(self.starts) and self.ends[i] <= hi:
            return self.names[i]
        return None


def _kind(text: str, c: _Cand, sent_start: int, sent_end: int, kinds: _KindIndex) -> tuple[Optional[str], bool]:
    """(kind or None, found_on_right). Nearest outcome word on the left in the sentence, unless the right says
    who had what ("35% had a partial response")."""
    right_end = min(sent_end, c.end + 90)
    kinds.scan(sent_start, sent_end)
    if _RIGHT_VERB_RE.match(text, c.end, right_end):
        k = kinds.first_after(c.end, right_end)
        if k:
            return k, True
    k = kinds.last_before(sent_start, c.start)
    if k is not None:
        return k, False
    k = kinds.first_after(c.end, right_end)
    return (k, True) if k else (None, False)


def _kind_name(m: regex.Match) -> str:
    name = m.lastgroup
    return name.rstrip("0123456789")


def _group(text: str, c: _Cand, sent_end: int, drug_starts: set[int]) -> Optional[str]:
    m = _GROUP_RE.match(text, c.end, min(sent_end, c.end + 60))
    if not m:
        return None
    g = m.group("g").strip()
    if _ARMISH_RE.search(g) or m.start("g") in drug_starts:
        return g
    return None


def _sentence_bounds(doc: Doc, n_chars: int) -> tuple[list[int], list[int]]:
    """Character bounds of the sentences from the SENT_START array: iterating doc.sents builds every token and
    cost more than the whole extractor."""
    if len(doc) == 0:
        return [0], [n_chars]
    arr = doc.to_array([SENT_START, IDX])
    starts = arr[:, 1][arr[:, 0] == 1].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return starts, starts[1:] + [n_chars]


def _drug_bounds(doc: Doc) -> tuple[set[int], set[int]]:
    """Start and end offsets of DRUG mentions from the token arrays (doc.ents builds a Token per token)."""
    drug = doc.vocab.strings["DRUG"] if "DRUG" in doc.vocab.strings else None
    if drug is None or len(doc) == 0:
        return set(), set()
    arr = doc.to_array([ENT_IOB, ENT_TYPE, IDX, LENGTH])
    rows = arr[arr[:, 1] == drug]
    if not len(rows):
        return set(), set()
    starts, ends = set(), set()
    prev_end = None
    for iob, _, idx, length in rows.tolist():
        if iob == 3 or prev_end is None:  # B opens a mention
            if prev_end is not None:
                ends.add(prev_end)
            starts.add(idx)
        prev_end = idx + length
    ends.add(prev_end)
    return starts, ends


def extract(doc: Doc, found: "Found") -> list[Rate]:
    text = found.text or doc.text
    if not _QUICK_RE.search(text):
        return []
    cands = _find_candidates(text)
    if not cands:
        return []
    zones = _zones(text)
    drug_starts, drug_ends = _drug_bounds(doc)  # ends: "carteolol 1%" is a strength
    sent_starts, sent_ends = _sentence_bounds(doc, len(text))
    count_values = sorted({c.value for c in found.counts})
    kinds = _KindIndex(text)

    rates: list[Rate] = []
    for c in cands:
        if _not_a_rate(text, c, zones, drug_starts, drug_ends):
            continue
        i = max(bisect_right(sent_starts, c.start) - 1, 0)
        s0, s1 = sent_starts[i], sent_ends[i]
        if _BASELINE_AFTER_RE.match(text, c.end, min(s1, c.end + 40)):
            continue  # "54% male", "(32%) were women", "32% stage 1"
        kind, _ = _kind(text, c, s0, s1, kinds)
        near = text[max(s0, c.start - 70): c.start] + " " + text[c.end: min(s1, c.end + 40)]
        if kind is None:
            # a percent with no outcome word: an outcome only in an outcome sentence, never a baseline description
            if _BASELINE_RE.search(near) or not _OUTCOME_RE.search(text, s0, s1):
                continue
            if c.pct_span is None:
                continue  # a bare n/N needs a named outcome
            kind = "other"
        elif _BASELINE_RE.search(text[max(s0, c.start - 30): c.start]) and kind in ("other",):
            continue

        n, N = c.n, c.N
        inferred = False
        consistent: Optional[bool] = None
        if c.pct_text is not None:
            percent = round(parse_decimal(c.pct_text), 4)
            digits = decimals_of(c.pct_text)
            if n is not None and N is not None:
                consistent = percent_agrees(percent, digits, n, N)
                if not consistent:
                    found.warnings.append(RecordWarning(
                        code="rate_mismatch", start=c.start, end=c.end,
                        message=f"{n}/{N} is {100.0 * n / N:.1f}%, not the stated {c.pct_text}%"))
            else:
                n, N, inferred = _infer(text, c, s0, s1, percent, digits, count_values)
        else:
            percent = round_half_up(100.0 * n / N, 1)
        rates.append(Rate(
            percent=percent, numerator=n, denominator=N, kind=kind, inferred=inferred, consistent=consistent,
            group=_group(text, c, s1, drug_starts), text=text[c.start:c.end], start=c.start, end=c.end,
        ))
    return rates


def _infer(text: str, c: _Cand, s0: int, s1: int, percent: float, digits: int,
           count_values: list[int]) -> tuple[Optional[int], Optional[int], bool]:
    """n/N from numbers written in the abstract: numerators from this sentence, denominators from the counts.
    Kept only when exactly one pair gives the stated percent (half-up at the stated precision)."""
    if c.n is not None:
        numerators = {c.n}
    else:
        numerators = set()
        for m in _NUMBER_IN_SENT_RE.finditer(text, s0, s1):
            if c.start <= m.start() < c.end:
                continue
            v = parse_int(m.group())
            if v is not None and 0 < v < 10000 and not (1900 <= v <= 2100):
                numerators.add(v)
    pairs = {(n, N) for N in count_values for n in numerators if 0 <= n <= N and N > 0
             and abs(round_half_up(100.0 * n / N, digits) - percent) < 1e-9}
    if len(pairs) == 1:
        n, N = pairs.pop()
        return n, N, True
    return c.n, None, False
