"""The scoring rules of RECORDS.md §3, each on facts shaped like the seeds' gold."""

from extractor.score.metrics import FACT_METRICS, per_day
from extractor.score.scorer import greedy_match, score

M = {m.name: m for m in FACT_METRICS}

IFN_6MIU = {"drug": "IFN", "drug_name": "interferon alfa", "aliases": ["IFN", "interferon á-2a", "IFN-α"],
            "value": 6.0, "value_max": None, "unit": "MIU", "amount": 6e6, "base_unit": "IU",
            "frequency": {"times": 3, "every": 1, "period": "week"}}


def dose(**kw):
    base = {"drug": None, "drug_name": None, "value": 400.0, "value_max": None, "unit": "mg", "amount": 400.0,
            "base_unit": "mg", "frequency": None}
    return {**base, **kw}


def test_repeated_facts_are_merged_before_matching():
    pred = [dose(), dose(), dose(frequency={"times": 2, "every": 1, "period": "day"})]
    pairs, missed, spurious = greedy_match(pred, [dose()], M["dose.amount"])
    assert (len(pairs), len(missed), len(spurious)) == (1, 0, 0)
    # dose.regimen compares frequency too, so the twice-daily dose is a second, spurious fact there
    pairs, missed, spurious = greedy_match(pred, [dose()], M["dose.regimen"])
    assert (len(pairs), len(missed), len(spurious)) == (0, 1, 2)


def test_amount_tolerance_is_half_a_percent_and_base_units_must_agree():
    assert M["dose.amount"].matches(dose(amount=401.9), dose())
    assert not M["dose.amount"].matches(dose(amount=402.1), dose())
    assert not M["dose.amount"].matches(dose(base_unit="mg/day"), dose())
    # 6 MIU is 6e6 IU whatever the stated unit
    assert M["dose.amount"].matches({**IFN_6MIU, "value": 6e6, "unit": "IU"}, IFN_6MIU)


def test_range_needs_both_ends():
    gold = dose(value=200.0, value_max=400.0, amount=200.0)
    assert M["dose.amount"].matches(dose(value=200.0, value_max=400.0, amount=200.0), gold)
    assert not M["dose.amount"].matches(dose(value=200.0, amount=200.0), gold)
    assert not M["dose.amount"].matches(dose(value=200.0, value_max=300.0, amount=200.0), gold)
    # the upper end converts like the lower one: 0.2-0.4 g is 200-400 mg
    assert M["dose.amount"].matches(dose(value=0.2, value_max=0.4, unit="g", amount=200.0), gold)


def test_drug_matches_through_aliases_ignoring_case_and_punctuation():
    assert M["dose.regimen"].matches({**IFN_6MIU, "drug": "IFN-α", "drug_name": None, "aliases": None}, IFN_6MIU)
    assert M["dose.regimen"].matches({**IFN_6MIU, "drug": "Interferon Á-2a", "drug_name": None}, IFN_6MIU)
    assert not M["dose.regimen"].matches({**IFN_6MIU, "drug": "sorafenib", "drug_name": "sorafenib"}, IFN_6MIU)


def test_frequencies_compare_per_day():
    every_21_days = {"times": 1, "every": 21, "period": "day"}
    every_3_weeks = {"times": 1, "every": 3, "period": "week"}
    assert per_day(every_21_days) == per_day(every_3_weeks)
    gold = dose(drug_name="x", frequency=every_3_weeks)
    assert M["dose.regimen"].matches(dose(drug="x", frequency=every_21_days), gold)
    assert not M["dose.regimen"].matches(dose(drug="x", frequency=None), gold)
    assert M["dose.regimen"].matches(dose(drug="x"), dose(drug_name="x"))


def test_gold_drug_is_matched_through_drug_name_and_aliases_only():
    # RECORDS.md §3: the gold side offers drug_name and aliases; curators list the written form among aliases
    assert not M["dose.regimen"].matches(dose(drug="x"), dose(drug="x"))


def test_greedy_matching_is_one_to_one_in_gold_order():
    gold = [{"percent": 27.8, "kind": "response"}, {"percent": 27.8, "kind": "response", "numerator": 5}]
    pred = [{"percent": 27.8, "kind": "response", "numerator": 5, "denominator": 18}]
    pairs, missed, spurious = greedy_match(pred, gold, M["rate.full"])
    # the first gold fact takes the only predicted fact; the second finds none left
    assert len(pairs) == 1 and missed == [gold[1]] and spurious == []


def test_rate_tolerance_and_full_rate_fields():
    assert M["rate"].matches({"percent": 21.65}, {"percent": 21.6})
    assert not M["rate"].matches({"percent": 21.7}, {"percent": 21.6})
    gold = {"percent": 21.6, "kind": "response", "numerator": 8, "denominator": 37}
    assert M["rate.full"].matches({"percent": 21.6, "kind": "response", "numerator": 8, "denominator": 37}, gold)
    assert not M["rate.full"].matches({"percent": 21.6, "kind": "response"}, gold)
    assert not M["rate.full"].matches({**gold, "kind": "other"}, gold)
    # where gold has no n/N, any predicted n/N is accepted
    assert M["rate.full"].matches(gold, {"percent": 21.6, "kind": "response", "numerator": None})


def test_adverse_events_compare_term_and_grades():
    gold = {"term": "Neutropenia", "grades": [3, 4], "aliases": ["neutrophil count decreased"]}
    assert M["adverse_event"].matches({"term": "neutropenia", "grades": [4, 3]}, gold)
    assert M["adverse_event"].matches({"term": "Neutrophil count decreased", "grades": [3, 4]}, gold)
    assert not M["adverse_event"].matches({"term": "neutropenia", "grades": [3]}, gold)


def test_counts_compare_value_and_role_or_value_alone():
    assert M["count"].matches({"value": 18, "role": "treated"}, {"value": 18, "role": "treated"})
    assert not M["count"].matches({"value": 18, "role": "enrolled"}, {"value": 18, "role": "treated"})
    assert M["count.value"].matches({"value": 18, "role": "enrolled"}, {"value": 18, "role": "treated"})


def test_documents_pair_by_doc_id_or_file_and_unpaired_gold_counts_as_missed():
    gold = [{"doc_id": "10.1/x", "file": "000_seed", "phases": ["1", "2"], "counts": [{"value": 9, "role": "evaluable"}]},
            {"doc_id": "123", "phases": [], "counts": [{"value": 5, "role": "treated"}]}]
    pred = [{"doc_id": "000_seed", "source": "corpus/seeds/000_seed.txt", "phases": ["2", "1"],
             "counts": [{"value": 9, "role": "evaluable"}, {"value": 3, "role": "group"}]}]
    s = score(pred, gold)
    fig = s.figures()
    assert fig["count"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "tp": 1, "pred": 2, "gold": 2}
    assert fig["phases"]["correct"] == 2  # the unpaired record predicts no phases, as its gold says
    assert s.unpaired_gold == ["123"]


def test_meta_fields_fold_case_and_white_space():
    gold = [{"doc_id": "1", "meta": {"title": "A  Phase I Trial", "authors": ["Hideyuki Akaza"], "year": 2006}}]
    pred = [{"doc_id": "1", "meta": {"title": "a phase i trial", "authors": ["HIDEYUKI  AKAZA"], "year": 2006, "doi": "x"}}]
    fig = score(pred, gold).figures()
    assert fig["meta.title"]["accuracy"] == fig["meta.authors"]["accuracy"] == fig["meta.year"]["accuracy"] == 1.0
    assert "meta.doi" not in fig  # scored only over gold records that give it
