"""Stage 2, normalize: repair the text before extraction; every repair is recorded as a warning."""

from __future__ import annotations

import unicodedata

from .models import RecordWarning


def normalize(text: str) -> tuple[str, list[RecordWarning]]:
    """Return the normalized text and one warning per kind of repair made."""
    warnings: list[RecordWarning] = []
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        warnings.append(RecordWarning(code="unicode_nfc", message="text normalized to Unicode NFC"))
    return nfc, warnings
