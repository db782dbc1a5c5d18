"""Every public page and public API answer, rendered over realistic casework, shows nothing
internal: no inspector, no complainant, no draft, no internal comment."""

import pytest
from django.utils import translation

from cases.declarations.services import declaration_check_in_process, declaration_submit, declaration_withdraw
from cases.models import EnforcementCase
from organizations.models import Department, Region, Role
from tests.factories import EnterpriseFactory, make_member
from tests.factories.cases import draft_declaration, longjing, producer_with_enterprise
from tests.factories.supervision import draw_and_open, provincial_campaign
from workflows.enforcement.actions import open_case

pytestmark = pytest.mark.django_db

INSPECTOR_NAME = "检查员隐名甲"
COMPLAINANT_NAME = "举报人隐名乙"
COMPLAINANT_CONTACT = "13900001234"
DRAFT_ENTERPRISE = "尚未声明草稿茶业有限公司"
INTERNAL_COMMENT = "内部意见：标签字体偏小待核"
WITHDRAWAL_REASON = "内部停产原因丙"
SECRETS = [INSPECTOR_NAME, COMPLAINANT_NAME, COMPLAINANT_CONTACT, DRAFT_ENTERPRISE, INTERNAL_COMMENT, WITHDRAWAL_REASON]


@pytest.fixture
def casework():
    """Published, corrected, withdrawn and draft declarations; a drawn supervision campaign;
    a complaint with the complainant's identity; an internal comment on a check."""
    product = longjing()
    published = []
    for _ in range(3):
        producer, declaration = draft_declaration(product=product)
        published.append(declaration_submit(actor=producer, declaration=declaration, commitment_accepted=True))
    staff = make_member("AMR-330106", Role.STAFF)
    declaration_check_in_process(actor=staff, declaration=published[0], outcome="correction", comment=INTERNAL_COMMENT)
    declaration_withdraw(actor=published[1].created_by, declaration=published[1], reason=WITHDRAWAL_REASON)
    user, enterprise = producer_with_enterprise()
    enterprise.name = DRAFT_ENTERPRISE
    enterprise.save()
    _user, draft = draft_declaration(user=user, enterprise=enterprise, product=product)
    lead, inspectors, campaign = provincial_campaign(sample_size=2)
    for inspector in inspectors:
        inspector.full_name = INSPECTOR_NAME
        inspector.save()
    draw_and_open(actor=lead, campaign=campaign, seed="leak-test")
    open_case(
        actor=None,
        source=EnforcementCase.Source.COMPLAINT,
        violation_type="unauthorised_use",
        bureau=Department.objects.get(code="AMR-330100"),
        summary="网店销售假冒西湖龙井",
        products=[product],
        party_description="某网店",
        complainant_name=COMPLAINANT_NAME,
        complainant_contact=COMPLAINANT_CONTACT,
        evidence=[],
    )
    EnterpriseFactory(region=Region.objects.get(code="330106"))
    return {"product": product, "published": published, "draft": draft}


def public_urls(casework) -> list[str]:
    product, published, draft = casework["product"], casework["published"], casework["draft"]
    urls = [
        "/",
        "/?q=xhlj",
        f"/products/{product.public_token}/",
        "/authorised-users/",
        "/revocations/",
        "/supervision-results/",
        "/announcements/",
        "/report/",
        f"/verify/{draft.verification_token}/",
        "/api/register/products/",
        f"/api/register/products/{product.public_token}/",
        "/api/register/authorised-users/",
        "/api/register/announcements/",
        f"/api/register/verify/{draft.verification_token}/",
    ]
    for declaration in published:
        urls += [
            f"/verify/{declaration.verification_token}/",
            f"/api/register/verify/{declaration.verification_token}/",
        ]
    return urls


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_no_public_page_shows_anything_internal(client, casework, language):
    client.cookies["terroir_language"] = language
    pages_seen = 0
    for url in public_urls(casework):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.content.decode()
        leaked = [secret for secret in SECRETS if secret in body]
        assert leaked == [], f"{url} shows {leaked}"
        pages_seen += response.status_code == 200
    # The pages did render the casework (so the absence above means something).
    assert pages_seen >= len(public_urls(casework)) - 2
    authorised = client.get("/authorised-users/").content.decode()
    assert casework["published"][0].enterprise.name in authorised
    assert casework["published"][2].enterprise.name in authorised


def test_the_product_page_shows_its_area_history_and_users_in_both_languages(client, casework):
    product = casework["product"]
    for language in ("zh-hans", "en"):
        client.cookies["terroir_language"] = language
        body = client.get(f"/products/{product.public_token}/").content.decode()
        with translation.override(language):
            heading = translation.gettext("Authorised users of the mark")
        assert heading in body and "330106" in body and product.announcement_number in body
        assert casework["published"][2].enterprise.credit_code in body
        assert casework["published"][1].enterprise.credit_code not in body  # withdrawn


def test_product_search_by_status(client, casework):
    assert client.get("/", {"status": "revoked"}).context["page"].paginator.count == 0
    assert client.get("/", {"status": "protected"}).context["page"].paginator.count == 1
