"""Drug lexicon and recognizer (part of stage 3, annotate).

Sources, loaded once per process (~0.6 s):
- the offline lexicon of the PyPI package `drug_named_entity_recognition` (DrugBank open data + MeSH + MedlinePlus/NHS),
  read straight from its `drug_ner_dictionary.pkl.bz2` (importing its `drugs_finder` would also build an n-gram fuzzy
  index we do not use). Canonical entries known only from MeSH (classes such as "analgesics", lab markers such as
  "C-reactive protein", "interleukin-6") are dropped: in abstracts they are mostly not administered drugs;
- `extractor/data/drug_lexicon_extra.tsv`: our aliases (cytokines, biologics), renames of the package's canonical names
  to the INN gold records use ("interferon alfa"), stop names (lab markers, words), and regimen-component
  abbreviations abstracts use without defining them ("CDDP", "MMC", "VNR"; exact case), some only next to a dose or
  another drug ("LV 200 mg/m2", "5-FU/LV", but not "LV mass"), all overridden by the abstract's own definition;
- patterns for investigational codes ("AZD9291", "MK-3475", "RAD001", "BAY 43-9006");
- abbreviations the abstract defines for a drug ("5-fluorouracil (5-FU)" makes every "5-FU" a mention of fluorouracil;
  also "tamoxifen (TAM, n=45)"), from `doc._.abbreviations` when the drug ends the long form.
Names of two known drugs joined by a slash ("latanoprost/timolol") are left out: the tokenizer splits them and each
component is a mention.

API for later stages:
- `canonical_name(text) -> str | None`: canonical lower-case generic name of a drug name as written
  ("5-FU" -> "fluorouracil", "IFN-α" -> "interferon alfa", "MK-3475" -> "mk-3475"); None when unknown.
  It does not know per-abstract abbreviations: use the Doc's entities for those.
- `find_drug_spans(doc) -> list[Span]`: DRUG spans (label "DRUG", `kb_id_` = canonical name), non-overlapping.
- spaCy component "trialfacts_drugs" (added by `extractor.annotate.get_nlp`): sets `doc.ents` to those spans.
  It must run after `trialfacts_abbreviations` (it reads `doc._.abbreviations`).
"""

from __future__ import annotations

import bz2
import csv
import pickle
from functools import lru_cache
import importlib.util
from pathlib import Path

import numpy as np
import regex
from spacy.language import Language
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

DRUG = "DRUG"
_DATA = Path(__file__).parent / "data" / "drug_lexicon_extra.tsv"

# A canonical entry is kept when a drug-specific source knows it (MeSH alone also lists enzymes, receptors, classes).
_DRUG_SOURCES = ("drugbank_id", "medline_plus_id", "nhs_url", "wikipedia_url")
# Multi-drug products ("abacavir, lamivudine, and zidovudine") and MeSH inverted headings ("analgesics, opioid"):
# abstracts name the components, and one entity over a list would hide them.
_LIST_NAME = regex.compile(r",")
# Where the tokenizer may split inside a name: the first piece of a name is what a token can start with.
_FIRST_PIECE = regex.compile(r"[\s()\[\],;/]+|-")

# Interleukins other than those we alias (IL-2, IL-11, IL-12) are measured in abstracts, not given.
_MARKER_CYTOKINE = regex.compile(r"(?:il|interleukin)[- ]?\d+[a-z]?$")
# A drug name followed by these names a receptor or a measurement: "vitamin D receptor", "estrogen receptor".
_NOT_AFTER = frozenset({"receptor", "receptors"})

# Investigational compound codes: company prefix + number. One token ("AZD9291", "MK-3475", "RAD001", "E7080").
# Also prefix + letter + one digit ("BP-C1", "CT-P6", "ACU-D1"), but not with the letters that name isoforms and alleles
# (A, B: "HLA-A2", "APO-A1", "UT-A1"), ligands and receptors (L, R: "PD-L1", "VEGF-R2") or TNM stages ("TA-T1").
_CODE_TOKEN = regex.compile(r"(?:[A-Z]{2,5}-?\d{3,7}|[A-Z]\d{4,7}|[A-Z]{2,5}-\d{2,3}[A-Z]{1,3}|[A-Z]{2,5}-[C-KOPQSU-Z]\d)"
                            r"[A-Za-z]?")
