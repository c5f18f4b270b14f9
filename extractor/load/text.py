"""Plain text: a bare abstract, "title, blank line, abstract", PubMed's "Abstract" text display, and pasted
publisher / Scopus / Pure / PubMed web pages.

Pasted pages are read block by block (blocks are separated by blank lines): label lines ("Journal", "Issue number",
"DOI:", "Pages (from-to)" ...) give meta and are dropped, headings ("Key words", "Copyright information",
"Authors and Affiliations", "ASJC Scopus subject areas", "Cite this" ...) say what the following block is, bullet
lists are authors (before the abstract) or keywords (after it), and what prose is left is the title and the abstract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

import regex

from ..models import Meta
from .common import Raw, Source, clean_title, find_doi, find_year, no_abstract_warning, norm_pages, read_whole_text, squash

# --- PubMed "Abstract" text display -------------------------------------------------------------------------
# "1. Ophthalmology. 1999 Mar;106(3):550-5." / "2. J Clin Oncol. 2006 Dec 1;24(34):5368-75. Epub 2006 Nov 8."
_CITATION = re.compile(
    r"^(?:(?P<num>\d+)\.\s+)?(?P<journal>[A-Z][^\n]{1,200}?)\.\s+(?P<date>(?:1[89]|20)\d\d\b[^;.\n]*?)"
    r"(?:;(?P<volume>[^(:;\n]*)(?:\((?P<issue>[^)\n]*)\))?(?::(?P<pages>[^.;\n]+))?)?\.(?:\s|$)"
)
_DISPLAY_DROP = re.compile(
    r"^(?:Author information|Comment (?:in|on)|Erratum (?:in|for)|Update (?:of|in)|Updated in|Republished (?:in|from)|"
    r"Retraction (?:in|of)|Retracted|Expression of concern|Collaborators|Investigators|Summary for patients in|"
    r"Conflict of interest statement|Copyright|©|\(c\) ?(?:19|20)\d\d|Free (?:PMC|Article))",
    re.I,
)
_DISPLAY_ID = re.compile(r"^(DOI|PMID|PMCID):\s*(\S+)", re.I)
_SECTION_LABEL = re.compile(r"^(?:[A-Z][A-Z0-9 ,&/()'-]{2,60}|[A-Z][a-z]+(?: (?:and|of|&) [A-Za-z]+)*):\s+(?=\S)")
_DISPLAY_AUTHOR = re.compile(r"^[^\W\d][\w'’ .-]* [A-Z]{1,4}(?:\(\d+(?:,\s*\d+)*\))?$")
_FOOTNOTE = re.compile(r"\(\d+(?:,\s*\d+)*\)$")

# --- pasted pages -------------------------------------------------------------------------------------------
_BULLET = re.compile(r"^\s*[•·▪◦‣∙●○■□]\s*(.*)$")
# Label + value on one line, glued ("JournalInvestigational new drugs", Pure) or separated (colon, tab, spaces).
_SEP = r"(?:\s*:\s*|\t+|\s{2,}|(?=[A-Z0-9(]))"
_LABELS = [(name, re.compile(rf"^(?:{pat}){_SEP}(?P<v>.*)$", re.I if name in ("doi",) else 0)) for name, pat in [
    ("journal", r"Journal|Journal title|Source title|Published in"),
    ("volume", r"Volume"),
    ("issue", r"Issue number|Issue"),
    ("pages", r"Pages \(from-to\)|Pages|Page range"),
    ("status", r"Publication status|Publication date|Published|First [Oo]nline|Issue [Dd]ate|Early online date|Date of publication"),
    ("doi", r"DOIs?|Digital Object Identifier"),
    ("pmid", r"PMID|PubMed ID"),
    ("drop", r"Original language|Number of pages|Article number|Externally published|State|Peer-reviewed|"
             r"Received|Accepted|Revised|Research output|Language|Publisher|ISSN|Print ISSN|Online ISSN|eISSN|"
             r"Publication type|Document type|Source type|Funding|Article type"),
]]
# Headings after which the next block is a value of theirs (keywords) or page furniture to drop.
_HEADING_NEXT = {
    "keywords": re.compile(r"^(?:Key ?words?|Keywords?|Author keywords|Index terms|Indexed keywords)\s*:?$", re.I),
    "cite": re.compile(r"^(?:Cite this article(?: as)?|How to cite(?: this article)?|Citation)\s*:?\s*$", re.I),
    "copyright": re.compile(r"^(?:Copyright information|Rights and permissions|Copyright)\s*:?$", re.I),
}
# Headings after which everything is furniture until the next heading we know (or the end).
_HEADING_SKIP = re.compile(
    r"^(?:Authors? and Affiliations|Author information|Affiliations(?: expand)?|Author details|ASJC Scopus subject areas|"
    r"Subject areas?|Fingerprint|Dive into the research topics.*|Cite this|Access to Document|Other files and links|"
    r"References|Similar articles|Cited by|Publication types|MeSH terms|Substances|Related information|LinkOut.*|"
    r"Grant support|Full text links|Comment in|Associated data|Supplementary (?:information|material)|"
    r"About this article|Additional information|Acknowledg(?:e)?ments?|Author contributions|Ethics declarations|"
    r"Notes|Footnotes|Funding(?: information)?|Conflicts? of interest|Competing interests|Article metrics|"
    r"Share this article|Reprints and permissions|Explore related subjects|Access options|Mentioned in)\s*:?$",
    re.I,
)
_ABSTRACT_HEADING = re.compile(r"^(?:Abstract|Summary|ABSTRACT|SUMMARY)\s*:?$")
_FURNITURE = re.compile(
    r"^(?:\d[\d,]*\s+(?:Citations?|Downloads|Accesses|Altmetric|Mentions)(?:\s*\(Scopus\))?|Research output:.*|"
    r"Download (?:PDF|citation|article)|View PDF|Open Access|Article|Log in|Sign in|Buy article PDF.*|"
    r"Rent this article.*|Access through your institution|Check for updates|Search|Menu|Cart|Full text links|"
    r"Clinical Trial|Randomized Controlled Trial|Review|Meta-Analysis|Free PMC article|Free article|"
    r"Link to publication in Scopus|Link to citation list in Scopus|Show more|Show less|Expand|Collapse|"
    r"Permalink|Save|Email|Send to|Display options|Cite|Share|Copy|Tweet|Print|"
    r"\d+ (?:Citations|Accesses)(?: \d+ (?:Citations|Altmetric))*|Metrics details|"
    r"Part of Springer Nature|Springer Nature|Published: .*|Issue Date: .*)\s*$",
    re.I,
)
_COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)|Copyright\b)", re.I)
# Springer header: ", Volume 11, Issue 6, pp 434–440" (journal on the line before or in front)
_SPRINGER_VOLUME = re.compile(
    r"^(?P<journal>[^,\n]*?)\s*,?\s*Volume\s+(?P<volume>[\w.-]+)\s*,\s*(?:Issue\s+(?P<issue>[\w/.-]+)\s*,\s*)?"
    r"(?:pp\.?|pages?)\s*(?P<pages>[\w]+(?:\s*[-–—]\s*[\w]+)?)(?:\s*\((?P<year>(?:19|20)\d\d)\))?\s*$",
    re.I,
)
# "International Journal of Clinical Oncology volume 11, pages 434–440 (2006)" (newer Springer pages)
_SPRINGER_VOLUME2 = re.compile(
    r"^(?P<journal>.+?)\s+volume\s+(?P<volume>[\w.-]+)\s*,\s*(?:(?:pages?|pp)\s*(?P<pages>\w+(?:\s*[-–—]\s*\w+)?)|"
    r"Article number:?\s*\w+)\s*(?:\((?P<year>(?:19|20)\d\d)\))?\s*$"
)
_CITE_YEAR = re.compile(r"\((?P<year>(?:19|20)\d\d)\)")
_NAME = regex.compile(
    r"^(?:(?:\p{Lu}[\p{L}'’.-]*|(?:van|von|de|da|del|della|der|den|di|du|dos|le|la|al|el|bin|ten|ter)\.?)\s+){0,4}"
    r"\p{Lu}[\p{L}'’.-]*(?:\s*[\d,*†‡§]+)?$"
)
# Keywords pasted without separators: "Low-dose IL-2IFN-αCombinationRenal cell carcinoma".
# A new keyword starts where an upper-case letter follows a lower-case letter or digit, the upper-case letter being
# followed by a letter or hyphen (so "T4N0" stays whole, "S-1" is found) and the word before being longer than one
# letter (so "mRNA" and "pH" stay whole; "IFN-α" counts as one word; "McDonald" is a name), or where a capitalised
# word follows a phase/stage Roman numeral ("Phase IRenal cell carcinoma").
_GLUE = regex.compile(
    r"(?<=[\p{Ll}\d](?<!\s\p{L})(?<!^\p{L})(?<!\bMa?c))(?=\p{Lu}[\p{L}-])"
    r"|(?<=\s(?:I{1,3}|IV|VI{0,3}))(?=\p{Lu}\p{Ll})"
)


@dataclass
class _Block:
    lines: list[str]
    kind: str  # "prose" or "bullets"
    index: int = 0


@dataclass
class _Page:
    meta: dict = field(default_factory=dict)
    blocks: list[_Block] = field(default_factory=list)
    abstract_from: Optional[int] = None  # index of the first block after an "Abstract" heading
    years: dict = field(default_factory=dict)  # where a year came from -> year; the best source wins


def load(source: Source, head: bytes) -> Iterator[Raw]:
    text, warnings = read_whole_text(source, head)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    display = _split_display(text)
    if display:
        for record in display:
            raw = _parse_display(record)
            raw.warnings[:0] = warnings
            yield raw
        return
    raw = _parse_page(text)
    raw.warnings[:0] = warnings
    yield raw


# --- PubMed display ----------------------------------------------------------------------------------------

def _blocks(text: str) -> list[list[str]]:
    blocks, cur = [], []
    for line in text.split("\n"):
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _split_display(text: str) -> list[list[list[str]]]:
    """Records of a PubMed "Abstract" display (each starts with a numbered citation line), or [] if it is not one."""
    blocks = _blocks(text)
    if not blocks or not _CITATION.match(blocks[0][0].strip()) or not re.match(r"^\d+\.\s", blocks[0][0].strip()):
        return []
    if not any(_DISPLAY_ID.match(line.strip()) for b in blocks for line in b):
        return []
    records, cur = [], []
    for block in blocks:
        first = block[0].strip()
        m = _CITATION.match(first)
        if m and m.group("num") and cur and any(_DISPLAY_ID.match(line.strip()) for b in cur for line in b):
            records.append(cur)
            cur = []
        cur.append(block)
    records.append(cur)
    return records


_LAST_INITIALS = re.compile(r"^(?P<last>.+?) (?P<initials>[A-Z]{1,4})$")


def _initials_first(name: str) -> str:
    """PubMed's display writes "Mastropasqua L"; every other source gives fore name first ("L Mastropasqua")."""
    m = _LAST_INITIALS.match(name)
    return f"{m.group('initials')} {m.group('last')}" if m else name


