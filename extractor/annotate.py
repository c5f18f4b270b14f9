"""Stage 3, annotate: the spaCy pipeline (no pretrained model: blank English + scispaCy's rule-based parts).

Built once per process by `get_nlp()` (about 3 s, most of it the drug lexicon). Components, in order:
1. scispaCy's `combined_rule_tokenizer`;
2. `trialfacts_split_tokens`: splits the few tokens scispaCy keeps whole but later stages need apart:
   "(JRU)/person" -> "(" "JRU" ")" "/" "person" (so the abbreviation is seen), and drug compounds
   "cisplatin-based", "carboplatin/paclitaxel", "5-FU/leucovorin" -> "cisplatin" "-" "based", ... (so a drug is a token);
3. `sentencizer` (rule-based; pysbd is ~50x slower);
4. scispaCy's `abbreviation_detector` (Schwartz & Hearst);
5. `trialfacts_abbreviations`: adds the definitions scispaCy misses: short forms starting with a digit
   ("5-fluorouracil (5-FU)"), Greek letters spelled out in the long form ("interferon-alpha (IFN-α)");
6. `trialfacts_drugs` (extractor.drugs): DRUG entities.

What later stages may rely on:
- `doc_text(doc)` (this module): the normalized text, cached; `doc.text` is the same string but rebuilt from all
  tokens on every access (~1 ms per abstract), so never call it in a loop;
- tokens and `doc.sents`; numbers, "mg/m2", "mg/kg", "IL-2", "IFN-α", "5-FU", "10^6" stay single tokens
  ("10^6" is "10" "^" "6"); `doc.text` is exactly the normalized text (spans index into it);
- `doc._.abbreviations`: list of short-form Spans (every occurrence), each with `._.long_form` (a Span). Docs are not
  sent across processes (each worker runs the whole pipeline), so the detector's serializable mode is not used;
- `doc.ents`: drug mentions labelled "DRUG", with `ent.kb_id_` the canonical lower-case drug name
  (see `extractor.drugs`; `extractor.drugs.canonical_name(text)` looks a name up without a Doc).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Optional

import regex
import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import drugs

# "(JRU)/person", "(IU)/kg": a parenthesized abbreviation glued to a per-unit
_PAREN_PER = regex.compile(r"\(([\p{L}][\p{L}\d\-]{0,11})\)(/)([\p{L}\d][\p{L}\d.\-]*)")
# Words that attach to a drug name with a hyphen without making a new name ("cisplatin-based").
_LINK_WORDS = frozenset(
    """based containing treated induced related resistant refractory naive naïve pretreated associated free alone only
    sensitive loaded eluting coated exposed sparing plus combined combination monotherapy therapy treatment group arm
    regimen regimens dose doses dosing dosed infusion injection users use daily weekly intolerant failure failed
    experienced and or with versus vs alone-treated""".split()
)
_TOKENIZER_CACHE_CHUNKS = 500_000
_SHORT_CANDIDATE = regex.compile(r"[\p{L}\d][\p{L}\d\-+./]{0,9}")
_GREEK_INITIAL = str.maketrans({"α": "a", "β": "b", "γ": "g", "δ": "d", "κ": "k"})


def _drug_compound(text: str) -> Optional[list[str]]:
    """Pieces of a token that joins drug names with "-"/"/" or a drug with a link word; None to keep it whole."""
    if len(text) < 7 or not ("-" in text or "/" in text):
        return None
    if drugs.is_drug_name(text):
        return None
    pieces: list[str] = []
    found_drug = False
    for part_no, part in enumerate(text.split("/")):
        if part_no:
            pieces.append("/")
        if not part:
            return None
        if drugs.is_drug_name(part):
            pieces.append(part)
            found_drug = True
            continue
        subs = part.split("-")
        i = 0
        while i < len(subs):
            if not subs[i]:
                return None
            j = len(subs)
            while j > i and not drugs.is_drug_name("-".join(subs[i:j])):
                j -= 1
            if i:
                pieces.append("-")
            if j > i:
                pieces.append("-".join(subs[i:j]))
                found_drug = True
                i = j
            elif subs[i].lower() in _LINK_WORDS or (len(subs) == 1 and "/" in text):
                # "5-FU/LV": a slash separates names, so the partner need not be known
                pieces.append(subs[i])
                i += 1
            else:
                return None
    if not found_drug or len(pieces) < 3:
        return None
    return pieces


# Split decision per token text, memoized by ORTH hash (the vocabulary of abstracts repeats; string work is the cost).
_split_memo: dict[int, Optional[list[str]]] = {}


def _pieces(text: str) -> Optional[list[str]]:
    if "/" not in text and "-" not in text:
        return None
    if text[0] == "(":
        m = _PAREN_PER.fullmatch(text)
        return ["(", m.group(1), ")", "/", m.group(3)] if m else None
    return _drug_compound(text) if text[0].isalnum() else None


@Language.component("trialfacts_split_tokens")
def split_tokens(doc: Doc) -> Doc:
    splits: list[tuple[int, list[str]]] = []
    memo = _split_memo
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        if orth in memo:
            pieces = memo[orth]
        else:
            if len(memo) > 2_000_000:  # bound memory on endless novel vocabularies
                memo.clear()
            pieces = memo[orth] = _pieces(doc[i].text)
        if pieces:
            splits.append((i, pieces))
    if splits:
        with doc.retokenize() as retokenizer:
            for i, pieces in splits:
                tok = doc[i]
                retokenizer.split(tok, pieces, heads=[(tok, 0)] * len(pieces))
    return doc


def _long_form_start(long_text: str, short: str) -> int:
    """Schwartz & Hearst: start of the long form in `long_text` whose letters spell `short`, or -1."""
    short = short.translate(_GREEK_INITIAL)
    li = len(long_text) - 1
    for si in range(len(short) - 1, -1, -1):
        c = short[si].lower()
        if not c.isalnum():
            continue
        while li >= 0 and (long_text[li].lower() != c or (si == 0 and li > 0 and long_text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return -1
        li -= 1
    return li + 1


@Language.component("trialfacts_abbreviations")
def repair_abbreviations(doc: Doc) -> Doc:
    known = {a.text for a in doc._.abbreviations}
    added: dict[str, Span] = {}
    n = len(doc)
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= n or doc[tok.i + 2].text != ")" or tok.i < 1:
            continue
        short_tok = doc[tok.i + 1]
        short = short_tok.text
        if short in known or short in added or not _SHORT_CANDIDATE.fullmatch(short):
            continue
        # only the cases scispaCy's filter rejects or its letter matching cannot see
        if short[0].isalpha() and short.isascii():
            continue
        if not any(c.isalpha() for c in short):
            continue
        window_start = max(tok.i - min(len(short) + 5, 2 * len(short)), 0)
        window_start = max(window_start, tok.sent.start) if doc.has_annotation("SENT_START") else window_start
        long_span = doc[window_start:tok.i]
        start_char = _long_form_start(long_span.text, short)
        if start_char < 0:
            continue
        long_form = doc.char_span(long_span.start_char + start_char, long_span.end_char, alignment_mode="expand")
        if long_form is None or long_form.text.lower() == short.lower():
            continue
        added[short] = long_form
    if added:
        abbreviations = list(doc._.abbreviations)
        for tok in doc:
            long_form = added.get(tok.text)
            if long_form is not None:
                span = doc[tok.i:tok.i + 1]
                span._.long_form = long_form
                abbreviations.append(span)
        doc._.abbreviations = abbreviations
    return doc


class _TextKeepingTokenizer:
    """scispaCy's tokenizer, keeping the input string: `Doc.text` rebuilds the string from every token on each access
    (~1 ms per abstract), so stages read `doc_text(doc)` instead."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        doc = self.inner(text)
        doc.user_data["text"] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # rules, vocab, explain(), ... of the wrapped tokenizer
        return getattr(self.inner, name)


def doc_text(doc: Doc) -> str:
    """`doc.text` without rebuilding it from the tokens (same string; splitting tokens never changes the text)."""
    text = doc.user_data.get("text")
    return text if text is not None else doc.text


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  registers the factory
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    nlp = spacy.blank("en")
    tokenizer = combined_rule_tokenizer(nlp)
    # spaCy caches the tokens of each whitespace-separated chunk, but only its first 10,000 chunks: abstracts use far
    # more, and a chunk missed in the cache costs scispaCy's affix regexes (~3x the tokenizer's time on 2,000 abstracts).
    # ~70 bytes per entry, so the cap bounds memory to tens of MB.
    tokenizer.max_cache_size = _TOKENIZER_CACHE_CHUNKS
    nlp.tokenizer = _TextKeepingTokenizer(tokenizer)
    drugs.lexicon()  # load once at start-up, not on the first document
    nlp.add_pipe("trialfacts_split_tokens")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector")
    nlp.add_pipe("trialfacts_abbreviations")
    nlp.add_pipe("trialfacts_drugs")
    return nlp


def annotate(text: str) -> Doc:
    return get_nlp()(text)


def annotate_many(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    return get_nlp().pipe(texts, batch_size=batch_size)
