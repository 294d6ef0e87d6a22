"""Renders the view model to HTML with jinja2 (autoescape on for every template)."""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from auditor.escape import printable
from auditor.report.model import ReportView
from auditor.resources import templates_dir

TEMPLATE = "report.html.j2"
# Any one text the report prints: a 100 KB unbroken display name or --auditor stalled the
# PDF layout for over a minute. Longer texts are cut, with a mark saying so.
MAX_SHOWN = 2000
CUT_MARK = " […]"
# A break opportunity (a zero-width space) after every this many characters of a run with
# no space: WeasyPrint's own `overflow-wrap: anywhere` is quadratic in the run's length
# (65 s for one 2,000-character word), so long words are given places to break instead.
_UNBROKEN = re.compile(r"(\S{64})(?=\S)")
# Our own line breaks between the lines of one paragraph (the findings, the matrix:
# white-space pre-line); a value's own are escaped by ``printable`` (see ``clip``).
NL = Markup("\n")


def _cut(text: str) -> str:
    return text[:MAX_SHOWN] + CUT_MARK if len(text) > MAX_SHOWN else text


def clip(value: object) -> object:
    """Every ``{{ value }}`` of the templates passes here; our own markup is not cut.

    Controls, line separators and bidi overrides are shown as escapes, as in every other
    output: findings and matrix rows are lines of one paragraph, so a display name holding
    "\\n✓ ACC-001 ..." would print a finding of its own, and U+202E would turn text around.
    """
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    return _UNBROKEN.sub("\\1\u200b", printable(_cut(value)))


def attribute(value: object) -> Markup:
    """An attribute's value (a picture's path, an anchor, metadata): escaped and cut, but
    given no break opportunities, which would change what the value names."""
    return escape(_cut(str(value)))


def css_string(value: str) -> Markup:
    """A CSS string literal for our own labels in ``<style>``: quotes, backslashes and
    ``<`` escaped the CSS way (HTML entities mean nothing inside ``<style>``)."""
    escaped = "".join(
        f"\\{ord(ch):x} " if ch in "\"'\\<>&\n\r" or ord(ch) < 32 else ch for ch in value
    )
    return Markup(f'"{escaped}"')  # noqa: S704 -- every unsafe character is CSS-escaped above


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_dir() / "report"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=clip,
    )
    env.filters["css_string"] = css_string
    env.filters["attribute"] = attribute
    env.globals["NL"] = NL
    return env


def render_html(view: ReportView, *, for_pdf: bool) -> str:
    """The report as one HTML document; ``for_pdf`` links the shipped fonts (fetched from
    the templates folder by the PDF renderer), else the HTML stands alone."""
    return environment().get_template(TEMPLATE).render(view=view, L=view.labels, for_pdf=for_pdf)
