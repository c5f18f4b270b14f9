"""Annotation pipeline: token boundaries later stages rely on, sentences, and abbreviations (tests/examples/abbreviations.tsv)."""

import csv
from pathlib import Path

import pytest
import spacy
from scispacy.custom_tokenizer import combined_rule_tokenizer

from extractor.annotate import annotate, annotate_many, doc_text, get_nlp, sentence_bounds
from extractor.normalize import normalize

HERE = Path(__file__).parent
TABLE = HERE / "examples" / "abbreviations.tsv"
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
# Real sentences; " || " marks where one must end, and nowhere else may one end.
SENTENCE_ROWS = list(
    csv.DictReader((HERE / "examples" / "sentences.tsv").open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
)
# Real abstracts the project keeps (seeds and a sample of the committed corpus), for whole-document checks.
ABSTRACTS = sorted((HERE.parent / "corpus").glob("*/*.txt"))[:40]


def test_table_is_big_enough():
    assert len(ROWS) >= 40
    assert sum(1 for r in ROWS if not r["expected"].strip()) >= 8  # parentheses that define nothing


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:40] for r in ROWS])
def test_abbreviations(row):
    doc = annotate(row["text"])
    got = {(a.text, a._.long_form.text) for a in doc._.abbreviations}
    want = {tuple(p.strip().split("=", 1)) for p in row["expected"].split(";") if p.strip()}
    assert got == want, row["note"]


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("at 0.7 × 10^6 Japan reference unit (JRU)/person for", ["0.7", "×", "10", "^", "6", "(", "JRU", ")", "/", "person"]),
        ("gemcitabine 1000 mg/m2 on days 1 and 8", ["1000", "mg/m2", "1", "8"]),
        ("IL-2 and IFN-α and 5-FU", ["IL-2", "IFN-α", "5-FU"]),
        ("3-day cisplatin-based chemotherapy", ["cisplatin", "-", "based"]),
        ("combined with carboplatin/paclitaxel versus", ["carboplatin", "/", "paclitaxel"]),
        ("randomized to placebo/pregabalin or", ["placebo", "/", "pregabalin"]),
        ("tapentadol PR (300 mg/day) /pregabalin (300 mg/day)", [")", "/", "pregabalin", "("]),
        ("adjuvant UFT/LV (UFT 300mg/m2", ["UFT", "/", "LV"]),
        ("with melphalan/ prednisone", ["melphalan", "/", "prednisone"]),
        ("GH and insulin-like growth factor", ["insulin-like"]),
        ("a response rate of 21.6% (8/37)", ["21.6", "%", "8/37"]),
    ],
)
def test_tokens(text, tokens):
    got = [t.text for t in annotate(text)]
    it = iter(got)
    assert all(tok in it for tok in tokens), got  # in order


def test_doc_text_is_the_input_and_sentences_split():
    text, _ = normalize((Path(__file__).parent.parent / "corpus" / "seeds" / "000_60d1e9a7e958879b.txt").read_text("utf-8"))
    doc = annotate(text)
    assert doc.text == text
    assert len(list(doc.sents)) > 10
    ents = {(e.text, e.kb_id_) for e in doc.ents}
    assert ("IL-2", "interleukin-2") in ents and ("IFN-α", "interferon alfa") in ents
    assert all(doc.text[e.start_char:e.end_char] == e.text for e in doc.ents)


def test_sentence_bounds_are_the_sentences_character_spans():
    # the extractors read sentences through these bounds, never through doc.sents
    text, _ = normalize((Path(__file__).parent.parent / "corpus" / "seeds" / "001_c4ef20f2e1a93c35.txt").read_text("utf-8"))
    doc = annotate(text)
    bounds = sentence_bounds(doc)
    assert bounds == [(s.start_char, s.end_char + len(s[-1].whitespace_)) for s in doc.sents]
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert sentence_bounds(doc) is bounds  # computed once per Doc
    assert sentence_bounds(annotate("")) == []


def test_pipeline_built_once_and_batched():
    assert get_nlp() is get_nlp()
    docs = list(annotate_many(["Cisplatin (CDDP) was given.", "No drug here."]))
    assert [[(e.text, e.kb_id_) for e in d.ents] for d in docs] == [[("Cisplatin", "cisplatin"), ("CDDP", "cisplatin")], []]


