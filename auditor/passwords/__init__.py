"""Admin passwords (DKICT 7.32.2): policy, strength, breach sources, and fact gathering.

Nothing in this package keeps a password: it is read, judged and dropped (see gather.py).
"""

from auditor.passwords.facts import PasswordFacts
from auditor.passwords.gather import PasswordScanOptions, gather_password_facts
from auditor.passwords.policy import RULE_TEXT, Evaluation, Rule, evaluate, identity_words

__all__ = [
    "RULE_TEXT",
    "Evaluation",
    "PasswordFacts",
    "PasswordScanOptions",
    "Rule",
    "evaluate",
    "gather_password_facts",
    "identity_words",
]
