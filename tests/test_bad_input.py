"""Bad input: each bad file gives one LoadFailure naming it and the reason; the batch goes on; nothing raises."""

import os
import re
import threading
import time
from pathlib import Path

import psutil

from extractor.load import Document, LoadFailure, load_paths

SHARED = Path(__file__).resolve().parents[2] / "shared"
FORMATS = SHARED / "data" / "formats"
PUBMED_XML = FORMATS / "pubmed_xml" / "sk8erjs69__sr-project__test-files__pubmed_result.xml"
SEED = SHARED / "seeds" / "001_c4ef20f2e1a93c35.txt"
MEDLINE = FORMATS / "medline_nbib" / "biopython__biopython__Tests__Medline__pubmed_result2.txt"


def load(*paths):
    return list(load_paths([str(p) for p in paths]))


def only_failure(path, pattern):
    out = load(path)
    assert len(out) == 1 and isinstance(out[0], LoadFailure), out
    assert out[0].source == str(path)
    assert re.search(pattern, out[0].reason), out[0].reason
    assert out[0].line().startswith(f"{path}: ")
    return out[0]


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.xml").write_bytes(b"\n  \n\t\n")
    only_failure(tmp_path / "empty.txt", r"^empty file")
    only_failure(tmp_path / "blank.xml", r"^empty file")


def test_binary_files(tmp_path):
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    only_failure(tmp_path / "noise.txt", r"binary")
    only_failure(tmp_path / "scan.pdf", r"binary file \(a PDF document\)")


