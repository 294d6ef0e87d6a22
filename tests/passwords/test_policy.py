"""The policy's rules, the bounded zxcvbn estimate and the Malay word list."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from zxcvbn_rs_py import zxcvbn

from auditor.inventory.model import Policy
from auditor.passwords.policy import Rule, evaluate, identity_words
from auditor.passwords.strength import MAX_WINDOW, estimate, score_of
from auditor.passwords.words import fold, malay_words, words_in
from tests.factories import inventory

NAMES = identity_words(
    inventory().organisation, inventory().agencies[0], inventory().agencies[0].accounts[0]
)
R = Rule

CASES: list[tuple[str, str, set[Rule]]] = [
    ("strong random", "Kx9#mT4!qWz7@Lp2", set()),
    ("long passphrase", "Gelas kopi-biru 7 menari di Ufuk!", set()),
    ("too short", "Kx9#mT4!q", {R.TOO_SHORT}),
    ("no upper", "kx9#mt4!qwz7@lp2", {R.NO_UPPER}),
    ("no lower", "KX9#MT4!QWZ7@LP2", {R.NO_LOWER}),
    ("no digit", "Kxq#mTv!qWzh@Lpr", {R.NO_DIGIT}),
    ("no special", "Kx9vmT4gqWz7hLp2", {R.NO_SPECIAL}),
    ("handle", "Kx9#KerajaanNegeriMelaka!", {R.CONTAINS_NAME}),
    ("email local part, any case", "Kx9#KORPORAT.SUK!q7", {R.CONTAINS_NAME}),
    ("agency short name", "Kx9#mT4!qJKMz7@Lp2", {R.CONTAINS_NAME}),
    ("word of the agency name, leet", "Kx9#J4b4t4n!qWz7", {R.CONTAINS_NAME}),
    ("common password", "Password1!", {R.TOO_SHORT, R.COMMON, R.WEAK}),
    ("Malay word dressed up", "Sayang123!", {R.TOO_SHORT, R.COMMON, R.WEAK}),
    ("Malay words", "Cintaku2024!", {R.COMMON, R.WEAK}),
]


@pytest.mark.parametrize(("name", "password", "broken"), CASES, ids=[c[0] for c in CASES])
def test_rules(name: str, password: str, broken: set[Rule]) -> None:
    evaluation = evaluate(password, Policy(), NAMES)
    assert set(evaluation.broken) == broken
    assert evaluation.meets_policy is (not broken)


def test_thresholds_come_from_the_policy() -> None:
    password = "Kx9#mT4!qWz7@Lp2"
    assert Rule.TOO_SHORT in evaluate(password, Policy(password_min_length=20)).broken
    assert evaluate(password, Policy(min_zxcvbn_score=4)).broken == ()
    assert evaluate("Kucing42!Hitam", Policy(min_zxcvbn_score=4)).broken == (Rule.WEAK,)


def test_identity_words() -> None:
    assert set(NAMES) >= {
        "kerajaannegerimelaka",
        "korporat.suk",
        "jkm",
        "jabatan",
        "ketua",
        "menteri",
        "melaka",
        "kerajaan",
        "negeri",
    }
    assert all(len(word) >= 3 for word in NAMES)


def test_malay_words_make_zxcvbn_less_naive() -> None:
    # zxcvbn alone finds nothing in Malay; with the built-in list the words are recognised.
    password = "kucingsayangmelaka"
    assert int(zxcvbn(password).score) >= 3
    assert estimate(password).score < int(zxcvbn(password).score)
    assert {"kucing", "sayang", "melaka"} <= set(words_in(password))
    assert "melaka" in words_in("4k4l3m")  # reversed, with look-alikes


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(malay_words()), st.text("abc4@13!l0$ -Zq", max_size=4)),
        max_size=6,
    ).map("".join)
)
def test_the_built_in_words_are_found_as_any_given_list_of_them_is(password: str) -> None:
    # The built-in list is searched through an index by the words' first two characters;
    # the words given by a caller are searched one by one, which is the reference here.
    assert words_in(password) == words_in(password, malay_words())


def test_word_list_content() -> None:
    words = malay_words()
    assert len(words) == len(set(words)) > 250
    for expected in ("isnin", "disember", "melaka", "ayerkeroh", "jasin", "katalaluan", "jkm"):
        assert expected in words
    assert all(w == w.lower() and w.isalpha() for w in words)
    assert fold("M3l@k4") == "meiaka" == fold("melaka")


def random_password(rng: random.Random, length: int) -> str:
    alphabet = string.ascii_letters + string.digits + "#!%&*"
    return "".join(rng.choice(alphabet) for _ in range(length))


def test_one_window_is_exactly_zxcvbn() -> None:
    rng = random.Random(7)
    for length in (8, 12, 20, MAX_WINDOW):
        for _ in range(20):
            password = random_password(rng, length)
            strength = estimate(password)
            assert not strength.windowed
            assert strength.score == int(zxcvbn(password, words_in(password)).score)


@pytest.mark.parametrize(
    ("password", "most"),
    [
        ("a" * 10_000, 0),
        ("abc" * 3_000, 1),
        ("Password1!" * 500, 2),
        ("".join(chr(33 + i % 90) for i in range(10_000)), 2),
        ("correcthorsebatterystaple" * 400, 4),
    ],
)
def test_long_low_entropy_input_is_not_strong(password: str, most: int) -> None:
    strength = estimate(password)
    assert strength.windowed
    assert strength.score <= most


def test_long_random_input_is_strong() -> None:
    password = random_password(random.Random(3), 10_000)
    assert estimate(password).score == 4
    # A weak head followed by real entropy is still judged by what was read.
    assert estimate("a" * 50 + random_password(random.Random(4), 60)).score == 4


def test_many_look_alikes_are_split_into_windows() -> None:
    # zxcvbn's l33t matcher is exponential in distinct look-alikes; we never feed it 20.
    strength = estimate("4@8({[<3691!|0$57+%2")
    assert strength.windowed and strength.score >= 3


def test_score_boundaries() -> None:
    assert [score_of(x) for x in (0, 3.0, 3.01, 6.5, 8.5, 10.5, 19)] == [0, 0, 1, 2, 3, 4, 4]