# Prefixes that look like codes but are trial registries, cooperative groups, markers, cell lines or classifications.
_NOT_CODE_PREFIX = frozenset(
    """NCT ISRCTN ACTRN CTRI IRCT KCT UMIN JPRN DRKS CHICTR EUDRACT NTR PACTR SLCTR TCTR RBR CD HLA CYP UGT ICD ISO
    CA HPV HIV HCV HBV HTLV RTOG ECOG CALGB SWOG GOG JCOG EORTC NSABP NCIC ACOSOG NRG WJOG WJTOG TCOG KCSG AGO IBCSG
    BIG GBG HOG SAKK GEICAM NCCTG COG CCTG AIO FFCD GERCOR HCT SW HEK MCF PC DSM SF EQ FEV IL TNF TGF VEGF EGF
    HER FGF PDGF IGF BRCA KRAS EGFR ALK MGMT PDL PD AUC COVID SARS MERS OR RR HR CI AE SAE NYHA APACHE GCS BMI ASA
    TAX KEYNOTE IMPOWER CHECKMATE ML MRI CT PET SPECT FDG RT IMRT SBRT UICC AJCC TNM WHO FIGO ISS LDH""".split()
)
# Space-separated codes only after known company prefixes ("BAY 43-9006", "AMG 479"): "RTOG 9410" is a trial.
_CODE_SPACED = regex.compile(
    r"(?<![\w-])(?:BAY|AMG|SCH|MEDI|GDC|AZD|CP|PF|LY|ABT|MK|BMS|TAK|XL|CC|BI|INCB|JNJ|RO|PTK|ZK|OSI|SU|ZD|CI|PS|CEP|"
    r"GSK|SB|KW|TAS|DS|ONO|MGCD|ARRY|IPI|LGX|MLN|NVP|PCI|PD|PLX|SGN|ABX)\s\d{2,7}(?:-\d{2,7}|,\d{3})?(?![\w-])"
)
_CODE_SPACED_PREFILTER = regex.compile(r"[A-Z]{2,5} \d")

_WHOLE_PIECE = regex.compile(r"[\s()\[\],;/]+")
_PREFIX_END = regex.compile(r"(?<=.)[\s\-/(),]")
# Function words and digits start some hyphenated names ("a-...", "2-...") but never a drug mention on their own:
# keeping them out of the candidate set saves most of the matcher's work.
_FUNCTION_WORDS = frozenset("a an and or at is by no p n of in on to the as all two well ci".split())
_GREEK = (("alpha", "α"), ("alfa", "α"), ("beta", "β"), ("gamma", "γ"))

# What joins two drugs of a regimen written as a list: "5-FU/LV", "5-FU + LV", "irinotecan, 5-FU, LV", "5-FU and LV",
# "irinotecan with LV" (only between two drugs: "patients with LV" has no drug before "with").
_JOINERS = frozenset({"/", "+", ",", "and", "plus", "&", "-", "with"})
# A dose next to a bare abbreviation: a number, then a mass or activity unit (per body size or day allowed).
_UNIT = regex.compile(r"(?i)(?:mg|g|µg|μg|mcg|ng|iu|miu|mu|u|units?)(?:/\S*)?")
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)?(?:[-–]\d+(?:[.,]\d+)?)?")  # also a range in one token ("2.5–3.1")
_RANGE_OR_LIST_JOIN = frozenset(("-", "–", "to", ",", "and"))
_SUPPLEMENT_NOUNS = frozenset(("supplementation", "supplement", "supplements"))
_NUMBER_UNIT = regex.compile(r"(?i)\d+(?:[.,]\d+)?(?:mg|g|µg|μg|mcg|iu|u)(?:/\S*)?")
# An abbreviation defined right after a drug: "5-fluorouracil (5-FU)", "interferon-alpha (IFN-α)", "cisplatin (CDDP)".
_SHORT_FORM = regex.compile(r"[\p{L}\d][\p{L}\d\-+/.]{0,10}")


