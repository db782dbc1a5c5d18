import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from organizations.credit_code import ALPHABET, credit_code_check_character, validate_credit_code
from organizations.forms import EnterpriseForm
from organizations.models import Enterprise, Region

# Published codes of real companies (their business-licence pages).
REAL_CODES = ["914403001922038216", "91110000100009563N", "91330000742906207U"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_pass(code):
    validate_credit_code(code)


def test_lowercase_and_spaces_are_normalised():
    validate_credit_code("  91110000100009563n ")


def test_wrong_check_character_names_position_and_expected_value():
    with pytest.raises(ValidationError) as error:
        validate_credit_code("914403001922038217")
    message = error.value.messages[0]
    assert "18" in message and "“7”" in message and "“6”" in message


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("91440300192203821", "18 characters"),
        ("9144030019220382166", "18 characters"),
        ("9144030019220382I6", "Character 17"),
        ("91ABCDEF1922038216", "Characters 3 to 8"),
    ],
)
def test_malformed_codes_say_what_is_wrong(code, expected):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert expected in error.value.messages[0]


def test_messages_are_in_chinese_by_default():
    with pytest.raises(ValidationError) as error:
        validate_credit_code("914403001922038217")
    assert error.value.messages[0] == "第18位校验码“7”错误：按前17位计算应为“6”。请检查代码是否输入有误。"
    with pytest.raises(ValidationError) as error:
        validate_credit_code("9144030019220382I6")
    assert error.value.messages[0].startswith("第17位字符“I”不符合统一社会信用代码规则")


@given(
    st.text(alphabet=ALPHABET, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=ALPHABET, min_size=9, max_size=9),
    st.integers(min_value=0, max_value=16),
    st.sampled_from(ALPHABET),
)
def test_any_single_substitution_is_caught(prefix, division, org, position, replacement):
    stem = prefix + division + org
    code = stem + credit_code_check_character(stem)
    validate_credit_code(code)
    mutated = code[:position] + replacement + code[position + 1 :]
    if mutated != code:
        with pytest.raises(ValidationError):
            validate_credit_code(mutated)


@pytest.mark.django_db
def test_model_validation_refuses_wrong_code():
    enterprise = Enterprise(
        name="错误代码公司", credit_code="914403001922038217", kind="producer", region=Region.objects.get(code="440300")
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        enterprise.full_clean()
    assert "credit_code" in error.value.message_dict
    assert "Character 18" in error.value.message_dict["credit_code"][0]


@pytest.mark.django_db
def test_form_refuses_wrong_code_with_message_and_creates_nothing():
    form = EnterpriseForm(
        data={
            "name": "错误代码公司",
            "credit_code": "914403001922038217",
            "kind": "producer",
            "region": Region.objects.get(code="440300").pk,
        }
    )
    with translation.override("en"):
        assert not form.is_valid()
        assert "Character 18" in form.errors["credit_code"][0]
    assert not Enterprise.objects.exists()


@pytest.mark.django_db
def test_form_accepts_valid_code_normalised():
    form = EnterpriseForm(
        data={
            "name": "华为技术有限公司",
            "credit_code": " 914403001922038216 ",
            "kind": "producer",
            "region": Region.objects.get(code="440300").pk,
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["credit_code"] == "914403001922038216"
