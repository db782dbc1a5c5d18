"""What the application and revocation walks found missing: links to the case files from where
staff land, the application's audit trail in words, the staff link on a register entry, the
product named beside its revocation announcement, and who acts next on an expert's review page."""

import re

import pytest
from django.urls import reverse

from cases.applications.services import (
    application_convene_review,
    application_examine_formal,
    application_examine_preliminary,
)
from cases.models import ExpertOpinion, ProductRevocation, Regime
from cases.products.services import product_revocation_decide
from tests.factories.applications import Cast, draft_application
from tests.factories.cases import longjing
from workflows.applications import actions as application_actions
from workflows.products.flows import ProductRevocationFlow

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return Cast()


def in_review(cast):
    applicant, application = draft_application(regime=Regime.CNIPA_2023)
    application_actions.submit(actor=applicant, application=application)
    application_examine_preliminary(
        actor=cast.province_staff, application=application, outcome="accept", comment="材料齐全"
    )
    application_examine_formal(actor=cast.kjs_staff, application=application, outcome="accept")
    application_convene_review(
        actor=cast.kjs_staff, application=application, experts=cast.experts, chair=cast.experts[0]
    )
    return application


def test_the_staff_menu_links_the_case_files_and_only_experts_their_reviews(client, cast):
    client.force_login(cast.kjs_staff)
    page = client.get(reverse("my_work:list")).content.decode()
    for name in ("applications:list", "enforcement:list", "supervision:list", "reports:list"):
        assert f'href="{reverse(name)}"' in page, name
    assert reverse("applications:reviews") not in page
    client.force_login(cast.experts[0])
    page = client.get(reverse("my_work:list")).content.decode()
    assert f'href="{reverse("applications:reviews")}"' in page


def test_the_audit_trail_of_an_application_reads_in_words_not_codes(client, cast):
    application = in_review(cast)
    client.force_login(cast.kjs_staff)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    trail = page.split('id="history"', 1)[1]
    assert "application." not in trail and "preliminary_examination" not in trail
    assert "technical_review" not in trail and "<code>" not in trail
    for words in ("初审", "召集技术审查", "材料齐全"):
        assert words in trail, words


def test_an_expert_reads_on_their_review_who_acts_next(client, cast):
    application = in_review(cast)
    opinion = ExpertOpinion.objects.get(application=application, expert=cast.experts[1])
    client.force_login(cast.experts[1])
    page = client.get(reverse("applications:review_opinion", args=[opinion.pk])).content.decode()
    # The panel itself (the browser walk checks that it names the chair once the flow runs).
    assert '<section class="next-step' in page


def test_a_register_entry_links_staff_not_the_public_to_the_products_staff_page(client, cast):
    product = longjing()
    entry = reverse("register:product", args=[product.public_token])
    staff_page = reverse("applications:product", args=[product.pk])
    assert staff_page not in client.get(entry).content.decode()
    client.force_login(cast.kjs_staff)
    assert f'href="{staff_page}"' in client.get(entry).content.decode()


def test_a_revocation_announcement_names_its_product_not_an_application_sharing_its_key(client, cast):
    product = longjing()
    in_review(cast)  # an application whose key may equal the product's
    ProductRevocationFlow.start.run(actor=cast.kjs_staff, product=product, ground="not_used", reasons="长期未使用")
    revocation = ProductRevocation.objects.get(product=product)
    product_revocation_decide(actor=cast.kjs_lead, revocation=revocation, approve=True, comment="撤销")
    page = client.get(reverse("register:announcements")).content.decode()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, flags=re.S) if "撤销保护公告" in r)
    assert "西湖龙井" in row and "西湖藕粉" not in row
