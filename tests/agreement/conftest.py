import pytest
from django.utils import translation

from tests.factories.organizations import make_member

HEADER = "annex,name,transcription,product_class,country,domestic_product,decision_reference\n"
SECOND_BATCH = HEADER + "V,金华火腿,Jinhua Huo Tui,肉制品 Meat products,CN,,\n"


@pytest.fixture
def gjs():
    class People:
        staff = make_member("GJS", "staff", username="gjs_staff_t")
        lead = make_member("GJS", "lead", username="gjs_lead_t")
        kjs_staff = make_member("KJS", "staff", username="kjs_staff_t")
        kjs_lead = make_member("KJS", "lead", username="kjs_lead_t")

    return People


@pytest.fixture(autouse=True)
def in_english():
    """The messages asserted on are the English msgids (the pages stay in their own language)."""
    with translation.override("en"):
        yield
