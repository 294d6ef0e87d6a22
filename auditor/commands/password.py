"""``auditor password check``: judge a candidate password against the DKICT policy.

The candidate comes from a hidden prompt, or from one line of standard input when that is
not a terminal (for scripts). Nothing of it is echoed, printed, logged or stored: the
output lists the rules it breaks and its strength, and the exit code says whether it meets
the policy (0) or not (1); 2 is bad usage, as everywhere in the tool.
"""

from __future__ import annotations

import getpass
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from auditor.escape import printable
from auditor.text import Lang, Text

if TYPE_CHECKING:
    from auditor.inventory.model import Account, Agency, Organisation, Policy
    from auditor.passwords.breach import BreachSource
    from auditor.passwords.policy import Evaluation

EXIT_MEETS, EXIT_FAILS, EXIT_USAGE = 0, 1, 2

password_app = typer.Typer(
    name="password",
    help="Admin password tools (DKICT 7.32.2).",
    no_args_is_help=True,
    rich_markup_mode=None,
)

_PROMPT = Text(ms="Kata laluan calon (tidak dipaparkan): ", en="Candidate password (not shown): ")
_MEETS = Text(
    ms="Kata laluan menepati dasar DKICT 7.32.2.", en="The password meets the DKICT 7.32.2 policy."
)
_FAILS = Text(
    ms="Kata laluan TIDAK menepati dasar DKICT 7.32.2:",
    en="The password does NOT meet the DKICT 7.32.2 policy:",
)
_STRENGTH = Text(
    ms="Kekuatan (zxcvbn): {score}/4 (minimum {min_score}).",
    en="Strength (zxcvbn): {score}/4 (minimum {min_score}).",
)
_EMPTY = Text(ms="tiada kata laluan diberi", en="no password was given")


def render_evaluation(evaluation: Evaluation, policy: Policy, lang: Lang) -> str:
    """What the command prints: the verdict, the rules broken, the strength."""
    from auditor.passwords.policy import BREACH_CHECK_FAILED, RULE_TEXT, rule_args

    args = rule_args(policy, evaluation.score)
    lines = [_MEETS(lang) if evaluation.meets_policy else _FAILS(lang)]
    lines += [f"  - {RULE_TEXT[rule](lang, **args)}" for rule in evaluation.broken]
    if evaluation.breach_error is not None:
        lines.append("  - " + BREACH_CHECK_FAILED(lang, problem=evaluation.breach_error))
    lines.append(_STRENGTH(lang, **args))
    return "\n".join(lines) + "\n"


_NOT_UTF8 = Text(
    ms="kata laluan daripada input piawai bukan teks UTF-8",
    en="the password from standard input is not UTF-8 text",
)
_TOO_LONG = Text(
    ms="baris input piawai terlalu panjang untuk kata laluan",
    en="the line on standard input is too long to be a password",
)
MAX_CANDIDATE_BYTES = 4096


def read_candidate(lang: Lang) -> str:
    """The candidate from a hidden prompt, or the first line of a non-terminal stdin."""
    if sys.stdin.isatty():
        return getpass.getpass(_PROMPT(lang))
    # Bytes, decoded here: the text layer would let undecodable bytes through as
    # surrogates (and fail later, in hashing), or fail with a traceback.
    line = sys.stdin.buffer.readline(MAX_CANDIDATE_BYTES + 1)
    if len(line) > MAX_CANDIDATE_BYTES:
        _usage(_TOO_LONG(lang))
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        _usage(_NOT_UTF8(lang))
    return text.removesuffix("\n").removesuffix("\r")


@password_app.callback()
def password_group() -> None:
    """Admin password tools (DKICT 7.32.2)."""
    # A callback keeps "check" a sub-command even while it is the group's only one.


@password_app.command("check")
def check_command(
    inventory: Annotated[
        Path | None,
        typer.Option(
            "--inventory", "-i", help="Take the policy and the names to avoid from this inventory."
        ),
    ] = None,
    account: Annotated[
        str | None,
        typer.Option(
            "--account",
            "-a",
            help="With --inventory: also avoid this account's "
            "handle and login email, and its agency's names.",
        ),
    ] = None,
    breach_list: Annotated[
        Path | None,
        typer.Option("--breach-list", help='A local HIBP "SHA1:count" file sorted by hash.'),
    ] = None,
    hibp: Annotated[
        bool, typer.Option("--hibp", help="Ask the HIBP range API (k-anonymity).")
    ] = False,
    lang: Annotated[Lang, typer.Option(help="Language of the texts: ms or en.")] = Lang.MS,
) -> None:
    """Say which DKICT password rules a candidate breaks; nothing of it is shown or kept."""
    # Imported here, as in every command module: ``--help`` does not load what runs.
    from auditor.passwords.breach import BreachListFile, BreachLookupError, HibpClient
    from auditor.passwords.policy import evaluate

    policy, names = _policy_and_names(inventory, account)
    candidate = read_candidate(lang)
    if not candidate:
        _usage(_EMPTY(lang))
    with ExitStack() as stack:
        sources: list[BreachSource] = []
        try:
            if breach_list is not None:
                sources.append(stack.enter_context(BreachListFile(breach_list)))
        except BreachLookupError as exc:
            _usage(str(exc))
        if hibp:
            sources.append(stack.enter_context(HibpClient()))
        evaluation = evaluate(candidate, policy, names, sources)
    del candidate
    sys.stdout.write(render_evaluation(evaluation, policy, lang))
    sys.stdout.flush()
    raise typer.Exit(EXIT_MEETS if evaluation.meets_policy else EXIT_FAILS)


def _usage(message: str) -> NoReturn:
    sys.stderr.write(f"auditor: {printable(message)}\n")
    raise typer.Exit(EXIT_USAGE)


def _policy_and_names(inventory: Path | None, account_id: str | None) -> tuple[Policy, list[str]]:
    from auditor.inventory.loaded import InventoryError
    from auditor.inventory.loader import load_inventory
    from auditor.inventory.model import Policy
    from auditor.passwords.policy import identity_words

    if inventory is None:
        if account_id is not None:
            _usage("--account needs --inventory")
        return Policy(), []

    try:
        loaded = load_inventory(inventory)
    except InventoryError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{printable(str(problem))}\n")
        _usage(f"{inventory}: the inventory cannot be used")
    organisation: Organisation = loaded.inventory.organisation
    agency: Agency | None = None
    account: Account | None = None
    if account_id is not None:
        found = [(g, a) for g, a in loaded.inventory.accounts() if a.id == account_id]
        if not found:
            _usage(f"no account {account_id!r} in {inventory}")
        agency, account = found[0]
    return loaded.inventory.policy, list(identity_words(organisation, agency, account))