def _parse_display(blocks: list[list[str]]) -> Raw:
    cite = _CITATION.match(" ".join(line.strip() for line in blocks[0]))
    meta = Meta(journal=squash(cite.group("journal")), year=find_year(cite.group("date")),
                volume=squash(cite.group("volume")), issue=squash(cite.group("issue")),
                pages=norm_pages(cite.group("pages")))
    rest = blocks[1:]
    if rest:
        meta.title = clean_title(" ".join(line.strip() for line in rest[0]))
        rest = rest[1:]
    if rest and not _DISPLAY_DROP.match(rest[0][0].strip()):
        names = [n.strip() for n in re.split(r"[,;]", " ".join(line.strip() for line in rest[0]).rstrip("."))]
        names = [n for n in names if n]
        if names and sum(bool(_DISPLAY_AUTHOR.match(n)) for n in names) >= max(1, len(names) // 2):
            meta.authors = [_initials_first(_FOOTNOTE.sub("", n).strip()) for n in names]
            rest = rest[1:]
    paragraphs: list[str] = []
    for block in rest:
        first = block[0].strip()
        if _DISPLAY_DROP.match(first):
            continue
        kept = []
        for line in block:
            m = _DISPLAY_ID.match(line.strip())
            if m:
                kind, value = m.group(1).upper(), m.group(2).rstrip(".")
                if kind == "DOI":
                    meta.doi = meta.doi or value
                elif kind == "PMID":
                    meta.pmid = value
                else:
                    meta.pmcid = value
            elif _COPYRIGHT_LINE.match(line.strip()):
                continue
            else:
                kept.append(line)
        if kept:
            paragraphs.append(_unwrap(kept))
    text = "\n".join(p for p in paragraphs if p)
    return Raw(text=text, meta=meta, warnings=[] if text else [no_abstract_warning()])


def _unwrap(lines: list[str]) -> str:
    """Join hard-wrapped lines; a "LABEL: " at a line start opens a new section (label kept out, as in XML)."""
    sections: list[str] = []
    for line in lines:
        line = line.strip()
        m = _SECTION_LABEL.match(line)
        if m or not sections:
            sections.append(line[m.end():] if m else line)
        else:
            sections[-1] += " " + line
    return "\n".join(squash(s) or "" for s in sections).strip()


# --- pasted pages ------------------------------------------------------------------------------------------

def _parse_page(text: str) -> Raw:
    page = _Page()
    mode: Optional[str] = None  # "next:<heading>" = the next block belongs to a heading; "skip" = furniture
    cur: Optional[_Block] = None
    next_owner: Optional[str] = None
    consumed: list[str] = []  # lines of the block a heading owns

    def close():
        nonlocal cur, next_owner, consumed, mode
        if cur is not None:
            cur.index = len(page.blocks)
            page.blocks.append(cur)
            cur = None
        if next_owner and consumed:
            _heading_value(page, next_owner, consumed)
            next_owner, consumed, mode = None, [], None

    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            close()
            continue
        if _ABSTRACT_HEADING.match(line):
            close()
            mode, next_owner, consumed = None, None, []
            page.abstract_from = len(page.blocks)
            continue
        heading = next((k for k, rx in _HEADING_NEXT.items() if rx.match(line)), None)
        if heading:
            close()
            mode, next_owner, consumed = "next", heading, []
            continue
        if _HEADING_SKIP.match(line):
            close()
            mode, next_owner, consumed = "skip", None, []
            continue
        if mode == "next":
            consumed.append(line)
            continue
        if mode == "skip":
            continue
        if _take_label(page, line) or _FURNITURE.match(line):
            close()
            continue
        if _COPYRIGHT_LINE.match(line):
            page.years.setdefault("copyright", find_year(line))
            close()
            continue
        inline_kw = re.match(r"^(?:Key ?words?|Keywords?)\s*[:：]\s*(.+)$", line, re.I)
        if inline_kw:
            close()
            page.meta["keywords"] = _split_keywords([inline_kw.group(1)])
            continue
        bullet = _BULLET.match(raw_line)
        kind = "bullets" if bullet else "prose"
        if bullet:
            line = bullet.group(1).strip()
            if not line:
                continue
        if cur is not None and cur.kind != kind:
            close()
        if cur is None:
            cur = _Block([], kind)
        cur.lines.append(line)
    close()
    return _assemble(page)


def _take_label(page: _Page, line: str) -> bool:
    """Meta label lines ("Issue number3", "DOI: 10.1007/...", ", Volume 11, Issue 6, pp 434–440"); True if used."""
    if len(line) > 250:
        return False
    m = _SPRINGER_VOLUME.match(line) or _SPRINGER_VOLUME2.match(line)
    if m:
        journal = squash(m.group("journal").strip(" ,"))
        if journal:
            page.meta.setdefault("journal", journal)
        elif page.blocks and page.blocks[-1].kind == "prose" and len(page.blocks[-1].lines) == 1:
            # the journal name is the short line just before (Springer puts it on its own line)
            page.meta.setdefault("journal", page.blocks.pop().lines[0])
        page.meta.setdefault("volume", m.group("volume"))
        if m.groupdict().get("issue"):
            page.meta.setdefault("issue", m.group("issue"))
        if m.group("pages"):
            page.meta.setdefault("pages", norm_pages(m.group("pages")))
        if m.group("year"):
            page.years.setdefault("header", int(m.group("year")))
        return True
    if line.lower().startswith(("https://doi.org/", "http://doi.org/", "http://dx.doi.org/", "doi.org/")):
        page.meta.setdefault("doi", find_doi(line))
        return True
    for name, rx in _LABELS:
        m = rx.match(line)
        if not m:
            continue
        value = squash(m.group("v"))
        if name == "doi":
            doi = find_doi(value)
            if not doi:
                continue
            page.meta.setdefault("doi", doi)
        elif name == "pmid":
            if not value or not value.isdigit():
                continue
            page.meta.setdefault("pmid", value)
        elif name == "status":
            year = find_year(value)
            if not year:
                continue
            page.years.setdefault("status", year)
        elif name == "drop":
            pass
        elif not value:
            continue
        elif name == "pages":
            if not re.fullmatch(r"\w+(?:\s*[-–—]\s*\w+)?", value):
                continue
            page.meta.setdefault("pages", norm_pages(value))
        elif name in ("volume", "issue"):
            if not re.fullmatch(r"[\w./-]{1,12}", value):
                continue
            page.meta.setdefault(name, value)
        elif name == "journal":
            if value.endswith(".") or len(value) > 200:
                continue
            page.meta.setdefault("journal", value)
        return True
    return False


def _heading_value(page: _Page, heading: str, lines: list[str]) -> None:
    if heading == "keywords":
        page.meta.setdefault("keywords", _split_keywords(lines))
    elif heading == "cite":
        joined = " ".join(lines)
        m = _CITE_YEAR.search(joined)
        if m:
            page.years.setdefault("cite", int(m.group("year")))
        if find_doi(joined):
            page.meta.setdefault("doi", find_doi(joined))
    elif heading == "copyright":
        year = find_year(" ".join(lines))
        if year:
            page.years.setdefault("copyright", year)


def _split_keywords(lines: list[str]) -> list[str]:
    joined = " ; ".join(lines)
    if len(lines) == 1 and not re.search(r"[,;·•|]", joined):
        parts = _GLUE.split(joined)
    else:
        parts = re.split(r"\s*[,;·•|]\s*", joined)
    return [p for p in (squash(p.rstrip(".")) for p in parts) if p]


def _is_name_list(lines: list[str]) -> Optional[list[str]]:
    """Authors written on one line after the title: "Masashi Niwakawa, Katsuyoshi Hashine, ... and X Y"."""
    joined = " ".join(lines)
    if len(lines) > 3 or len(joined) > 1500 or joined.endswith(".") and not re.search(r"\b[A-Z]\.$", joined):
        return None
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*;\s*|\s*&\s*", joined) if p.strip()]
    if len(parts) < 2 or not all(_NAME.match(p) for p in parts):
        return None
    return [re.sub(r"\s*[\d,*†‡§]+$", "", p) for p in parts]


def _names(lines: list[str]) -> Optional[list[str]]:
    names = [re.sub(r"\s*[\d,*†‡§]+$", "", line) for line in lines]
    return names if names and all(_NAME.match(n) for n in names) else None


_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)")