def _read_extra() -> tuple[dict[str, str], dict[str, str], dict[str, str], set[str], dict[str, bool], set[str]]:
    aliases: dict[str, str] = {}
    exact: dict[str, str] = {}
    renames: dict[str, str] = {}
    stops: set[str] = set()
    abbrevs: dict[str, bool] = {}  # bare abbreviation -> needs a drug context
    dose_ctx: set[str] = set()  # names (lower case) that are a drug only next to a dose
    with open(_DATA, encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            kind, name, canonical = row[0], row[1], row[2]
            if kind == "alias":
                aliases[name.lower()] = canonical
            elif kind == "exact":
                exact[name] = canonical
            elif kind in ("abbrev", "abbrev_ctx"):
                exact[name] = canonical
                abbrevs[name] = kind == "abbrev_ctx"
            elif kind == "dose_ctx":
                aliases[name.lower()] = canonical
                dose_ctx.add(name.lower())
            elif kind == "rename":
                renames[name] = canonical
            elif kind == "stop":
                stops.add(name.lower())
            else:
                raise ValueError(f"{_DATA}: unknown kind {kind!r} in row {row}")
    return aliases, exact, renames, stops, abbrevs, dose_ctx


def _package_lexicon() -> tuple[dict[str, str], set[str]]:
    """name (lower case) -> package canonical, and the set of brand names."""
    # find the package without importing it: its __init__ builds a fuzzy n-gram index (~3 s) we do not use
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("drug_named_entity_recognition is not installed (see requirements.txt)")
    path = Path(spec.submodule_search_locations[0]) / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path, "rb") as f:
        d = pickle.load(f)  # the package's own data file, shipped in the locked wheel
    canon_data = d["drug_canonical_to_data"]
    variant_data = d["drug_variant_to_variant_data"]
    names: dict[str, str] = {}
    brands: set[str] = set()
    for variant, canonicals in d["drug_variant_to_canonical"].items():
        canonical = canonicals[0]
        data = canon_data.get(canonical, {})
        if not any(k in data for k in _DRUG_SOURCES) or _LIST_NAME.search(variant) or _LIST_NAME.search(canonical):
            continue
        names[variant] = canonical
        if variant_data.get(variant, {}).get("is_brand"):
            brands.add(variant)
    return names, brands


class _Lexicon:
    def __init__(self) -> None:
        aliases, exact, renames, stops, abbrevs, dose_ctx = _read_extra()
        self.abbrevs = abbrevs
        self.dose_ctx = dose_ctx
        names, brands = _package_lexicon()
        self.names: dict[str, str] = {}
        for variant, canonical in names.items():
            if variant not in stops:
                self.names[variant] = renames.get(canonical, canonical)
        for variant in [v for v in self.names if _MARKER_CYTOKINE.match(v)]:
            del self.names[variant]
        self.names.update(aliases)
        # "latanoprost/timolol": a combination of names we know is read as its components (the tokenizer splits it at
        # the slash), as abstracts compare each component with the combination
        for name in [n for n in self.names if "/" in n]:
            if all(part in self.names for part in name.split("/")):
                del self.names[name]
        # "interferon α-2a", "IFN-α": the Greek letter is written as often as its name
        for name, canonical in list(self.names.items()):
            for word, letter in _GREEK:
                if word in name:
                    self.names.setdefault(name.replace(word, letter), canonical)
        self.brands = brands - set(aliases)
        self.exact = exact
        self.first: set[str] = set()
        # every start of a name that ends where a token may end: lets the matcher stop extending a candidate early
        self.prefixes: set[str] = set()
        for name in self.names:
            pieces = [p for p in _FIRST_PIECE.split(name) if p]
            if pieces and pieces[0] not in _FUNCTION_WORDS and not pieces[0].isdigit():
                self.first.add(pieces[0])
            # the tokenizer may keep a hyphenated or bracketed start as one token ("5-fu", "alfa-2b"); a function word
            # alone starts only stray entries ("and veldex", "a trisaccharide") and was a third of the tokens the
            # matcher looked at; a number does start names ("17 beta-estradiol", "5 fluorouracil")
            whole = _WHOLE_PIECE.split(name)[0]
            if whole not in _FUNCTION_WORDS:
                self.first.add(whole)
            if "/" in name and not any(c.isspace() for c in name):
                self.first.add(name)  # "tegafur/uracil" is kept as one token when it is a name itself
            for m in _PREFIX_END.finditer(name):
                self.prefixes.add(name[: m.start()])
        self.max_chars = max(map(len, self.names))


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    return _Lexicon()