def test_every_occurrence_of_a_defined_short_form():
    text, _ = normalize((HERE.parent / "corpus" / "seeds" / "000_60d1e9a7e958879b.txt").read_text("utf-8"))
    doc = annotate(text)
    il2 = [a for a in doc._.abbreviations if a.text == "IL-2"]
    # every "IL-2" token points at the definition, not only the one in parentheses
    tokens = [t for t in doc if t.text == "IL-2"]
    assert len(tokens) >= 3 and [a.start for a in il2] == [t.i for t in tokens]
    assert {a._.long_form.text for a in il2} == {"interleukin-2"}
    assert all(text[a.start_char:a.end_char] == "IL-2" for a in il2)


def test_abbreviations_without_parentheses_cost_nothing_and_find_nothing():
    doc = annotate("RESULTS: Of 37 patients, 8 responded; ORR was 21.6%.")
    assert doc._.abbreviations == []


def test_sentence_table_is_big_enough():
    assert len(SENTENCE_ROWS) >= 40
    assert sum(1 for r in SENTENCE_ROWS if " || " not in r["text"]) >= 20  # abbreviations that must not end one
    assert sum(1 for r in SENTENCE_ROWS if " || " in r["text"]) >= 8


@pytest.mark.parametrize("row", SENTENCE_ROWS, ids=[r["text"][:40] for r in SENTENCE_ROWS])
def test_sentences(row):
    want = row["text"].split(" || ")
    doc = annotate(" ".join(want))
    assert [s.text for s in doc.sents] == want, row["note"]


def _continues(doc, start: int) -> bool:
    """Whether the sentencizer's start at token `start` follows the period of an abbreviation written with periods and
    is no capital (the one place where we depart from spaCy's sentencizer)."""
    k = start - 1
    while k > 0 and doc[k].is_punct and doc[k].text != ".":
        k -= 1
    return doc[k].text == "." and doc[k - 1].text.lower() in {"i.v", "p.o", "s.c", "i.m", "i.p", "b.i.d", "t.i.d", "q.d",
                                                                "o.d", "b.d", "approx", "n.s", "i.c.v", "q.d.s"} \
        and not doc[start].text[0].isupper()


def test_sentences_are_spacys_sentencizer_but_for_abbreviations():
    """Our array-based sentence starts are the rule of spaCy's sentencizer on the tokens we produce, except that the
    period of "i.v.", "b.i.d." ... before a lower-case word or a number ends no sentence."""
    nlp = get_nlp()
    reference = spacy.blank("en").add_pipe("sentencizer")
    assert ABSTRACTS
    departures = 0
    for path in ABSTRACTS:
        text, _ = normalize(path.read_text(encoding="utf-8"))
        ours = nlp(text)
        theirs = nlp.make_doc(text)
        with nlp.select_pipes(enable=["trialfacts_split_tokens"]):
            theirs = nlp.get_pipe("trialfacts_split_tokens")(theirs)
        theirs = reference(theirs)
        ours_starts, their_starts = {s.start for s in ours.sents}, {s.start for s in theirs.sents}
        assert ours_starts <= their_starts, path.name
        assert all(_continues(ours, i) for i in their_starts - ours_starts), path.name
        departures += len(their_starts - ours_starts)
    # the corpus sample holds such abbreviations: the departure is exercised, not vacuous
    assert departures >= 1


def test_tokenizer_is_scispacys_on_real_abstracts():
    """The tokenizer's faster affix searches give scispaCy's tokens (before our own splits)."""
    plain = combined_rule_tokenizer(spacy.blank("en"))
    ours = get_nlp().tokenizer
    texts = [normalize(p.read_text(encoding="utf-8"))[0] for p in ABSTRACTS]
    texts += [r["text"] for r in ROWS] + ["trailing dots.. and more...", "x\n\n\n\n\n\n\n.", "(JRU)/person"]
    for text in texts:
        assert [t.text for t in ours(text)] == [t.text for t in plain(text)], text[:60]
        assert doc_text(ours(text)) == text
    # the shortcuts are in use (a scispaCy upgrade that changes its regexes falls back to the plain search)
    assert ours.prefix_search.__self__.anchored and ours.suffix_search.__self__.from_end == 6
