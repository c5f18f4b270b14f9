"""Annotation pipeline: token boundaries later stages rely on, sentences, and abbreviations (tests/examples/abbreviations.tsv)."""

import csv
from pathlib import Path

import pytest

from extractor.annotate import annotate, annotate_many, get_nlp
from extractor.normalize import normalize

TABLE = Path(__file__).parent / "examples" / "abbreviations.tsv"
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))


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


def test_pipeline_built_once_and_batched():
    assert get_nlp() is get_nlp()
    docs = list(annotate_many(["Cisplatin (CDDP) was given.", "No drug here."]))
    assert [[(e.text, e.kb_id_) for e in d.ents] for d in docs] == [[("Cisplatin", "cisplatin"), ("CDDP", "cisplatin")], []]
