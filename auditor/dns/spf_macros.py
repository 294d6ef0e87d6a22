"""SPF macros (RFC 7208 section 7) expanded as far as a static audit can.

Auditing mail from a domain, the sender's domain (``%{o}``) is that domain and the current
domain (``%{d}``) is the one whose record is read; every other letter (the client's address,
HELO name, local part...) varies with who sends, so a term using one cannot be followed.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_TOKEN = re.compile(r"%\{([A-Za-z])([0-9]*)(r?)([.+,/_=-]*)\}|%%|%_|%-", re.IGNORECASE)


def expand_static(spec: str, domain: str, sender_domain: str) -> str | None:
    """spec with %{d} and %{o} expanded, or None when it uses any other macro letter."""
    values = {"d": domain, "o": sender_domain}
    out: list[str] = []
    position = 0
    for token in _TOKEN.finditer(spec):
        out.append(spec[position : token.start()])
        position = token.end()
        text = token.group(0)
        if text in ("%%", "%_", "%-"):
            out.append({"%%": "%", "%_": " ", "%-": "%20"}[text])
            continue
        letter = token.group(1)
        value = values.get(letter.lower())
        if value is None:
            return None
        expanded = _transform(value, token.group(2), token.group(3), token.group(4))
        out.append(quote(expanded, safe="") if letter.isupper() else expanded)
    out.append(spec[position:])
    return "".join(out)


def _transform(value: str, digits: str, reverse: str, delimiters: str) -> str:
    """Section 7.3: split on the delimiters (default "."), reverse, keep the rightmost N."""
    parts = re.split("[" + re.escape(delimiters or ".") + "]", value)
    if reverse:
        parts.reverse()
    if digits and int(digits) > 0:
        parts = parts[-int(digits) :]
    return ".".join(parts)
