"""Admin passwords (DKICT 7.32.2): policy, strength, breach sources, and fact gathering.

Nothing in this package keeps a password: it is read, judged and dropped (see gather.py).
Reading them (``gather``) is imported from its module: it loads the inventory's models, and
the checks import this package, which must load quickly for ``auditor checks``.
"""

from auditor.passwords.facts import PasswordFacts
from auditor.passwords.policy import RULE_TEXT, Evaluation, Rule, evaluate, identity_words

__all__ = [
    "RULE_TEXT",
    "Evaluation",
    "PasswordFacts",
    "Rule",
    "evaluate",
    "identity_words",
]
