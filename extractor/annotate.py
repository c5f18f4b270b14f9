"""Stage 3, annotate: the spaCy pipeline (no pretrained model: blank English + scispaCy's rule-based parts).

Built once per process by `get_nlp()` (about 3 s, most of it the drug lexicon). Components, in order:
1. scispaCy's `combined_rule_tokenizer`, with a larger chunk cache and affix searches that skip what cannot match
   (same tokens);
2. `trialfacts_split_tokens`: splits the few tokens scispaCy keeps whole but later stages need apart:
   "(JRU)/person" -> "(" "JRU" ")" "/" "person" (so the abbreviation is seen), and drug compounds
   "cisplatin-based", "carboplatin/paclitaxel", "5-FU/leucovorin" -> "cisplatin" "-" "based", ... (so a drug is a token),
   and a drug hyphenated to a closing parenthesis ("(1.2 g/day)-lovastatin");
3. `trialfacts_sentences`: spaCy's rule-based `sentencizer`, on arrays (pysbd is ~50x slower);
4. `trialfacts_abbreviations` (Schwartz & Hearst): the definitions scispaCy's `AbbreviationDetector` finds, computed
   the same way in one pass over the parentheses (the detector was the costliest component), plus those it misses:
   short forms starting with a digit ("5-fluorouracil (5-FU)"), Greek letters spelled out ("interferon-alpha (IFN-α)");
5. `trialfacts_drugs` (extractor.drugs): DRUG entities.
Per-word decisions (split this token? can it start a drug name? does it end a sentence?) are lexeme flags, computed
once per distinct word: a document then costs array reads, not a Python step per token. Cost per stage:
benchmarks/annotate_stages.py.

What later stages may rely on:
- `doc_text(doc)` (this module): the normalized text, cached; `doc.text` is the same string but rebuilt from all
  tokens on every access (~1 ms per abstract), so never call it in a loop;
- tokens and `doc.sents`; numbers, "mg/m2", "mg/kg", "IL-2", "IFN-α", "5-FU", "10^6" stay single tokens
  ("10^6" is "10" "^" "6"); `doc.text` is exactly the normalized text (spans index into it);
- `doc._.abbreviations`: list of short-form Spans (every occurrence), each with `._.long_form` (a Span). Docs are not
  sent across processes (each worker runs the whole pipeline), so the spans are not made serializable;
- `doc.ents`: drug mentions labelled "DRUG", with `ent.kb_id_` the canonical lower-case drug name
  (see `extractor.drugs`; `extractor.drugs.canonical_name(text)` looks a name up without a Doc).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterable, Iterator, Optional

try:  # the regex parser of `re` (public as sre_parse before Python 3.11)
    import re._constants as _sre
    import re._parser as _sre_parser
except ImportError:  # pragma: no cover
    import sre_constants as _sre
    import sre_parse as _sre_parser

import numpy as np
import regex
import spacy
from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from . import drugs

# "(JRU)/person", "(IU)/kg": a parenthesized abbreviation glued to a per-unit
_PAREN_PER = regex.compile(r"\(([\p{L}][\p{L}\d\-]{0,11})\)(/)([\p{L}\d][\p{L}\d.\-]*)")
# Words that attach to a drug name with a hyphen without making a new name ("cisplatin-based").
_LINK_WORDS = frozenset(
    """based containing treated induced related resistant refractory naive naïve pretreated associated free alone only
    sensitive loaded eluting coated exposed sparing plus combined combination monotherapy therapy treatment group arm
    regimen regimens dose doses dosing dosed infusion injection users use daily weekly intolerant failure failed
    experienced and or with versus vs alone-treated fixed fc randomised randomized allocated assigned""".split()
)
# Stereodescriptors before a hyphen name another compound: "(S)-ketamine", "(R)-albuterol", "(+)-...".
_STEREO = frozenset("R S RS SR + - ± +/- E Z D L DL dl d l".split())
_TOKENIZER_CACHE_CHUNKS = 500_000
# What the tokenizer leaves before the final period of an abbreviation written with periods: letters joined by
# periods ("i.v", "p.o", "b.i.d", "q.d.s", "e.g", "p.o./i.v") and the short words abstracts abbreviate ("approx",
# "vs", "et al", "Fig", "No").
_PERIOD_ABBREVIATION = regex.compile(
    r"(?i)[a-z](?:\.[a-z]){1,3}(?:\./[a-z](?:\.[a-z]){1,3})?|approx|vs|cf|ca|resp|al|figs?|nos?|viz"
)
_SHORT_CANDIDATE = regex.compile(r"[\p{L}\d][\p{L}\d\-+./]{0,9}")
_GREEK_INITIAL = str.maketrans({"α": "a", "β": "b", "γ": "g", "δ": "d", "κ": "k"})


def _hyphen_pieces(part: str) -> Optional[list[str]]:
    """A hyphenated word cut into drug names and link words ("cisplatin-based"); None when a piece is neither."""
    pieces: list[str] = []
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
            i = j
        elif subs[i].lower() in _LINK_WORDS:
            pieces.append(subs[i])
            i += 1
        else:
            return None
    return pieces


def _drug_compound(text: str) -> Optional[list[str]]:
    """Pieces of a token that joins drug names with "-"/"/" or a drug with a link word; None to keep it whole.

    A slash separates names, so any side of it may be a word we do not know ("placebo/pregabalin", "5-FU/LV",
    "tapentadol PR/pregabalin"): such a side stays whole; a slash left at either end by spacing ("(300 mg/day)
    /pregabalin") is cut off too."""
    if len(text) < 4 or not ("-" in text or "/" in text):
        return None
    if drugs.is_drug_name(text):
        return None
    parts = text.split("/")
    pieces: list[str] = []
    found_drug = False
    for part_no, part in enumerate(parts):
        if part_no:
            pieces.append("/")
        if not part:
            if 0 < part_no < len(parts) - 1:
                return None  # "a//b"
            continue
        if drugs.is_drug_name(part):
            pieces.append(part)
            found_drug = True
            continue
        subs = _hyphen_pieces(part) if "-" in part else None
        if subs is not None and any(drugs.is_drug_name(p) for p in subs):
            pieces.extend(subs)
            found_drug = True
        elif len(parts) > 1:
            pieces.append(part)  # a slash's partner need not be known
        else:
            return None
    if not found_drug or len(pieces) < 2:
        return None
    return pieces


def _after_parenthesis(text: str) -> Optional[list[str]]:
    """A drug joined by "-" to the closing parenthesis of the dose or abbreviation before it: "g/day)-lovastatin" (in
    "gemfibrozil (1.2 g/day)-lovastatin"), "(LV)-5-FU" -> ... ")" "-" and the drug (or drug compound) as its own tokens;
    None when no drug follows (")-based") or a stereodescriptor precedes it ("(S)-ketamine")."""
    cut = text.rfind(")-")
    rest = text[cut + 2:]
    if cut < 0 or not rest:
        return None
    tail = [rest] if drugs.is_drug_name(rest) else _drug_compound(rest)
    if tail is None or not drugs.is_drug_name(tail[0]):
        return None  # a drug must follow the hyphen
    head = text[:cut]
    if head.lstrip("(") in _STEREO:
        return None  # "(S)-ketamine" is esketamine, not ketamine
    lead = ["(", head[1:]] if head.startswith("(") and len(head) > 1 else [head] if head else []
    return lead + [")", "-"] + tail


def _pieces(text: str) -> Optional[list[str]]:
    if "/" not in text and "-" not in text:
        return None
    if ")-" in text and not drugs.is_drug_name(text):
        pieces = _after_parenthesis(text)
        if pieces is not None:
            return pieces
    if text[0] == "(":
        m = _PAREN_PER.fullmatch(text)
        return ["(", m.group(1), ")", "/", m.group(3)] if m else None
    return _drug_compound(text) if text[0].isalnum() or text[0] == "/" else None


class _SplitTokens:
    """Component "trialfacts_split_tokens". Whether a token needs splitting is a lexeme flag: spaCy computes it once per
    distinct word, when the word first enters the vocabulary, so a document costs one array read, not a Python step
    per token."""

    def __init__(self, nlp: Language):
        self.flag = nlp.vocab.add_flag(lambda text: _pieces(text) is not None)

    def __call__(self, doc: Doc) -> Doc:
        hits = np.flatnonzero(doc.to_array(self.flag)).tolist()
        if hits:
            with doc.retokenize() as retokenizer:
                for i in hits:
                    tok = doc[i]
                    pieces = _pieces(tok.text)
                    retokenizer.split(tok, pieces, heads=[(tok, 0)] * len(pieces))
        return doc


@Language.factory("trialfacts_split_tokens")
def _make_split_tokens(nlp: Language, name: str) -> _SplitTokens:
    return _SplitTokens(nlp)


class _Sentences:
    """Component "trialfacts_sentences": spaCy's rule-based `sentencizer` (a sentence starts at the first token after
    ".", "!", "?", ... that is not punctuation), computed on arrays: its Python loop over Token objects cost as much as
    the tokenizer's cached path.

    One exception: the period of an abbreviation written with periods ("i.v.", "p.o.", "b.i.d.", "approx.", which the
    tokenizer cuts into "i.v" "." ...) ends no sentence when the next word is lower-case, a number or a symbol ("given
    intravenously (i.v.) on days 1 to 4", "approx. 30%", "500 mg b.i.d. + metformin"): trial abstracts write these
    inside sentences, and a split there cuts a schedule off its dose. Before a capital it still ends one ("... was given
    i.v. Patients ...")."""

    def __init__(self, nlp: Language):
        ends = frozenset(Sentencizer.default_punct_chars)
        # one flag for both (a column less to read per token): the end marks are all punctuation, the abbreviations none
        self.flag = nlp.vocab.add_flag(lambda text: text in ends or _PERIOD_ABBREVIATION.fullmatch(text) is not None)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        arr = doc.to_array([IS_PUNCT, self.flag]).astype(bool)
        punct = arr[:, 0]
        is_end = arr[:, 1] & punct
        words = np.flatnonzero(~punct)
        abbrevs = arr[:, 1] ^ is_end
        if abbrevs.any():
            for e in (np.flatnonzero(abbrevs[:-1] & is_end[1:]) + 1).tolist():
                k = np.searchsorted(words, e)
                if k < len(words):
                    # a sentence starts with a capital: a lower-case word, a number or a symbol ("b.i.d. + metformin")
                    # continues this one
                    if not doc[int(words[k])].text[0].isupper():
                        is_end[e] = False
        ends_so_far = np.cumsum(is_end)
        # a word starts a sentence when an end mark stands between it and the previous word
        before = ends_so_far[words]
        starts = words[before - np.concatenate(([0], before[:-1])) > 0]
        sent_start = np.full(n, -1, dtype=np.int64)
        sent_start[0] = 1
        sent_start[starts] = 1
        doc.from_array([SENT_START], sent_start.astype(np.uint64))
        return doc


@Language.factory("trialfacts_sentences")
def _make_sentences(nlp: Language, name: str) -> _Sentences:
    return _Sentences(nlp)


def _long_form_start(long_text: str, short: str) -> int:
    """Schwartz & Hearst: start of the long form in `long_text` whose letters spell `short`, or -1."""
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


if not Doc.has_extension("abbreviations"):
    Doc.set_extension("abbreviations", default=[])
if not Span.has_extension("long_form"):
    Span.set_extension("long_form", default=None)


class _Abbreviations:
    """`doc._.abbreviations` in one pass over the parentheses: every occurrence of a defined short form, as a Span whose
    `._.long_form` is the defining long form.

    First the definitions scispaCy's `AbbreviationDetector` finds, computed the same way (same candidates, order,
    filters and letter matching, so later stages see what they saw with it) but from token arrays instead of a Matcher
    and a Span per candidate (the detector was the costliest component). Its rules:
    - every "(" ... ")" with 1-8 tokens inside, not at the start of the document, innermost first per ")";
    - 1-3 tokens inside: they are the short form (each 2-9 characters, at least half letters, starting with a letter),
      the long form ends before "(" and starts at most min(len + 5, 2 * len) tokens back;
      4-8 tokens inside (parentheses balanced): the token before "(" is the short form, the inside the long form;
    - Schwartz & Hearst on the tokens joined by single spaces; a short or long form text defined once per document.
    One departure: a long form that is the short form again ("months (95% CI, 8.1-10.4 months)") is no definition.
    Then the definitions it misses: "5-fluorouracil (5-FU)" (short form starting with a digit) and "interferon-alpha
    (IFN-α)" (Greek letter spelled out in the long form), long form looked for within the sentence.
    """

    def __init__(self, nlp: Language):
        strings = nlp.vocab.strings
        self.open, self.close = strings.add("("), strings.add(")")

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if "(" not in text or ")" not in text:
            return doc
        arr = doc.to_array([ORTH, IDX, LENGTH])
        orths = arr[:, 0]
        opens = np.flatnonzero(orths == self.open).tolist()
        closes = np.flatnonzero(orths == self.close).tolist()
        if not opens or not closes:
            return doc
        orth = orths.tolist()
        idx = arr[:, 1].tolist()
        size = arr[:, 2].tolist()
        n = len(orth)

        def word(i: int) -> str:
            return text[idx[i]:idx[i] + size[i]]

        # (long start, long end, short start, short end) in the order scispaCy's Matcher yields them
        definitions: list[tuple[int, int, int, int]] = []
        seen_long: set[str] = set()
        seen_short: set[str] = set()
        for c in closes:
            # the "(" before this ")" with at least one token between them, nearest first
            for k in range(bisect_left(opens, c - 1) - 1, -1, -1):
                o = opens[k]
                if c - o - 1 > 8 or o == 0:
                    break
                start, end = o + 1, c
                if end - start > 3:
                    s0, s1 = o - 1, o
                    if not 2 <= size[s0] < 10:
                        continue
                    l0, l1 = start, end
                    depth = 0
                    for i in range(start, end):
                        if orth[i] == self.open:
                            depth += 1
                        elif orth[i] == self.close:
                            depth -= 1
                            if depth < 0:
                                break
                    if depth != 0:
                        continue
                else:
                    s0, s1 = start, end
                    if not all(2 <= size[i] < 10 for i in range(s0, s1)):
                        continue
                    length = sum(size[s0:s1])
                    l0, l1 = max(o - min(length + 5, length * 2), 0), o
                short_text = text[idx[s0]:idx[s1 - 1] + size[s1 - 1]]
                if not short_text[0].isalpha() or sum(ch.isalpha() for ch in short_text) / len(short_text) < 0.5:
                    continue
                long_joined = " ".join([word(i) for i in range(l0, l1)])
                li = _long_form_start(long_joined, short_text if s1 - s0 == 1 else " ".join([word(i) for i in range(s0, s1)]))
                if li < 0:
                    continue
                # scispaCy maps the character offset back to a token with the tokens' real widths (text + space)
                first = l0
                width = 0
                for i in range(l0, l1):
                    width += (idx[i + 1] if i + 1 < n else len(text)) - idx[i]
                    if width > li:
                        first = i
                        break
                long_text = text[idx[first]:idx[l1 - 1] + len(word(l1 - 1))]
                if long_text.lower() == short_text.lower():
                    # "months (95% CI, 8.1-10.4 months)": a word is not its own abbreviation (scispaCy takes it)
                    continue
                if long_text in seen_long or short_text in seen_short:
                    continue
                seen_long.add(long_text)
                seen_short.add(short_text)
                definitions.append((first, l1, s0, s1))

        found: list[Span] = []
        known: set[str] = set()  # short form texts
        for l0, l1, s0, s1 in definitions:
            long_form = Span(doc, l0, l1)
            pattern = orth[s0:s1]
            k = len(pattern)
            for i in np.flatnonzero(orths == pattern[0]).tolist():
                if k == 1 or orth[i:i + k] == pattern:
                    known.add(text[idx[i]:idx[i + k - 1] + size[i + k - 1]])
                    short = Span(doc, i, i + k)
                    short._.long_form = long_form
                    found.append(short)

        # the repairs: "(" SHORT ")" with SHORT starting with a digit or holding a non-ASCII letter
        added: dict[int, Span] = {}
        sent_starts = None
        for o in opens:
            if o < 1 or o + 2 >= n or orth[o + 2] != self.close or orth[o + 1] in added:
                continue
            short = word(o + 1)
            if short in known or (short[0].isalpha() and short.isascii()) or not _SHORT_CANDIDATE.fullmatch(short):
                continue
            if not any(ch.isalpha() for ch in short):
                continue
            window_start = max(o - min(len(short) + 5, 2 * len(short)), 0)
            if sent_starts is None:
                sent_starts = np.flatnonzero(doc.to_array(SENT_START) == 1).tolist() or [0]
            window_start = max(window_start, sent_starts[bisect_right(sent_starts, o) - 1])
            if window_start >= o:
                continue
            long_start, long_end = idx[window_start], idx[o - 1] + size[o - 1]
            start_char = _long_form_start(text[long_start:long_end], short.translate(_GREEK_INITIAL))
            if start_char < 0:
                continue
            long_form = doc.char_span(long_start + start_char, long_end, alignment_mode="expand")
            if long_form is None or long_form.text.lower() == short.lower():
                continue
            added[orth[o + 1]] = long_form
        if added:
            for i, o in enumerate(orth):
                long_form = added.get(o)
                if long_form is not None:
                    short = Span(doc, i, i + 1)
                    short._.long_form = long_form
                    found.append(short)
        if found:
            doc._.abbreviations = found
        return doc


@Language.factory("trialfacts_abbreviations")
def _make_abbreviations(nlp: Language, name: str) -> _Abbreviations:
    return _Abbreviations(nlp)


class _AnchoredPrefix:
    """scispaCy's prefix regex starts with "^", so searching it is matching it at 0; `re` does not know that and tries
    every position of every new chunk. `pattern` is kept for spaCy's serialization (`prefix_search.__self__.pattern`)."""

    def __init__(self, compiled: re.Pattern):
        self.compiled, self.pattern = compiled, compiled.pattern
        tree = _sre_parser.parse(compiled.pattern, compiled.flags)
        self.anchored = not compiled.flags & re.MULTILINE and bool(tree) and tree[0] == (_sre.AT, _sre.AT_BEGINNING)

    def search(self, string: str):
        return self.compiled.match(string) if self.anchored else self.compiled.search(string)


def _is_dots(branch) -> bool:
    """Whether a parsed regex branch is "\\.\\.+$"."""
    items = list(branch)
    if len(items) != 3 or items[0] != (_sre.LITERAL, 46) or items[2] != (_sre.AT, _sre.AT_END):
        return False
    op, arg = items[1]
    return op == _sre.MAX_REPEAT and arg[:2] == (1, _sre.MAXREPEAT) and list(arg[2]) == [(_sre.LITERAL, 46)]


class _TailSuffix:
    """scispaCy's suffix regex is a list of alternatives, each ending with "$", so a match ends at the end of the chunk:
    searching only its last characters finds the same leftmost match, where `re` would try every position with ~80
    alternatives (the costliest step on a chunk the tokenizer has not cached). Exact when every alternative has a
    bounded width except "\\.\\.+$" (dots only, handled by searching the whole chunk when it ends with ".."); any other
    pattern is searched whole."""

    def __init__(self, compiled: re.Pattern):
        self.compiled, self.pattern = compiled, compiled.pattern
        self.from_end = None  # characters from the end a match can start at; None: search the whole chunk
        tree = _sre_parser.parse(compiled.pattern, compiled.flags)
        if len(tree) == 1 and tree[0][0] == _sre.BRANCH and not compiled.flags & re.MULTILINE:
            branches = tree[0][1][1]
            ends = all(list(b)[-1] == (_sre.AT, _sre.AT_END) for b in branches)
            bounded = [b.getwidth()[1] for b in branches if b.getwidth()[1] < _sre.MAXREPEAT]
            unbounded = [b for b in branches if b.getwidth()[1] >= _sre.MAXREPEAT]
            if ends and bounded and all(_is_dots(b) for b in unbounded):
                # +1: "$" also matches before a final newline
                self.from_end = max(bounded) + 1

    def search(self, string: str):
        n = len(string)
        if self.from_end is None or n <= self.from_end or string.endswith(".."):
            return self.compiled.search(string)
        return self.compiled.search(string, n - self.from_end)


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


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of the sentences, from the SENT_START and IDX arrays (iterating `doc.sents` builds a Token per
    token and costs more than an extractor). Computed once per Doc and shared by the extractors that read sentences."""
    bounds = doc.user_data.get("sentence_bounds")
    if bounds is None:
        bounds = []
        if len(doc):
            arr = doc.to_array([SENT_START, IDX])
            starts = arr[:, 1][arr[:, 0] == 1].tolist()
            if not starts or starts[0] != 0:
                starts.insert(0, 0)
            bounds = list(zip(starts, starts[1:] + [len(doc_text(doc))]))
        doc.user_data["sentence_bounds"] = bounds
    return bounds


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    nlp = spacy.blank("en")
    tokenizer = combined_rule_tokenizer(nlp)
    # spaCy caches the tokens of each whitespace-separated chunk, but only its first 10,000 chunks: abstracts use far
    # more, and a chunk missed in the cache costs scispaCy's affix regexes (~3x the tokenizer's time on 2,000 abstracts).
    # ~70 bytes per entry, so the cap bounds memory to tens of MB.
    tokenizer.max_cache_size = _TOKENIZER_CACHE_CHUNKS
    tokenizer.prefix_search = _AnchoredPrefix(tokenizer.prefix_search.__self__).search
    tokenizer.suffix_search = _TailSuffix(tokenizer.suffix_search.__self__).search
    nlp.tokenizer = _TextKeepingTokenizer(tokenizer)
    drugs.lexicon()  # load once at start-up, not on the first document
    nlp.add_pipe("trialfacts_split_tokens")
    nlp.add_pipe("trialfacts_sentences")
    nlp.add_pipe("trialfacts_abbreviations")
    nlp.add_pipe("trialfacts_drugs")
    return nlp


def annotate(text: str) -> Doc:
    return get_nlp()(text)


def annotate_many(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    return get_nlp().pipe(texts, batch_size=batch_size)
