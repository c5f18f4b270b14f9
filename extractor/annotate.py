"""Stage 3, annotate: the spaCy pipeline (no pretrained model: blank English + scispaCy's rule-based parts).

Built once per process by `get_nlp()`. What later stages may rely on:
- tokens (scispaCy tokenizer) and sentences (`doc.sents`, rule-based sentencizer);
- `doc._.abbreviations`: scispaCy abbreviation spans, each with `._.long_form`;
- `doc.ents`: drug mentions labelled "DRUG", with `ent.kb_id_` the canonical lower-case drug name
  (see `extractor.drugs` for the lexicon and `extractor.drugs.canonical_name` for lookups by text).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  registers the factory
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    from . import drugs

    nlp = spacy.blank("en")
    nlp.tokenizer = combined_rule_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector")
    drugs.lexicon()  # load once at start-up, not on the first document
    nlp.add_pipe("trialfacts_drugs")
    return nlp


def annotate(text: str) -> Doc:
    return get_nlp()(text)


def annotate_many(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    return get_nlp().pipe(texts, batch_size=batch_size)
