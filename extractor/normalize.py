"""Stage 2, normalize: repair the text before extraction; every repair is recorded as a warning.

`normalize(text) -> (text, warnings)`. Later stages index into the returned text, so repairs stay local and readable:
- `unicode_nfc`: Unicode NFC (one warning, no span);
- `mojibake`: UTF-8 read as Latin-1/cp1252 ("naÃ¯ve", "Âµg"), fixed by ftfy only when a mojibake pair is present
  (one warning, no span: the text changes length everywhere);
- `greek_letter`: α/β/γ that went through a Windows-1253/Latin-1 mix-up ("interferon á-2a", "IFN-á", "TGF-â",
  "â2-microglobulin"): only an á/â/ã that is not part of a word, or that follows an upper-case abbreviation;
  "café", "Québec", "São" are words and stay;
- `lost_superscript`: "0.7 × 106 IU" -> "0.7 × 10^6 IU", "2 x 109/L" -> "2 x 10^9/L", "10(6)" -> "10^6": only after a
  coefficient and a multiplication sign, with exponent 2..19, and followed by a unit counted in powers of ten
  (IU, U, cells, CFU, copies, JRU, "/L", "/kg", ...); "× 100", "2 × 2 factorial", "3 x 10 mg" stay;
- `square_metre`: "m(2)", "m²", "m^2" -> "m2" ("mg/m(2)", "kg/m²");
- `phase_numeral`: "phase ii" -> "phase II" (Roman numeral right after the word phase only);
- `unicode_hyphen`: the hyphen U+2010 and non-breaking hyphen U+2011 written as "-", and the minus sign U+2212 where
  it joins words ("HIV-1−infected") or signs a number ("−0.5"): tokenizer, lexicon and patterns know "-" only, so
  "injection‐site" and "adalimumab‐randomised" were not read; "m−2" and "10−11" (exponents) stay (one warning, no
  span: same length, offsets unchanged);
- `soft_hyphen`: U+00AD removed ("Ob\xadjec\xadtive"; one warning, no span).
The four local repairs get one warning each, with `start`/`end` of the repaired text in the returned text.
"""

from __future__ import annotations

import unicodedata

import ftfy
import regex

from .models import RecordWarning

