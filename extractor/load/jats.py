"""PMC JATS (.nxml / .xml full text): the <abstract> as text, meta from <article-meta>."""

from __future__ import annotations

from typing import Iterator, Optional

from lxml import etree

from ..models import Meta
from .common import MAX_WHOLE_XML, LoadError, Raw, Source, clean_title, find_year, no_abstract_warning, norm_pages, squash
from .xmlsafe import check_prolog, inline_text, parser_options, syntax_failure

# Abstracts that are not the article's summary (graphical, teaser, "author summary" of PLoS, ...)
_OTHER_ABSTRACTS = {"graphical", "teaser", "summary", "author-summary", "editor-summary", "precis", "toc", "web-summary"}


def load(source: Source, head: bytes) -> Iterator[Raw]:
    check_prolog(head)
    if source.size is not None and source.size > MAX_WHOLE_XML:
        raise LoadError(f"JATS article too large ({source.size / 1e6:.0f} MB > {MAX_WHOLE_XML // 2**20} MB)")
    parser = etree.XMLParser(**parser_options())
    with source.open() as fh:
        try:
            root = etree.parse(fh, parser).getroot()
        except etree.XMLSyntaxError as exc:
            raise syntax_failure(exc, 0) from None
    articles = [root] if root.tag == "article" else list(root.iter("article"))
    if not articles:
        raise LoadError("JATS file without an <article> element")
    for article in articles:
        yield _article(article)


def _t(node) -> Optional[str]:
    return squash(inline_text(node)) if node is not None else None


def _abstract(meta) -> str:
    chosen = None
    for node in meta.iterfind("abstract"):
        if node.get("abstract-type") not in _OTHER_ABSTRACTS:
            chosen = node
            break
    if chosen is None:
        return ""
    # paragraphs in order, one per line; section titles ("Background", "Methods") kept out
    paras = [_t(p) for p in chosen.iter("p")]
    if not paras:
        paras = [_t(chosen)]
    return "\n".join(p for p in paras if p)


def _article(article) -> Raw:
    front = article.find("front")
    meta_el = front.find("article-meta") if front is not None else None
    journal_el = front.find("journal-meta") if front is not None else None
    if meta_el is None:
        raise LoadError("JATS article without <front>/<article-meta>")
    ids = {n.get("pub-id-type"): squash(n.text) for n in meta_el.iterfind("article-id")}
    authors = []
    for contrib in meta_el.iterfind("contrib-group/contrib"):
        if contrib.get("contrib-type", "author") != "author":
            continue
        name = contrib.find("name")
        if name is not None:
            given, surname = _t(name.find("given-names")), _t(name.find("surname"))
            if surname:
                authors.append(f"{given} {surname}" if given else surname)
        else:
            collab = _t(contrib.find("collab"))
            if collab:
                authors.append(collab)
    year = None
    dates = list(meta_el.iterfind("pub-date"))
    # print/epub/ppub first: the citation year; "collection" / "pmc-release" later
    order = {"ppub": 0, "epub-ppub": 0, "epub": 1, "collection": 2}
    for d in sorted(dates, key=lambda d: order.get(d.get("pub-type") or d.get("date-type"), 3)):
        year = find_year(_t(d.find("year")))
        if year:
            break
    fpage, lpage = _t(meta_el.find("fpage")), _t(meta_el.find("lpage"))
    pages = f"{fpage}-{lpage}" if fpage and lpage else fpage or _t(meta_el.find("elocation-id"))
    pmcid = ids.get("pmc") or ids.get("pmcid")
    if pmcid and not pmcid.upper().startswith("PMC"):
        pmcid = f"PMC{pmcid}"
    journal = None
    if journal_el is not None:
        journal = _t(journal_el.find(".//journal-title")) or _t(journal_el.find("journal-id"))
    text = _abstract(meta_el)
    meta = Meta(
        title=clean_title(_t(meta_el.find("title-group/article-title"))),
        authors=authors,
        journal=journal,
        year=year,
        volume=_t(meta_el.find("volume")),
        issue=_t(meta_el.find("issue")),
        pages=norm_pages(pages),
        doi=ids.get("doi"),
        pmid=ids.get("pmid"),
        pmcid=pmcid,
        keywords=[k for k in (_t(n) for n in meta_el.iterfind("kwd-group/kwd")) if k],
        publication_types=[t for t in [article.get("article-type")] if t],
    )
    return Raw(text=text, meta=meta, warnings=[] if text else [no_abstract_warning()])
