from dataclasses import dataclass

from cases.models import EnforcementCase
from organizations.models import Department, Enterprise, Role
from workflows.enforcement.actions import open_case

from .cases import longjing
from .organizations import EnterpriseFactory, make_member

BUREAU = "AMR-330100"  # 杭州市市场监督管理局


@dataclass
class Bureau:
    lead: object
    inspectors: list
    reviewer: object
    legal_reviewer: object  # 法规司

    @property
    def department(self):
        return Department.objects.get(code=BUREAU)


def hangzhou_bureau(inspector_count: int = 3) -> Bureau:
    return Bureau(
        lead=make_member(BUREAU, Role.LEAD),
        inspectors=[make_member(BUREAU, Role.INSPECTOR) for _ in range(inspector_count)],
        reviewer=make_member(BUREAU, Role.STAFF),
        legal_reviewer=make_member("FGS", Role.STAFF),
    )


def received_case(actor=None, enterprise: Enterprise | None = None, **fields) -> EnforcementCase:
    enterprise = enterprise or EnterpriseFactory(name="杭州某茶叶商行")
    values = {
        "actor": actor,
        "source": EnforcementCase.Source.INSPECTION,
        "violation_type": "unauthorised_use",
        "bureau": Department.objects.get(code=BUREAU),
        "summary": "市场检查发现该商行销售的茶叶包装上印有西湖龙井地理标志专用标志，无法提供使用资格证明。",
        "products": [longjing()],
        "enterprises": [enterprise],
        "party_description": "杭州市西湖区龙井路88号",
        **fields,
    }
    return open_case(**values)
