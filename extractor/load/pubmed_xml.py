"""PubMed XML (efetch `PubmedArticleSet`, baseline/update files, .xml.gz), streamed record by record.

iterparse + clearing each finished record keeps memory flat on a 30,000-record baseline file.
"""

from __future__ import annotations

from typing import Iterator, Optional

from lxml import etree

from ..models import Meta
from .common import LoadError, Raw, Source, clean_title, find_year, no_abstract_warning, norm_pages, squash
from .xmlsafe import check_prolog, inline_text, parser_options, syntax_failure

RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation")


def load(source: Source, head: bytes) -> Iterator[Raw]:
    check_prolog(head)
    done = 0
    with source.open() as fh:
        events = etree.iterparse(fh, events=("end",), tag=RECORD_TAGS, **parser_options())
        try:
            for _, elem in events:
                # DeleteCitation lists PMIDs withdrawn from PubMed: no abstract to read, nothing to report.
                if elem.tag != "DeleteCitation":
                    done += 1
                    yield parse_article(elem)
                elem.clear(keep_tail=False)
                parent = elem.getparent()
                if parent is not None:
                    while elem.getprevious() is not None:
                        del parent[0]
        except etree.XMLSyntaxError as exc:
            raise syntax_failure(exc, done) from None
    if done == 0 and b"<DeleteCitation" not in head:
        raise LoadError("PubMed XML without any PubmedArticle record")


def _text(elem, path: str) -> Optional[str]:
    node = elem.find(path)
    return squash(inline_text(node)) if node is not None else None


def _authors(elem) -> list[str]:
    names = []
    # findtext, not inline_text: consortium papers list hundreds of authors, and names carry no markup
    for author in elem.iterfind("AuthorList/Author"):
        collective = _text(author, "CollectiveName")
        if collective:
            names.append(collective)
            continue
        last = squash(author.findtext("LastName"))
        fore = squash(author.findtext("ForeName")) or squash(author.findtext("Initials"))
        if last:
            names.append(f"{fore} {last}" if fore else last)
    return names


def _abstract(container) -> str:
    """Sections in order, one per line, labels kept out (as abstracts.jsonl does)."""
    if container is None:
        return ""
    parts = [squash(inline_text(node)) for node in container.iterfind("Abstract/AbstractText")]
    return "\n".join(p for p in parts if p)


def parse_article(elem) -> Raw:
    book = elem.tag == "PubmedBookArticle"
    if book:
        doc = elem.find("BookDocument")
        doc = doc if doc is not None else elem
        pmid = _text(doc, "PMID")
        title = _text(doc, "ArticleTitle") or _text(doc, "Book/BookTitle")
        journal = _text(doc, "Book/CollectionTitle") or _text(doc, "Book/BookTitle")
        year = find_year(_text(doc, "Book/PubDate/Year") or _text(doc, "Book/PubDate/MedlineDate"))
        volume = issue = None
        pages = None
        text = _abstract(doc)
        article = citation = doc
    else:
        citation = elem.find("MedlineCitation")
        citation = citation if citation is not None else elem
        article = citation.find("Article")
        article = article if article is not None else citation
        pmid = _text(citation, "PMID")
        title = _text(article, "ArticleTitle") or _text(article, "VernacularTitle")
        journal = _text(article, "Journal/Title")
        volume = _text(article, "Journal/JournalIssue/Volume")
        issue = _text(article, "Journal/JournalIssue/Issue")
        year = find_year(
            _text(article, "Journal/JournalIssue/PubDate/Year")
            or _text(article, "Journal/JournalIssue/PubDate/MedlineDate")
            or _text(article, "ArticleDate/Year")
        )
        pages = _text(article, "Pagination/MedlinePgn")
        if not pages:
            start, end = _text(article, "Pagination/StartPage"), _text(article, "Pagination/EndPage")
            pages = f"{start}-{end}" if start and end else start
        text = _abstract(article)
    doi = pmcid = None
    # direct paths only: a descendant search would also walk the reference list, which can be most of a record
    for node in article.iterfind("ELocationID"):
        if node.get("EIdType") == "doi" and node.get("ValidYN", "Y") == "Y":
            doi = squash(node.text)
            break
    for node in elem.iterfind("PubmedData/ArticleIdList/ArticleId"):
        kind = node.get("IdType")
        if kind == "doi" and not doi:
            doi = squash(node.text)
        elif kind == "pmc" and not pmcid:
            pmcid = squash(node.text)
    meta = Meta(
        title=clean_title(title),
        authors=_authors(article),
        journal=journal,
        year=year,
        volume=volume,
        issue=issue,
        pages=norm_pages(pages),
        doi=doi,
        pmid=pmid,
        pmcid=pmcid,
        keywords=[k for k in (squash(inline_text(n)) for n in citation.iterfind("KeywordList/Keyword")) if k],
        publication_types=[squash(n.text) for n in article.iterfind("PublicationTypeList/PublicationType") if squash(n.text)],
    )
    return Raw(text=text, meta=meta, warnings=[] if text else [no_abstract_warning()])
