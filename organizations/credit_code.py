"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters from a 31-character alphabet (digits and capitals without I, O, S, V, Z);
the last one is a check character: 31 - (sum of value × weight mod 31), weights 3^i mod 31.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {char: index for index, char in enumerate(ALPHABET)}
WEIGHTS = [pow(3, i, 31) for i in range(17)]
LENGTH = 18


def normalize_credit_code(value: str) -> str:
    return (value or "").strip().upper()


def credit_code_check_character(first17: str) -> str:
    total = sum(VALUES[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """Raise ValidationError naming the position and character that is wrong."""
    code = normalize_credit_code(value)
    if len(code) != LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d.") % {"count": len(code)},
            code="credit_code_length",
        )
    for position, char in enumerate(code, start=1):
        if char not in VALUES:
            raise ValidationError(
                _(
                    "Character %(position)d (“%(char)s”) is not allowed in a unified social "
                    "credit code: use digits and capital letters except I, O, S, V and Z."
                )
                % {"position": position, "char": char},
                code="credit_code_character",
            )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("Characters 3 to 8 must be the 6-digit administrative division code; got “%(part)s”.")
            % {"part": code[2:8]},
            code="credit_code_division",
        )
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _(
                "Character 18 (“%(actual)s”) is the wrong check character: for the first 17 "
                "characters it must be “%(expected)s”. Check the code for a typing error."
            )
            % {"actual": code[17], "expected": expected},
            code="credit_code_check",
        )
