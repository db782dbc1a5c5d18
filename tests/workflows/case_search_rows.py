"""Cases of every kind for the 案件 search tests, written as rows (the search only reads them):
one of each kind per call, in a province, named by a serial so that each test can tell them apart.

`Casework.of_every_kind` makes an application with an objection, a published declaration with a
supervision check, an enforcement case and a revocation; `with_processes` gives each flow's kind
an open process, as the flows would.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from viewflow.workflow.status import PROCESS

from cases.models import (
    Application,
    Declaration,
    EnforcementCase,
    Objection,
    ProductRevocation,
    ProtectedProduct,
    SupervisionCampaign,
    SupervisionCheck,
)
from organizations.models import Department, Region
from tests.factories import EnterpriseFactory, UserFactory, valid_credit_code
from workflows.applications.flows import ApplicationFlow
from workflows.declarations.flows import DeclarationFlow
from workflows.enforcement.flows import EnforcementCaseFlow
from workflows.products.flows import ProductRevocationFlow
from workflows.supervision.flows import SupervisionCheckFlow

# (province, county, bureau code of the county) of the two provinces the tests use.
ZHEJIANG = ("330000", "330106", "AMR-330106")
FUJIAN = ("350000", "350524", "AMR-350524")
START = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))
# What an application says of its product: the search reads none of it.
APPLICATION_TEXTS = (
    "quality_characteristics",
    "area_link",
    "production_specification",
    "reputation_history",
    "proposed_standard",
)


@dataclass
class Casework:
    application: Application
    objection: Objection
    declaration: Declaration
    check: SupervisionCheck
    enforcement: EnforcementCase
    revocation: ProductRevocation

    def all(self) -> list:
        return [self.application, self.objection, self.declaration, self.check, self.enforcement, self.revocation]

    @classmethod
    def of_every_kind(
        cls, serial: int, where=ZHEJIANG, *, party: str = "", product: str = "", at: datetime.datetime | None = None
    ) -> "Casework":
        province_code, county_code, bureau_code = where
        province, county = Region.objects.get(code=province_code), Region.objects.get(code=county_code)
        at = at or START + datetime.timedelta(hours=serial)
        user = UserFactory()
        enterprise = EnterpriseFactory(
            name=party or f"测试茶业有限公司{serial:04d}",
            credit_code=valid_credit_code(700_000 + serial, county_code),
            region=county,
        )
        protected = ProtectedProduct.objects.create(
            name=product or f"测试产品{serial:04d}", category="tea", province=province, name_pinyin=""
        )
        application = Application.objects.create(
            reference=f"DB-{province_code}-2026-{serial:04d}",
            applicant=enterprise,
            product_name=f"{protected.name}申请",
            category="tea",
            province=province,
            status=Application.Status.OBJECTION_WINDOW,
            **dict.fromkeys(APPLICATION_TEXTS, "—"),
            product=None,
            amends=protected,
            created_by=user,
        )
        objection = Objection.objects.create(
            application=application,
            reference=f"{application.reference}-YY01",
            objector_name=f"异议人{serial:04d}",
            objector_id_code=valid_credit_code(800_000 + serial, county_code),
            contact="0571-00000000",
            grounds="—",
        )
        declaration = Declaration.objects.create(
            reference=f"SB-{county_code}-2026-{serial:05d}",
            enterprise=enterprise,
            product=protected,
            production_region=county,
            production_address="—",
            annual_output=1,
            label_text="—",
            status=Declaration.Status.PUBLISHED,
            created_by=user,
            declared_at=at,
        )
        campaign = SupervisionCampaign.objects.create(
            reference=f"CC-AMR-{province_code}-2026-{serial:03d}",
            title="—",
            organiser=Department.objects.get(code=f"AMR-{province_code}"),
            period_start=at.date(),
            period_end=at.date(),
            status=SupervisionCampaign.Status.DRAWN,
            drawn_at=at,
            created_by=user,
        )
        check = SupervisionCheck.objects.create(
            campaign=campaign,
            declaration=declaration,
            inspector_a=user,
            inspector_b=UserFactory(),
            draw_position=1,
            opened_at=at,
        )
        enforcement = EnforcementCase.objects.create(
            number=f"地标执法〔2026〕{county_code}-{serial:04d}号",
            source=EnforcementCase.Source.COMPLAINT,
            violation_type="outside_area",
            bureau=Department.objects.get(code=bureau_code),
            region=county,
            party_description=f"某茶叶零售店{serial:04d}",
            summary="—",
        )
        enforcement.enterprises.add(enterprise)
        enforcement.products.add(protected)
        revocation = ProductRevocation.objects.create(
            product=protected, reference=f"CX-2026-{serial:04d}", ground="not_used", reasons="—", proposed_by=user
        )
        # auto_now_add set these to the real now: put every case at the test's moment.
        Application.objects.filter(pk=application.pk).update(created_at=at)
        Objection.objects.filter(pk=objection.pk).update(received_at=at)
        EnforcementCase.objects.filter(pk=enforcement.pk).update(created_at=at)
        ProductRevocation.objects.filter(pk=revocation.pk).update(proposed_at=at)
        return cls(application, objection, declaration, check, enforcement, revocation)

    def with_processes(self, status: str = PROCESS.NEW) -> "Casework":
        for flow_class, case in (
            (ApplicationFlow, self.application),
            (DeclarationFlow, self.declaration),
            (SupervisionCheckFlow, self.check),
            (EnforcementCaseFlow, self.enforcement),
            (ProductRevocationFlow, self.revocation),
        ):
            flow_class.process_class.objects.create(flow_class=flow_class, artifact=case, status=status)
        return self