# UTF-8 lead byte decoded as Latin-1/cp1252 followed by a continuation byte decoded the same way.
_MOJIBAKE_HINT = regex.compile(r"[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                               r"\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")

_GREEK = {"á": "α", "â": "β", "ã": "γ"}
# Units counted in powers of ten: what makes "106" after "0.7 ×" an exponent, not a number.
_POWER_UNIT = (
    r"(?:/|per\b|IU\b|MIU\b|U\b|units?\b|JRU\b|Japan\s+reference\s+units?|cells?\b|CFU\b|colony[- ]forming|copies\b|"
    r"PFU\b|plaque[- ]forming|TCID|vp\b|v\.p\.|viral\s+particles|particles\b|organisms\b|bacteria\b|spores\b|"
    r"genome|GC\b|IE\b|CD34|CD3|mononuclear|MNC|TNC|nucleated|platelets\b|lymphocytes\b|leukocytes\b|"
    r"neutrophils\b|NK\b|T[- ]cells|dendritic|EID|FFU|infectious|live\b|[Ll]actobacill|[Bb]ifidobacteri)"
)
_LOCAL = regex.compile(
    # 1: lost superscript after "coefficient ×": "10" + exponent (2..19), or "10(6)"
    r"(?P<exp>(?<=\d\s{0,2}[×xX*]\s{0,2})10(?:(?P<e1>[2-9]|1\d)|\((?P<e2>-?\d{1,2})\))"
    # ... or by another "coefficient × 10.." of a range or list ("3×105 to 80×105 U", "1 × 1011 and 5 × 1010 vp")
    r"(?=\s{0,2}" + _POWER_UNIT + r"|\s{0,2}(?:to|and|or|-|–|,)\s{0,2}\d[\d.,]*\s{0,2}[×xX*]\s{0,2}10))"
    # 2: square metre
    r"|(?P<m2>(?<![\p{L}])m(?:\(2\)|²|\^2)(?![\d\p{L}]))"
    # 3: Roman numeral after "phase" ("phase ii", "phase i/ii"); "phase i.e." is English
    r"|(?P<phase>(?<=\b[Pp]hase[\s-])(?:iv|i{1,3})(?:[/-](?:iv|i{1,3}))?(?![\p{L}\d]|\.[a-z]))"
    # 4: Greek letter: a lone á/â/ã, or one that follows an upper-case abbreviation ("IFN-á", "IL-1â", "ERâ")
    r"|(?P<greek>(?:(?<![\p{L}])|(?<=\b[A-Z][A-Z0-9-]+))[áâã](?![\p{L}]))"
)
# U+2010/U+2011 are hyphens wherever they stand; U+2212 only between word characters with a letter after it, or before
# a number it signs (not after a letter or digit: "m−2", "10−11" are exponents the unit patterns read).
_HYPHEN = regex.compile(r"[\u2010\u2011]|(?<=[\p{L}\d])\u2212(?=\p{L})|(?<![\p{L}\d.])\u2212(?=\d)")
_HYPHEN_HINT = regex.compile(r"[\u2010\u2011\u2212]")
_LOCAL_HINT = regex.compile(r"[áâã]|[×xX*]\s{0,2}10|m(?:\(2\)|²|\^2)|[Pp]hase[\s-][iv]")

_MESSAGES = {
    "exp": ("lost_superscript", "restored a lost superscript exponent"),
    "m2": ("square_metre", "wrote square metre as m2"),
    "phase": ("phase_numeral", "upper-cased the Roman numeral of a trial phase"),
    "greek": ("greek_letter", "restored a Greek letter mis-decoded as Latin-1"),
}


def _repair(kind: str, m: regex.Match) -> str:
    if kind == "exp":
        return "10^" + (m.group("e1") or m.group("e2"))
    if kind == "m2":
        return "m2"
    if kind == "phase":
        return m.group().upper()
    return _GREEK[m.group()]


def normalize(text: str) -> tuple[str, list[RecordWarning]]:
    """Return the normalized text and one warning per repair made (spans index into the returned text)."""
    warnings: list[RecordWarning] = []
    if not text.isascii():
        nfc = unicodedata.normalize("NFC", text)
        if nfc != text:
            warnings.append(RecordWarning(code="unicode_nfc", message="text normalized to Unicode NFC"))
            text = nfc
        if _MOJIBAKE_HINT.search(text):
            fixed = ftfy.fix_encoding(text)
            if fixed != text:
                warnings.append(RecordWarning(code="mojibake", message="fixed UTF-8 text decoded as Latin-1/cp1252"))
                text = fixed
        if _HYPHEN_HINT.search(text):
            text, n = _HYPHEN.subn("-", text)
            if n:
                warnings.append(RecordWarning(code="unicode_hyphen",
                                              message=f"wrote {n} Unicode hyphen(s) or minus sign(s) as '-'"))
        if "\u00ad" in text:
            n = text.count("\u00ad")
            text = text.replace("\u00ad", "")
            warnings.append(RecordWarning(code="soft_hyphen", message=f"removed {n} soft hyphen(s)"))
    if not _LOCAL_HINT.search(text):
        return text, warnings
    out: list[str] = []
    last = 0
    pos = 0  # length of the output so far
    for m in _LOCAL.finditer(text):
        kind = m.lastgroup if m.lastgroup in _MESSAGES else next(k for k in _MESSAGES if m.group(k) is not None)
        new = _repair(kind, m)
        if new == m.group():
            continue
        out.append(text[last:m.start()])
        pos += m.start() - last
        out.append(new)
        code, message = _MESSAGES[kind]
        warnings.append(RecordWarning(code=code, message=f'{message}: "{m.group()}" -> "{new}"',
                                      start=pos, end=pos + len(new)))
        pos += len(new)
        last = m.end()
    if not out:
        return text, warnings
    out.append(text[last:])
    return "".join(out), warnings