def test_utf16_with_and_without_bom(tmp_path):
    (seed,) = load(SEED)
    (tmp_path / "bom.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    (tmp_path / "nobom.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16-le"))
    (tmp_path / "medline16.txt").write_bytes(MEDLINE.read_text(encoding="utf-8").encode("utf-16-be"))
    for name in ("bom.txt", "nobom.txt"):
        (doc,) = load(tmp_path / name)
        assert doc.text == seed.text and doc.meta == seed.meta
        assert [w.code for w in doc.warnings] == ["decoded_utf_16"]
    medline = load(tmp_path / "medline16.txt")
    assert len(medline) == 4 and all(isinstance(d, Document) and d.warnings[0].code == "decoded_utf_16" for d in medline)


def test_cp1252_is_decoded_with_a_warning(tmp_path):
    # PMID 15566591 (evidence_inference) has ×, ± and – : all in cp1252, none in ASCII
    import gzip, json
    with gzip.open(SHARED / "data" / "abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        text = next(r["text"] for r in map(json.loads, fh) if r.get("pmid") == "15566591")
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    (doc,) = load(tmp_path / "latin.txt")
    assert doc.text == text.strip()
    assert len(doc.warnings) == 1 and doc.warnings[0].code.startswith("decoded_")


def test_undecodable_bytes_after_the_head(tmp_path):
    body = SEED.read_bytes()
    data = body * (70000 // len(body) + 1) + b"\n\xff\xfe\xfa broken \x81\x8d\n" + body
    (tmp_path / "mixed.txt").write_bytes(data)
    only_failure(tmp_path / "mixed.txt", r"undecodable bytes")


def test_truncated_xml_keeps_the_records_before_the_damage(tmp_path):
    data = PUBMED_XML.read_bytes()
    cut = [m.start() for m in re.finditer(rb"<PubmedArticle>", data)][50] + 5000
    (tmp_path / "cut.xml").write_bytes(data[:cut])
    out = load(tmp_path / "cut.xml")
    assert all(isinstance(d, Document) for d in out[:-1]) and len(out) - 1 == 50
    assert out[49].source == f"{tmp_path / 'cut.xml'}#50"
    assert isinstance(out[-1], LoadFailure)
    assert re.search(r"malformed or truncated XML at line \d+, column \d+: .*\(50 record\(s\) read before it\)", out[-1].reason)


def test_malformed_xml_names_line_and_column(tmp_path):
    text = PUBMED_XML.read_text(encoding="utf-8")
    first_end = text.index("</PubmedArticle>") + len("</PubmedArticle>")
    broken = text[:first_end] + text[first_end:].replace("</ArticleTitle>", "</Title>", 1)
    (tmp_path / "bad.xml").write_text(broken, encoding="utf-8")
    out = load(tmp_path / "bad.xml")
    assert isinstance(out[0], Document) and isinstance(out[-1], LoadFailure) and len(out) == 2
    line = broken[: broken.index("</Title>", broken.index("<ArticleTitle>", first_end))].count("\n") + 1
    assert f"at line {line}, column" in out[-1].reason


def test_entity_declarations_are_refused(tmp_path):
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n <!ENTITY lol "lol">\n'
              + "".join(f' <!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">\n' for i in range(1, 10))
              + ']>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><Abstract>'
              '<AbstractText>&lol9;</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n')
    (tmp_path / "laughs.xml").write_text(laughs)
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
           '<article><front><article-meta><abstract><p>&xxe;</p></abstract></article-meta></front></article>\n')
    (tmp_path / "xxe.nxml").write_text(xxe)
    started = time.perf_counter()
    only_failure(tmp_path / "laughs.xml", r"declares entities")
    only_failure(tmp_path / "xxe.nxml", r"declares entities")
    assert time.perf_counter() - started < 5  # refused, not expanded


def test_undeclared_entity_is_neither_expanded_nor_fetched(tmp_path):
    (tmp_path / "undeclared.xml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle//EN" '
        '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet><PubmedArticle>'
        '<MedlineCitation><PMID>1</PMID><Article><Abstract><AbstractText>a &secret; b</AbstractText></Abstract>'
        '</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n')
    started = time.perf_counter()
    (doc,) = load(tmp_path / "undeclared.xml")
    # the external DTD is not loaded (no_network, load_dtd=False): the reference stays unresolved, nothing is read
    assert doc.text == "a b" and time.perf_counter() - started < 2


def test_unknown_xml_csv_without_abstract_html(tmp_path):
    (tmp_path / "pom.xml").write_text('<?xml version="1.0"?>\n<project><name>x</name></project>\n')
    (tmp_path / "list.csv").write_text("Title,Year\nA trial,2001\n")
    (tmp_path / "page.txt").write_text("<!DOCTYPE html>\n<html><body>Abstract</body></html>\n")
    only_failure(tmp_path / "pom.xml", r"XML of an unknown kind")
    only_failure(tmp_path / "list.csv", r"without an abstract column")
    only_failure(tmp_path / "page.txt", r"HTML page")


def test_damaged_archives(tmp_path):
    import gzip
    (tmp_path / "cut.xml.gz").write_bytes(gzip.compress(PUBMED_XML.read_bytes())[:20000])
    out = load(tmp_path / "cut.xml.gz")
    assert isinstance(out[-1], LoadFailure) and out[-1].source == str(tmp_path / "cut.xml.gz")
    assert all(isinstance(d, Document) for d in out[:-1]) and out[:-1]
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    only_failure(tmp_path / "bad.zip", r"damaged zip")


def test_jsonl_bad_line_costs_one_record(tmp_path):
    lines = (SHARED / "data" / "abstracts.jsonl.gz")
    import gzip
    with gzip.open(lines, "rt", encoding="utf-8") as fh:
        rows = [next(fh) for _ in range(3)]
    (tmp_path / "part.jsonl").write_text(rows[0] + '{"pmid": "1", "text": "cut\n' + rows[1] + rows[2])
    out = load(tmp_path / "part.jsonl")
    failures = [x for x in out if isinstance(x, LoadFailure)]
    assert len(out) == 4 and len(failures) == 1
    assert failures[0].reason.startswith("line 2: malformed JSON")
    assert [x.source.rsplit("#", 1)[1] for x in out if isinstance(x, Document)] == ["1", "2", "3"]


def test_missing_paths_broken_links_and_the_batch_goes_on(tmp_path):
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    os.symlink("loop", tmp_path / "loop")
    folder = tmp_path / "folder"
    folder.mkdir()
    os.symlink(tmp_path / "gone.xml", folder / "a_gone.xml")
    (folder / "b.txt").write_bytes(SEED.read_bytes())
    out = load(tmp_path / "absent.txt", tmp_path / "dangling.txt", tmp_path / "loop", folder, SEED)
    kinds = [(type(x).__name__, x.source) for x in out]
    assert kinds == [
        ("LoadFailure", str(tmp_path / "absent.txt")),
        ("LoadFailure", str(tmp_path / "dangling.txt")),
        ("LoadFailure", str(tmp_path / "loop")),
        ("LoadFailure", str(folder / "a_gone.xml")),
        ("Document", str(folder / "b.txt")),
        ("Document", str(SEED)),
    ]
    assert out[0].reason == "no such file or directory"
    assert out[1].reason.startswith("broken symbolic link")


def test_reading_a_folder_as_a_file_fails_cleanly(tmp_path):
    # root ignores permission bits, so an unreadable file is made the way root also cannot read it: a folder
    # handed over as the member of a path that is not a folder
    (tmp_path / "plain.txt").write_bytes(SEED.read_bytes())
    only_failure(tmp_path / "plain.txt" / "inner.txt", r"no such file or directory")


def test_record_without_abstract_is_a_document_with_a_warning(tmp_path):
    (tmp_path / "title_only.txt").write_text("Phase II trial of sorafenib in renal cell carcinoma\n")
    (doc,) = load(tmp_path / "title_only.txt")
    assert isinstance(doc, Document)
    assert [w.code for w in doc.warnings] == ["no_abstract"] or doc.text  # a lone line is read as the abstract
    (doc,) = load(FORMATS / "pubmed_xml" / "biopython__biopython__Tests__Entrez__pubmed1.xml")[:1]
    assert doc.text == "" and [w.code for w in doc.warnings] == ["no_abstract"]


def _sample_rss(stop, peak):
    proc = psutil.Process()
    while not stop.is_set():
        peak[0] = max(peak[0], proc.memory_info().rss)
        time.sleep(0.01)


def test_200mb_pubmed_xml_streams_in_bounded_memory(tmp_path):
    data = PUBMED_XML.read_bytes()
    start = data.index(b"<PubmedArticle>")
    # the longest real record with an abstract (reference lists and all): fewer, bigger records keep the test quick
    article = max((m.group(0) for m in re.finditer(rb"<PubmedArticle>.*?</PubmedArticle>", data, re.S)
                   if b"<AbstractText" in m.group(0)), key=len) + b"\n"
    copies = 200 * 1024 * 1024 // len(article) + 1
    path = tmp_path / "big.xml"
    with open(path, "wb") as fh:
        fh.write(data[:start])
        block = article * 1000
        for _ in range(copies // 1000):
            fh.write(block)
        fh.write(article * (copies % 1000))
        fh.write(b"</PubmedArticleSet>\n")
    assert path.stat().st_size >= 200 * 1024 * 1024
    baseline = psutil.Process().memory_info().rss
    peak, stop = [baseline], threading.Event()
    sampler = threading.Thread(target=_sample_rss, args=(stop, peak))
    sampler.start()
    count = 0
    try:
        for item in load_paths([path]):
            assert isinstance(item, Document)
            count += 1
    finally:
        stop.set()
        sampler.join()
    assert count == copies
    assert peak[0] - baseline < 100 * 1024 * 1024, (peak[0] - baseline) / 2**20


def test_200mb_plain_text_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    chunk = SEED.read_bytes() * 400
    with open(path, "wb") as fh:
        for _ in range(200 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    only_failure(path, r"too large for a single document \(\d+ MB > 10 MB\)")