def canonical_name(text: str) -> str | None:
    """Canonical lower-case name of a drug as written, or None ("5-FU" -> "fluorouracil")."""
    lex = lexicon()
    text = " ".join(text.split())
    if text in lex.exact:
        return lex.exact[text]
    low = text.lower()
    if low in lex.names:
        if low in lex.brands and not text[:1].isupper():
            return None
        return lex.names[low]
    if _is_code(text) or _CODE_SPACED.fullmatch(text):
        return low
    return None


def is_drug_name(text: str) -> bool:
    """Whether `text` (one token's worth, as written) is a lexicon name; cheap, for tokenizer decisions."""
    lex = lexicon()
    return text in lex.exact or text.lower() in lex.names


def _is_code(text: str) -> bool:
    if not _CODE_TOKEN.fullmatch(text):
        return False
    prefix = regex.match(r"[A-Z]+", text)
    return prefix is not None and prefix.group().upper() not in _NOT_CODE_PREFIX


# What a token's text can start: _EXACT/_CODE are whole mentions, _FIRST may begin a lexicon name.
_NOTHING, _EXACT, _FIRST, _CODE = 0, 1, 2, 3


def _classify(text: str, lex: _Lexicon) -> tuple[int, str | None]:
    if text in lex.exact:
        return _EXACT, lex.exact[text]
    low = text.lower()
    if low in lex.first:
        return _FIRST, None
    if text[:1].isupper() and _is_code(text):
        return _CODE, low
    return _NOTHING, None


def _could_start(text: str) -> bool:
    return _classify(text, lexicon())[0] != _NOTHING


def _doc_text(doc: Doc) -> str:
    text = doc.user_data.get("text")  # cached by extractor.annotate's tokenizer; doc.text rebuilds it from tokens
    return text if text is not None else doc.text


def _lexicon_spans(doc: Doc, lex: _Lexicon, flag: int | None) -> list[Span]:
    spans: list[Span] = []
    text = _doc_text(doc)
    n = len(doc)
    names = lex.names
    prefixes = lex.prefixes
    if flag is None:
        idxs, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
        candidates = [i for i in range(n) if _could_start(doc[i].text)]
    else:
        arr = doc.to_array([flag, IDX, LENGTH])
        candidates = np.flatnonzero(arr[:, 0]).tolist()
        idxs, lengths = arr[:, 1].tolist(), arr[:, 2].tolist()
    free = 0  # first token not inside a span already found
    for i in candidates:
        if i < free:
            continue
        kind, canonical = _classify(text[idxs[i]:idxs[i] + lengths[i]], lex)
        if kind != _FIRST:
            spans.append(Span(doc, i, i + 1, label=DRUG, kb_id=canonical))
            free = i + 1
            continue
        start = idxs[i]
        best = None
        for j in range(i, min(n, i + 12)):
            end = idxs[j] + lengths[j]
            if end - start > lex.max_chars:
                break
            key = text[start:end].lower()
            if "\n" in key or "  " in key:
                key = " ".join(key.split())
            canonical = names.get(key)
            if canonical is not None:
                if key in lex.brands and not text[start].isupper():
                    continue
                best = (j + 1, canonical)
            elif key not in prefixes:
                break
        if best is not None and best[0] < n and doc[best[0]].lower_ in _NOT_AFTER:
            best = None
        if best is None:
            continue
        spans.append(Span(doc, i, best[0], label=DRUG, kb_id=best[1]))
        free = best[0]
    if _CODE_SPACED_PREFILTER.search(text):
        for m in _CODE_SPACED.finditer(text):
            span = doc.char_span(m.start(), m.end(), label=DRUG, kb_id=" ".join(m.group().lower().split()))
            if span is not None:
                spans.append(span)
    return spans


