"""What makes the PDF checkable evidence: the SHA-256 of the embedded results, recorded in
the document's XMP metadata at render time, and the one-line result summary printed on the
cover, which ``auditor verify`` recomputes from the embedded results.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

from auditor.report.labels import Labels
from auditor.report.reading import mapping, score
from auditor.results import Status

ATTACHMENT_NAME = "auditor-results.json"
XMP_NAMESPACE = "urn:auditor:evidence:1"
XMP_PROPERTY = "resultsSha256"


def results_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cover_summary(results: Mapping[str, Any], labels: Labels) -> str:
    """The organisation's score and the count of each status, as the cover prints them."""
    summary = mapping(results.get("summary"))
    counts = []
    for status in Status:
        value = summary.get(status.value)
        number = value if isinstance(value, int) and not isinstance(value, bool) else 0
        counts.append(f"{labels(f'status_{status.value}')} {labels.number(number)}")
    return labels(
        "cover_summary_text",
        score=labels.score(score(summary.get("score"))),
        counts=" · ".join(counts),
    )


RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def with_digest(rdf: bytes, digest: str) -> bytes:
    """``rdf`` (an ``rdf:RDF`` element) with descriptions of the digest added to it.

    Added inside the one ``rdf:RDF``: readers such as pyHanko, which rewrites the XMP when
    it signs, read only the first, so a second ``rdf:RDF`` would be lost on signing.
    """
    from xml.etree import ElementTree

    # The prefix PDF/A's extension schema declares, also when pyHanko rewrites the XMP.
    ElementTree.register_namespace("auditor", XMP_NAMESPACE)
    root = ElementTree.fromstring(rdf)  # noqa: S314 -- WeasyPrint's own output, no DTDs
    for description in ElementTree.fromstring(_digest_rdf(digest)):  # noqa: S314 -- ours
        root.append(description)
    return ElementTree.tostring(root)


def _digest_rdf(digest: str) -> bytes:
    """The digest as XMP, with the PDF/A extension schema that declares the property
    (PDF/A allows only declared XMP properties)."""
    return f"""<rdf:RDF xmlns:rdf="{RDF}">
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>auditor evidence</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{XMP_NAMESPACE}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>auditor</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>{XMP_PROPERTY}</pdfaProperty:name>
<pdfaProperty:valueType>Text</pdfaProperty:valueType>
<pdfaProperty:category>external</pdfaProperty:category>
<pdfaProperty:description>SHA-256 of the embedded scan results</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:auditor="{XMP_NAMESPACE}">
<auditor:{XMP_PROPERTY}>{escape(digest)}</auditor:{XMP_PROPERTY}>
</rdf:Description>
</rdf:RDF>""".encode()


def recorded_digest(xmp: bytes) -> str | None:
    """The digest recorded by ``xmp_snippet`` in a document's XMP metadata, if any."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(xmp)  # noqa: S314 -- our own PDF's metadata, no DTDs
    except ElementTree.ParseError:
        return None
    name = f"{{{XMP_NAMESPACE}}}{XMP_PROPERTY}"
    for element in root.iter():
        # a child element as rendered, or an attribute once pyHanko has rewritten the XMP
        value = element.text if element.tag == name else element.get(name)
        if value and value.strip():
            return value.strip()
    return None
