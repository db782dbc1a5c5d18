import pytest

from tests.factories.enforcement import hangzhou_bureau, received_case


@pytest.fixture
def bureau():
    """The Hangzhou bureau: a lead, three inspectors, a reviewer (and 法规司's legal reviewer)."""
    return hangzhou_bureau()


@pytest.fixture
def case(bureau):
    """An enforcement case just received: its verification is offered to the bureau's inspectors."""
    return received_case(actor=bureau.inspectors[0])
