"""Times the password policy evaluation on 10,000 realistic passwords.

The mix: short ones (6-11 characters), 12-20 mixed-character ones, 40-character Malay and
English passphrases, and a few of 200 and 10,000 characters. Each is evaluated exactly as
a scan does (every PWD-001 rule, bounded zxcvbn with the account's names and the Malay
word list); the figures are the median and worst time per password. Goal: median <= 1 ms,
worst <= 30 ms. The zxcvbn binding's one-off dictionary set-up (about 10 ms) is done by a
warm-up call first and reported apart.

    python -m benchmarks.password_bench [--count 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import time

from auditor.inventory.model import Policy
from auditor.passwords.policy import evaluate
from auditor.passwords.words import malay_words

NAMES = ("kerajaannegerimelaka", "korporat.suk", "jkm", "jabatan", "ketua", "menteri", "melaka")
ENGLISH = (
    "coffee",
    "river",
    "purple",
    "window",
    "garden",
    "silver",
    "rocket",
    "planet",
    "monkey",
    "battery",
    "staple",
    "horse",
    "correct",
    "orange",
    "winter",
    "summer",
)
SYMBOLS = "!@#$%^&*-_+=?"


def short(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return rng.choice(malay_words()).capitalize() + str(rng.randint(1, 999))
    if kind == 1:
        alphabet = string.ascii_letters + string.digits
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(6, 11)))
    return rng.choice(ENGLISH) + rng.choice(SYMBOLS) + str(rng.randint(0, 99))


def mixed(rng: random.Random) -> str:
    alphabet = string.ascii_letters + string.digits + SYMBOLS
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(12, 20)))


def passphrase(rng: random.Random) -> str:
    words = [*malay_words(), *ENGLISH]
    text = rng.choice("-_ .").join(rng.choice(words) for _ in range(8))
    return (text.capitalize() + str(rng.randint(10, 99)) + "!")[:40].ljust(40, "x")


def very_long(rng: random.Random, length: int) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return "".join(rng.choice(string.printable[:94]) for _ in range(length))
    if kind == 1:
        return (passphrase(rng) * (length // 40 + 1))[:length]
    return (mixed(rng) * length)[:length]


def corpus(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    passwords = [very_long(rng, 200) for _ in range(10)] + [
        very_long(rng, 10_000) for _ in range(10)
    ]
    makers = (short, mixed, mixed, passphrase)
    while len(passwords) < count:
        passwords.append(rng.choice(makers)(rng))
    rng.shuffle(passwords)
    return passwords


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    policy = Policy()
    started = time.perf_counter()
    evaluate("warm-up Melaka 2024!", policy, NAMES)
    warm_up = time.perf_counter() - started
    passwords = corpus(args.count, args.seed)
    times: list[float] = []
    by_length: dict[str, list[float]] = {}
    for password in passwords:
        started = time.perf_counter()
        evaluate(password, policy, NAMES)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        size = len(password)
        key = "<12" if size < 12 else "12-40" if size <= 40 else str(size)
        by_length.setdefault(key, []).append(elapsed)
    print(f"passwords: {len(times)}  warm-up (first call): {warm_up * 1e3:.2f} ms")
    print(
        f"median: {statistics.median(times) * 1e3:.3f} ms  "
        f"worst: {max(times) * 1e3:.3f} ms  total: {sum(times):.2f} s"
    )
    for key, values in sorted(by_length.items(), key=lambda kv: max(kv[1])):
        median = statistics.median(values) * 1e3
        print(
            f"  length {key:>6}: n={len(values):5d}  median {median:.3f} ms"
            f"  worst {max(values) * 1e3:.3f} ms"
        )


if __name__ == "__main__":
    main()
