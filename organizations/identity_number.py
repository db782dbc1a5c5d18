"""Citizen identity number (公民身份号码), GB 11643-1999: 18 characters, the last a check digit.

Six digits of the administrative division, eight of the date of birth, three of a sequence,
then the check character over the first 17 (ISO 7064 MOD 11-2): "X" stands for 10.
An objector is a person or an organisation, so `validate_person_or_organisation_code` takes either
this number or a unified social credit code (organizations.credit_code, GB 32100).
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .credit_code import normalize_credit_code, validate_credit_code

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_CHARACTERS = "10X98765432"
SHAPE = re.compile(r"^\d{17}[\dX]$")


def identity_check_character(first17: str) -> str:
    return CHECK_CHARACTERS[sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True)) % 11]


def _birth_date(number: str) -> datetime.date | None:
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def validate_identity_number(value: str) -> None:
    """Raise ValidationError saying what is wrong: the shape, the date of birth or the check digit."""
    number = normalize_credit_code(value)
    if not SHAPE.match(number):
        raise ValidationError(
            _("A citizen identity number has 17 digits and a final digit or X."), code="identity_number_shape"
        )
    born = _birth_date(number)
    if born is None or not datetime.date(1900, 1, 1) <= born <= timezone.localdate():
        raise ValidationError(
            _("Characters 7 to 14 of an identity number are the date of birth; “%(part)s” is not one.")
            % {"part": number[6:14]},
            code="identity_number_birth_date",
        )
    expected = identity_check_character(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _(
                "The last character (“%(actual)s”) is the wrong check digit: for the first 17 digits "
                "it must be “%(expected)s”. Check the number for a typing error."
            )
            % {"actual": number[17], "expected": expected},
            code="identity_number_check",
        )


def validate_person_or_organisation_code(value: str) -> None:
    """An identity number if it looks like one (18 digits, or 17 and X), else a credit code."""
    code = normalize_credit_code(value)
    if SHAPE.match(code) and _birth_date(code) is not None:
        try:
            validate_identity_number(code)
            return
        except ValidationError:
            # An all-digit credit code may look like an identity number: it may still be one.
            try:
                validate_credit_code(code)
                return
            except ValidationError:
                pass
            raise
    validate_credit_code(code)
