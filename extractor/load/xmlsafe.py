"""Safe XML reading: refuse entity declarations, never fetch DTDs, report damage with line and column."""

from __future__ import annotations

import re

from lxml import etree

from .common import LoadError

# The prolog ends where the first element starts; an internal DTD subset or <!ENTITY> lives before it.
_ROOT_START = re.compile(rb"<(?![!?])[A-Za-z_]")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.I)


def check_prolog(head: bytes) -> None:
    """Refuse XML that declares entities (billion laughs, external entities); PubMed's plain DOCTYPE is fine."""
    sample = head
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00" or head[:1] == b"\x00":
        # UTF-16 XML: look at the ASCII projection of the prolog
        sample = head.replace(b"\x00", b"")
    m = _ROOT_START.search(sample)
    prolog = sample[: m.start()] if m else sample
    if _ENTITY_DECL.search(prolog):
        raise LoadError("XML declares entities in its DOCTYPE (<!ENTITY ...>); refused, entities are never expanded or fetched")
    if _INTERNAL_SUBSET.search(prolog):
        raise LoadError("XML has an internal DTD subset; refused, entities are never expanded or fetched")
    if m is None:
        raise LoadError("no XML element in the first 64 KB (oversized prolog); refused")


def parser_options() -> dict:
    return dict(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False)


def syntax_failure(exc: Exception, done: int) -> LoadError:
    """A parse error as a reason naming where the damage is and how much was read before it."""
    pos = getattr(exc, "position", None) or (getattr(exc, "lineno", None), None)
    line, col = pos if isinstance(pos, tuple) else (None, None)
    msg = getattr(exc, "msg", None) or str(exc)
    msg = re.sub(r",? line \d+, column \d+.*$", "", msg)
    where = f" at line {line}, column {col}" if line else ""
    return LoadError(f"malformed or truncated XML{where}: {msg} ({done} record(s) read before it)")


def local(tag) -> str:
    """Element name without namespace; comments and PIs have no string tag."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# Inline markup whose text belongs to the sentence (everything else is read the same way, through itertext).
_EXPONENT = re.compile(r"[-−–+]?\d+(?:\.\d+)?")


def inline_text(elem: etree._Element) -> str:
    """Text of an element with its inline markup flattened; a numeric superscript after a digit is an exponent.

    "10<sup>6</sup>" becomes "10^6" (the pipeline writes exponents with a caret), never "106";
    other superscripts/subscripts ("NAD<sup>+</sup>", "p<sub>trend</sub>") keep their text.
    """
    parts: list[str] = []
    _walk(elem, parts)
    return "".join(parts)


def _walk(elem, parts: list[str]) -> None:
    if elem.text:
        parts.append(elem.text)
    for child in elem:
        name = local(child.tag)
        if name in ("sup", "superscript"):
            inner = inline_text(child)
            prev = next((p for p in reversed(parts) if p), "")
            if prev[-1:].isdigit() and _EXPONENT.fullmatch(inner.strip()):
                inner = "^" + inner.strip().replace("−", "-").replace("–", "-")
            parts.append(inner)
        elif isinstance(child.tag, str):
            _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