def _defined_abbreviations(doc: Doc, spans: list[Span]) -> dict[str, str]:
    """Short forms the abstract defines for a drug it names: "5-fluorouracil (5-FU)" -> {"5-FU": "fluorouracil"}."""
    defined: dict[str, str] = {}
    n = len(doc)
    for span in spans:
        # drug "(" SHORT ")": SHORT must start like the drug ("CDDP" for cisplatin, not "DC" for docetaxel-cisplatin);
        # also "(" SHORT ";" or "," before the arm size or dose ("tamoxifen (TAM, n=45)", "mitomycin C (MMC; 0.4 mg/ml"),
        # with two capitals or digits there, so neither "paclitaxel (P, 175 mg/m2)" nor "tolterodine (To, n = 30)" makes
        # every "P" or "To" a drug
        if span.end + 2 < n and doc[span.end].text == "(":
            after = doc[span.end + 2].text
            short = doc[span.end + 1].text
            if (after == ")" or (after in (";", ",") and sum(c.isupper() or c.isdigit() for c in short) >= 2)) \
                    and _looks_like_short_form(short, span.text) and short.lower() != span.text.lower():
                defined.setdefault(short, span.kb_id_)
    for abbr in getattr(doc._, "abbreviations", None) or []:
        long_form = abbr._.long_form
        short = abbr.text
        if short in defined:
            continue
        for span in spans:
            # the drug must end the long form: "combination of 5-fluorouracil (5-FU)" names 5-FU, not the combination
            if span.end == long_form.end and span.start >= long_form.start:
                if _looks_like_short_form(short, span.text):
                    defined[short] = span.kb_id_
                break
    return defined


def _looks_like_short_form(short: str, long_text: str) -> bool:
    if not _SHORT_FORM.fullmatch(short) or not any(c.isupper() or c.isdigit() for c in short):
        return False
    first_long = next((c for c in long_text if c.isalnum()), "")
    return short[0].lower() == first_long.lower()


def _check_bare_abbreviations(doc: Doc, spans: list[Span], lex: _Lexicon) -> list[Span]:
    """Drop the curated bare abbreviations ("MMC", "LV", kinds abbrev/abbrev_ctx of drug_lexicon_extra.tsv) the
    abstract defines as something else ("left ventricular (LV)"), and those needing a drug context that have none."""
    text = _doc_text(doc)
    bare = {k: text[s.start_char:s.end_char] for k, s in enumerate(spans) if s.end - s.start == 1}
    bare = {k: t for k, t in bare.items() if t in lex.abbrevs}
    if not bare:
        return spans
    others = [s for k, s in enumerate(spans) if k not in bare]
    overridden: set[str] = set()
    for abbr in getattr(doc._, "abbreviations", None) or []:
        short = abbr.text
        if short in bare.values() and short not in overridden:
            long_form = abbr._.long_form
            if not any(o.start >= long_form.start and o.end <= long_form.end for o in others):
                overridden.add(short)
    confirmed = {s.start: s.end for s in others}  # drug spans by first token
    ends = {s.end for s in others}
    pending: dict[int, Span] = {}
    for k, short in bare.items():
        if short in overridden:
            continue
        if lex.abbrevs[short] and not _dose_next_to(doc, spans[k].start):
            pending[k] = spans[k]
        else:
            confirmed[spans[k].start] = spans[k].end
            ends.add(spans[k].end)
    changed = True
    while pending and changed:  # "CTX, ADM and 5-FU": a partner confirmed in turn confirms its neighbour
        changed = False
        for k, span in list(pending.items()):
            i = span.start
            before = i >= 2 and doc[i - 1].lower_ in _JOINERS and (i - 1) in ends
            after = i + 2 < len(doc) and doc[i + 1].lower_ in _JOINERS and (i + 2) in confirmed
            if before or after:
                del pending[k]
                confirmed[i] = span.end
                ends.add(span.end)
                changed = True
    return [s for k, s in enumerate(spans) if k not in bare or (bare[k] not in overridden and k not in pending)]


# Concentrations and measurements: a nutrient or hormone next to these is measured, not given.
_CONCENTRATION_UNIT = regex.compile(r"(?i)\S*/(?:[dmµμnp]?l|100\s*ml)|\S*mol\S*|meq\S*")
_MEASURED_BEFORE = frozenset(
    "serum plasma blood urinary urine salivary circulating dietary ionized ionised total free intracellular tissue "
    "hair baseline endogenous".split())
_MEASURED_AFTER = frozenset(
    "level levels concentration concentrations intake status excretion content deficiency absorption balance "
    "homeostasis metabolism measurement measurements".split())


