"""The fuzzer's strategies and properties, shared by the short CI run (tests/fuzz) and the
long one (benchmarks/fuzz_bench.py).

Properties: whatever the inventory holds, ``validate`` and ``scan`` end with exit 0, 1 or 2,
never 3 and never a traceback, and no planted secret appears in any output format; the
loader raises nothing but InventoryError; ``report`` on any mutation of a valid results
file ends 0 or 2.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st
from typer.testing import CliRunner

from auditor.cli import app
from auditor.inventory.loaded import InventoryError
from auditor.inventory.loader import load_inventory

ROOT = Path(__file__).resolve().parents[2]
RESULTS_FIXTURE = ROOT / "tests" / "fixtures" / "report_scan.json"
PLANTED = "Pl4nt3d#S3cr3t!x9"  # never to be seen in any output
PLANTED_ENV = "FUZZ_PLANTED_SECRET"
FORMATS = ("text", "json", "csv", "sarif")

_NASTY_TEXT = st.sampled_from(
    ["\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\u202e", "\r=1+1", "\n@SUM(A1)", "[/]", "[red]x",
     "a" * 6000, "{lang}", "%s%n", "\\", "\0", "../../etc/passwd", "~nobody/x", "", " "]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=40), _NASTY_TEXT, st.text(min_size=200, max_size=300))
NUMBER = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["0x" + "f" * 60, "1:2:3:4:5", ".inf", "1e400"]),
)
PASSWORD = st.sampled_from(
    [PLANTED, f"file:{PLANTED}", f"keyring:{PLANTED}/x", f"keepass:{PLANTED}.kdbx#{PLANTED}",
     f"env:{PLANTED_ENV}", "env:UNSET_FUZZ_VAR", "file:/dev/zero", "file:~nosuchuserfuzz/x",
     "file:", "keyring:", "keepass:#", None]
)  # fmt: skip
URL = st.one_of(
    st.sampled_from(
        ["https://www.melaka.gov.my", "https://evil.example\\@www.melaka.gov.my/",
         "https://u:p@melaka.gov.my/", "http://0.0.0.0/", "javascript:alert(1)", "https://[::1]/"]
    ),
    TEXT,
)  # fmt: skip
DATE = st.one_of(st.dates().map(str), TEXT, NUMBER)
FIELD_VALUES = {
    "display_name": TEXT, "bio": TEXT, "website": URL, "email": TEXT, "disclaimer": TEXT,
    "picture": st.one_of(TEXT, st.sampled_from(["/dev/zero", "pic.png", "https://x/y.png"])),
    "last_post": DATE, "links": st.lists(URL, max_size=3),
}  # fmt: skip


def base_inventory() -> dict[str, Any]:
    return {
        "version": 1,
        "organisation": {"name": "Kerajaan Negeri Melaka", "official_domains": ["melaka.gov.my"]},
        "agencies": [
            {
                "id": "jkm",
                "name": "Jabatan Ketua Menteri Melaka",
                "accounts": [
                    {
                        "id": "jkm-fb",
                        "platform": "facebook",
                        "owner": "agency",
                        "handle": "KerajaanNegeriMelaka",
                        "url": "https://www.facebook.com/KerajaanNegeriMelaka",
                        "password_changed": "2026-09-01",
                        "profile": {"display_name": "Jabatan Ketua Menteri Melaka"},
                    }
                ],
            }
        ],
    }


@st.composite
def inventories(draw: st.DrawFn) -> dict[str, Any]:
    """A valid inventory with some fields replaced by hostile values."""
    data = base_inventory()
    account = data["agencies"][0]["accounts"][0]
    account["password"] = draw(PASSWORD)
    for key in draw(st.sets(st.sampled_from(sorted(FIELD_VALUES)), max_size=4)):
        account["profile"][key] = draw(FIELD_VALUES[key])
    if draw(st.booleans()):
        data["policy"] = {
            draw(st.sampled_from(["dormant_after_days", "password_min_length"])): draw(NUMBER)
        }
    if draw(st.booleans()):
        account[draw(st.sampled_from(["mfa", "admins", "handle", PLANTED]))] = draw(
            st.one_of(TEXT, NUMBER, st.booleans(), st.none())
        )
    if draw(st.booleans()):
        data["organisation"]["crest"] = [draw(TEXT)]
    return data


def yaml_text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def check_scan(data: dict[str, Any], fmt: str) -> None:
    """The scan property: exit 0, 1 or 2, no exception, no planted secret in the output."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inventory.yaml"
        try:
            path.write_text(yaml_text(data), "utf-8")
        except UnicodeEncodeError:  # lone surrogates: not writable as UTF-8, not an input
            return
        runner = CliRunner(env={PLANTED_ENV: PLANTED})
        for args in (
            ["validate", str(path)],
            ["scan", str(path), "--offline", "--as-of", "2026-11-24", "--format", fmt],
        ):
            result = runner.invoke(app, args)
            assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.exception)
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                args,
                repr(result.exception),
            )
            assert PLANTED not in result.output, args
            assert "Traceback" not in result.output


def check_loader(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inventory.yaml"
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        with contextlib.suppress(InventoryError):
            load_inventory(path)


def valid_results() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RESULTS_FIXTURE.read_text("utf-8"))
    return data


_HUGE = "__huge_number__"  # replaced in the JSON text by a 5,000-digit number
JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.sampled_from([_HUGE, 1e308, -1, "lang", "\x1b[2J", "A" * 5000]),
)  # fmt: skip
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def results_mutations(draw: st.DrawFn) -> str:
    """A valid results document with a few values replaced, keys removed or text cut."""
    data = valid_results()
    for _ in range(draw(st.integers(1, 4))):
        node: Any = data
        while isinstance(node, dict | list) and node and draw(st.booleans()):
            key = draw(
                st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node)))
            )
            if not isinstance(node[key], dict | list) or not node[key]:
                node[key] = draw(JSON_VALUE)
                break
            node = node[key]
        else:
            if isinstance(node, dict) and node and draw(st.booleans()):
                node.pop(draw(st.sampled_from(sorted(node))))
    text = json.dumps(data).replace(f'"{_HUGE}"', "9" * 5000)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


def check_report(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        results = Path(folder) / "results.json"
        results.write_text(text, "utf-8", errors="surrogatepass")
        output = Path(folder) / "report.html"
        result = CliRunner().invoke(
            app, ["report", str(results), "-o", str(output), "--lang", "en"]
        )
        assert result.exit_code in (0, 2), (result.exit_code, repr(result.exception))
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code == 2 or output.is_file()


def planted_environment() -> None:
    os.environ.setdefault(PLANTED_ENV, PLANTED)