_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)


def _looks_like_title(block: _Block) -> bool:
    joined = " ".join(block.lines)
    if len(block.lines) > 3 or len(joined) > 400 or len(joined.split()) > 60:
        return False
    if _SECTION_LABEL.match(joined):
        return False
    # PubMed titles may run to a subtitle sentence or two ("... trial. A phase II study."), but
    # never speak in the first person, as an abstract's opening does
    return len(_SENTENCE_END.findall(joined.rstrip(".!?") + " ")) <= 2 and not _FIRST_PERSON.search(joined)


def _assemble(page: _Page) -> Raw:
    meta = page.meta
    blocks = page.blocks
    used: set[int] = set()
    prose = [b for b in blocks if b.kind == "prose"]
    first_long = next((b.index for b in prose if len(" ".join(b.lines)) > 400 or len(b.lines) > 3), None)
    if page.abstract_from is not None:
        first_long = page.abstract_from if first_long is None else min(first_long, page.abstract_from)

    # authors: a bullet list of names, or a line of names right after the title, before the abstract
    for b in blocks:
        if first_long is not None and b.index >= first_long:
            break
        names = _names(b.lines) if b.kind == "bullets" else None
        if names:
            meta.setdefault("authors", names)
            used.add(b.index)
            break
    # title: the first short prose block before the abstract (and before the authors, if any)
    candidates = [b for b in prose if b.index not in used and (first_long is None or b.index < first_long)]
    remaining_after = lambda b: [x for x in prose if x.index > b.index and x.index not in used]  # noqa: E731
    for b in candidates:
        if _looks_like_title(b) and remaining_after(b):
            meta["title"] = clean_title(" ".join(b.lines))
            used.add(b.index)
            nxt = next((x for x in blocks if x.index > b.index), None)
            if nxt is not None and nxt.kind == "prose" and "authors" not in meta:
                names = _is_name_list(nxt.lines)
                if names:
                    meta["authors"] = names
                    used.add(nxt.index)
            break
        break  # only the very first short block can be the title
    # keywords: a bullet list after the abstract with no heading of its own
    abstract_blocks = [b for b in prose if b.index not in used
                       and (page.abstract_from is None or b.index >= page.abstract_from)]
    last_abstract = abstract_blocks[-1].index if abstract_blocks else -1
    if "keywords" not in meta:
        for b in blocks:
            if b.kind == "bullets" and b.index > last_abstract and b.index not in used:
                meta["keywords"] = [squash(x) for x in b.lines if squash(x)]
                used.add(b.index)
                break
    text = "\n\n".join("\n".join(b.lines) for b in abstract_blocks)
    year = next((page.years[k] for k in ("status", "header", "cite", "copyright") if page.years.get(k)), None)
    out = Meta(**{k: v for k, v in meta.items() if k in Meta.model_fields})
    out.year = year
    return Raw(text=text, meta=out, warnings=[] if text else [no_abstract_warning()])