def _check_dose_context(doc: Doc, spans: list[Span], lex: _Lexicon) -> list[Span]:
    """Keep a dose_ctx name ("zinc", "sucrose", "estradiol") only next to a dose ("zinc 20 mg", "10 mg of zinc",
    "calcium (1,200 mg)") and never where it is measured ("serum calcium 2.3 mmol/L", "zinc levels")."""
    text = _doc_text(doc)
    n = len(doc)
    out = []
    for s in spans:
        if text[s.start_char:s.end_char].lower() not in lex.dose_ctx:
            out.append(s)
            continue
        if s.start and doc[s.start - 1].lower_ in _MEASURED_BEFORE:
            continue
        if s.end < n and doc[s.end].lower_ in _MEASURED_AFTER:
            continue
        if _dose_next_to(doc, s.start, s.end, concentrations=False):
            out.append(s)
    return out


def _dose_next_to(doc: Doc, i: int, end: int | None = None, concentrations: bool = True) -> bool:
    """Whether a dose is written right after token i ("LV 200 mg/m2", "LV (20 mg/m2", "DOX: 20 mg/Kg", "LV 75mg/day")
    or right before it ("1.5 mg/kg DOX")."""
    n = len(doc)
    j = i + 1 if end is None else end
    if not concentrations and j + 1 < n and doc[j].lower_ in _SUPPLEMENT_NOUNS and doc[j + 1].text == "(":
        j += 1  # "lutein supplementation (10 mg/d"
    if j < n and doc[j].text in ("(", ":", ","):
        j += 1
    # a range or list before the unit: "selenium 315 to 380 μg/day", "melatonin (0.05, 0.5 and 5 mg/kg"
    for _ in range(6):
        if j + 2 < n and _NUMBER.fullmatch(doc[j].text) and doc[j + 1].lower_ in _RANGE_OR_LIST_JOIN \
                and _NUMBER.fullmatch(doc[j + 2].text):
            j += 2
        else:
            break
    if j < n and _NUMBER_UNIT.fullmatch(doc[j].text):
        return concentrations or not _CONCENTRATION_UNIT.fullmatch(doc[j].text)
    if j + 1 < n and _NUMBER.fullmatch(doc[j].text) and _UNIT.fullmatch(doc[j + 1].text):
        return concentrations or not _CONCENTRATION_UNIT.fullmatch(doc[j + 1].text)
    if not concentrations and i >= 3 and doc[i - 1].lower_ == "of":
        i -= 1  # "10 mg of zinc", "50 g of sucrose"
    return i >= 2 and _UNIT.fullmatch(doc[i - 1].text) is not None and _NUMBER.fullmatch(doc[i - 2].text) is not None \
        and (concentrations or not _CONCENTRATION_UNIT.fullmatch(doc[i - 1].text))


def find_drug_spans(doc: Doc, flag: int | None = None) -> list[Span]:
    """DRUG spans of `doc`; `flag` is the lexeme flag of words that can start a drug name (set by the component), so
    only those tokens are looked at."""
    lex = lexicon()
    spans = _lexicon_spans(doc, lex, flag)
    if spans and lex.dose_ctx:
        spans = _check_dose_context(doc, spans, lex)
    if spans:
        spans = _check_bare_abbreviations(doc, spans, lex)
    if spans:
        defined = _defined_abbreviations(doc, spans)
        if defined:
            taken = {(s.start, s.end) for s in spans}
            strings = doc.vocab.strings
            orths = doc.to_array(ORTH)
            for short, canonical in defined.items():
                for i in np.flatnonzero(orths == strings[short]).tolist():
                    if (i, i + 1) in taken:
                        # a definition in this abstract wins over the bare abbreviation ("interferon á-2a (IFN)")
                        spans = [s for s in spans if (s.start, s.end) != (i, i + 1)]
                    spans.append(Span(doc, i, i + 1, label=DRUG, kb_id=canonical))
    return filter_spans(spans)


class _DrugComponent:
    """Component "trialfacts_drugs": `doc.ents` = DRUG spans. Whether a word can start a drug name is a lexeme flag,
    computed once per distinct word when it enters the vocabulary: most tokens are never looked at in Python."""

    def __init__(self, nlp: Language):
        lexicon()  # load at start-up, not on the first document
        self.flag = nlp.vocab.add_flag(_could_start)

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = find_drug_spans(doc, self.flag)
        return doc


@Language.factory("trialfacts_drugs")
def _make_drug_component(nlp: Language, name: str) -> _DrugComponent:
    return _DrugComponent(nlp)
