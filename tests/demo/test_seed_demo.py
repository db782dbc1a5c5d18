import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from audit.models import AuditEvent
from audit.verification import verify_audit_chain
from cases.models import ProductCategory, ProtectedProduct
from demo.management.commands.seed_demo import PRODUCTS_FILE
from demo.personas import DEMO_PASSWORD, ENTERPRISES, STAFF
from organizations.credit_code import validate_credit_code
from organizations.models import Enterprise, Membership, Region
from organizations.selectors import persona_of

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return (
        get_user_model().objects.count(),
        Membership.objects.count(),
        Enterprise.objects.count(),
        ProtectedProduct.objects.count(),
        AuditEvent.objects.count(),
    )


def test_seed_demo_is_idempotent_and_keeps_the_chain_valid():
    seed()
    first = counts()
    output = seed()
    assert counts() == first
    assert "0 new products" in output
    assert verify_audit_chain().ok


def test_every_persona_exists_and_can_log_in():
    output = seed()
    User = get_user_model()
    for persona in STAFF:
        user = User.objects.get(username=persona.username)
        assert user.check_password(DEMO_PASSWORD)
        assert persona_of(user) == "staff"
        assert persona.username in output
    for persona in ENTERPRISES:
        user = User.objects.get(username=persona.username)
        assert persona_of(user) == "portal"
        validate_credit_code(user.enterprises.get().credit_code)
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"staff", "lead", "inspector", "expert", "statistics_officer"}
    assert Membership.objects.filter(department__code="EXPERTS", role="expert").count() >= 3
    assert DEMO_PASSWORD in output


def test_three_provinces_have_province_city_and_county_staff():
    seed()
    for province in ("33", "35", "23"):
        levels = set(
            Membership.objects.filter(department__region__code__startswith=province).values_list(
                "department__region__level", flat=True
            )
        )
        assert levels == {1, 2, 3}, province


def test_products_are_real_and_complete():
    seed()
    data = json.loads(PRODUCTS_FILE.read_text(encoding="utf-8"))
    assert len(data) >= 20
    assert ProtectedProduct.objects.count() == len(data)
    names = set(ProtectedProduct.objects.values_list("name", flat=True))
    assert {"西湖龙井", "库尔勒香梨", "安溪铁观音", "五常大米"} <= names
    assert any(name.startswith("绍兴") for name in names)
    for product in ProtectedProduct.objects.prefetch_related("protected_area").select_related("province"):
        assert product.category in ProductCategory.values
        assert product.province.level == Region.Level.PROVINCE
        area = list(product.protected_area.all())
        assert area and all(region.code.startswith(product.province.prefix) for region in area)
        assert product.name_pinyin
    longjing = ProtectedProduct.objects.get(name="西湖龙井")
    assert longjing.province.code == "330000"
    # "Protected since" is the approval announcement's date where the data has it, never the import day.
    dated = {item["name"]: item["announcement_date"] for item in data if item.get("announcement_date")}
    assert len(dated) >= 5
    for product in ProtectedProduct.objects.all():
        expected = dated.get(product.name)
        assert str(product.protected_since) == expected if expected else product.protected_since is None
        if product.protected_since:
            assert product.protected_since.year == product.announcement_year
    assert str(ProtectedProduct.objects.get(name="安溪铁观音").protected_since) == "2004-07-08"
    assert longjing.name_pinyin.startswith("xihulongjing")


def test_every_persona_finds_casework_in_their_queue():
    """The demo starts real processes: the province examines, the public can object, the county
    looks over a declaration and verifies a complaint."""
    from viewflow.workflow.models import Task

    from cases.models import Application, Declaration, EnforcementCase
    from workflows.registry import FLOW_VIEWSETS

    seed()
    flows = [viewset._flow_class for viewset in FLOW_VIEWSETS]
    User = get_user_model()
    for username in ("zj_province_staff", "xh_county_staff"):
        assert Task.objects.queue(flows, User.objects.get(username=username)).exists(), username
    assert set(Application.objects.values_list("status", flat=True)) == {"preliminary_examination", "objection_window"}
    assert Declaration.objects.get(enterprise__accounts__user__username="producer").status == "published"
    assert EnforcementCase.objects.count() == 1
    from deadlines.models import Deadline

    done = Deadline.objects.filter(task__status="DONE")
    assert done.exists() and not done.exclude(state=Deadline.State.MET).exists()  # finished steps met their clocks
    before = (Application.objects.count(), Declaration.objects.count(), EnforcementCase.objects.count())
    seed()
    assert (Application.objects.count(), Declaration.objects.count(), EnforcementCase.objects.count()) == before


def test_reset_wipes_the_casework_and_seeds_it_fresh():
    """A tester who played the journeys gets the demo's starting casework back; without --reset
    nothing already there is touched."""
    from cases.enforcement.services import case_verify
    from cases.models import Application, Declaration, EnforcementCase
    from workflows.enforcement.actions import open_case

    seed()
    first = set(EnforcementCase.objects.values_list("number", flat=True))
    case = EnforcementCase.objects.get()
    xh = get_user_model().objects.get(username="xh_county_staff")
    case_verify(actor=xh, case=case, findings="核实", proposal="file")  # played a step
    open_case(  # and opened a case of their own
        actor=xh,
        source="inspection",
        violation_type="outside_area",
        bureau=case.bureau,
        summary="巡查发现",
        party_description="某店",
    )
    longjing = ProtectedProduct.objects.get(name="西湖龙井")
    ProtectedProduct.objects.filter(pk=longjing.pk).update(status="revoked")  # as a revocation would leave it

    seed()  # idempotent: the played casework stays as it is
    assert EnforcementCase.objects.count() == 2
    assert EnforcementCase.objects.get(pk=case.pk).status == "filing_decision"

    out = StringIO()
    call_command("seed_demo", "--reset", stdout=out)
    assert "wiped" in out.getvalue()
    fresh = EnforcementCase.objects.get()
    assert fresh.status == "verifying" and fresh.pk != case.pk
    assert fresh.number not in first  # numbers are never reused
    assert set(Application.objects.values_list("status", flat=True)) == {"preliminary_examination", "objection_window"}
    assert Declaration.objects.get(enterprise__accounts__user__username="producer").status == "published"
    assert ProtectedProduct.objects.get(name="西湖龙井").status == "protected"
    assert get_user_model().objects.filter(username="xh_county_staff").exists()
    from viewflow.workflow.models import Process

    # Two applications, the declaration, the complaint, the two published brand evaluation rounds and
    # the rural project awaiting the 计财司.
    assert Process.objects.count() == 7
    assert verify_audit_chain().ok
