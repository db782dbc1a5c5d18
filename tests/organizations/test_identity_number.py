"""GB 11643 identity numbers and the objector's code (an identity number or a GB 32100 credit code)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from organizations.credit_code import credit_code_check_character
from organizations.identity_number import (
    identity_check_character,
    validate_identity_number,
    validate_person_or_organisation_code,
)

VALID_PERSON = "33010619900101123X"  # check character 10 → X
VALID_ORGANISATION = "91330106MA00000003"


@pytest.mark.parametrize("number", [VALID_PERSON, "11010519491231002X", " 33010619900101123x "])
def test_valid_identity_numbers_pass(number):
    validate_identity_number(number)
    validate_person_or_organisation_code(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("330106199001011234", "identity_number_check"),
        ("330106199013011239", "identity_number_birth_date"),
        ("33010619900101123", "identity_number_shape"),
    ],
)
def test_wrong_identity_numbers_say_what_is_wrong(number, code):
    with pytest.raises(ValidationError) as refused:
        validate_identity_number(number)
    assert refused.value.code == code


@pytest.mark.parametrize("value", ["ZZZZZZZZZZZZZZZZZZ", "91330106MA00000004", "330106199001011234", "x"])
def test_the_objector_code_refuses_what_is_neither(value):
    with pytest.raises(ValidationError):
        validate_person_or_organisation_code(value)


def test_the_objector_code_takes_a_credit_code():
    validate_person_or_organisation_code(VALID_ORGANISATION)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_the_check_digit_completes_any_seventeen_digits(first17):
    """Whatever the 17 digits, exactly one final character passes the check (when the date is one)."""
    number = first17[:6] + "19900101" + first17[14:]
    expected = identity_check_character(number[:17])
    validate_identity_number(number[:17] + expected)
    wrong = next(c for c in "0123456789X" if c != expected)
    with pytest.raises(ValidationError):
        validate_identity_number(number[:17] + wrong)


def test_an_all_digit_credit_code_is_not_taken_for_a_wrong_identity_number():
    first17 = "91330106100000000"
    code = first17 + credit_code_check_character(first17)
    validate_person_or_organisation_code(code)
