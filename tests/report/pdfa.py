"""What PDF/A-3b (ISO 19005-3) forbids, looked for in every object of a PDF.

Not a full validator (veraPDF is Java): the rules a WeasyPrint report could break, each
checked on every object, direct or indirect, reachable or not.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)

_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _objects(reader: PdfReader) -> Iterator[Any]:
    """Every object of the file, numbered or nested, each once."""
    stack: list[Any] = [reader.trailer]
    size: Any = reader.trailer["/Size"]
    stack += [reader.get_object(n) for n in range(1, int(size)) if _exists(reader, n)]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            continue  # numbered objects are on the stack already
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, DictionaryObject):
            stack += list(item.values())
        elif isinstance(item, ArrayObject):
            stack += list(item)


def _exists(reader: PdfReader, number: int) -> bool:
    try:
        return reader.get_object(number) is not None
    except Exception:  # a free entry of the cross-reference table
        return False


def _names(value: Any) -> list[str]:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    if isinstance(value, NameObject):
        return [str(value)]
    if isinstance(value, ArrayObject):
        return [str(v.get_object()) for v in value]
    return []


def violations(reader: PdfReader) -> list[str]:
    """Every PDF/A-3b violation found, as "rule: where" texts."""
    found = []
    for item in _objects(reader):
        if not isinstance(item, DictionaryObject):
            continue
        found += _dictionary_violations(item)
    return found


def _dictionary_violations(item: DictionaryObject) -> list[str]:
    found = []
    get = item.get
    kind = str(get("/Type", ""))
    interpolate = get("/Interpolate")
    if isinstance(interpolate, BooleanObject) and interpolate.value:
        found.append("6.2.8: an image with /Interpolate true")
    if "/LZWDecode" in _names(get("/Filter")) or "/LZW" in _names(get("/Filter")):
        found.append("6.1.7.2: an LZWDecode stream")
    if str(get("/S", "")) == "/JavaScript" or "/JS" in item or "/JavaScript" in item:
        found.append("6.6.1: JavaScript")
    if kind == "/Font" and str(get("/Subtype", "")) not in ("/Type0", "/Type3"):
        descriptor = get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        if not any(key in descriptor for key in _FONT_FILES):
            found.append(f"6.2.11.4: font {get('/BaseFont')} is not embedded")
    if (kind == "/Filespec" or "/EF" in item) and "/AFRelationship" not in item:
        found.append(f"6.8: embedded file {get('/F')} without /AFRelationship")
    return found
