"""Generated cases for the load bench, on top of `manage.py seed_demo`; writes what locust needs.

Run by bench/bench_load.py in a Django process (DATABASE_URL set). Every case goes through the
services and flows the product uses, so tasks, deadlines and audit events are real.
"""

import json
import sys
from decimal import Decimal
from pathlib import Path


def seed(declarations: int, cases: int, output: Path) -> dict:
    from django.contrib.auth import get_user_model
    from viewflow.workflow.models import Task

    from cases.declarations.services import declaration_attach, declaration_create_draft
    from cases.models import ProtectedProduct
    from organizations.models import Department, Enterprise, Region
    from tests.factories.cases import pdf_file, png_file  # the same small valid files the tests upload
    from workflows.declarations.flows import DeclarationFlow
    from workflows.enforcement.actions import open_case

    users = get_user_model().objects
    producer = users.get(username="producer")
    product = ProtectedProduct.objects.get(name="西湖龙井")
    region = Region.objects.get(code="330106")
    declaration_ids = []
    for number in range(declarations):
        # An enterprise holds one active declaration per product: each declaration has its own
        # enterprise, all of them run by the demo producer's account.
        enterprise = _load_enterprise(producer, region, number)
        draft = declaration_create_draft(
            actor=producer,
            enterprise=enterprise,
            product=product,
            production_region=region,
            production_address=f"杭州市西湖区龙井路{number + 1}号",
            annual_output=Decimal("1000"),
            output_unit="kg",
            label_text="西湖龙井 地理标志保护产品",
        )
        for kind, uploaded in (
            ("business_licence", pdf_file()),
            ("inspection_report", pdf_file("report.pdf")),
            ("label_proof", png_file()),
        ):
            declaration_attach(actor=producer, declaration=draft, kind=kind, uploaded_file=uploaded)
        DeclarationFlow.start.run(actor=producer, declaration=draft, commitment_accepted=True)
        declaration_ids.append(draft.pk)
    tasks = list(
        Task.objects.filter(flow_task=DeclarationFlow.in_process_check, status="NEW").values_list("process_id", "pk")
    )
    bureau = Department.objects.get(code="AMR-330100")
    inspector = users.get(username="hz_city_staff")
    case_ids = []
    for number in range(cases):
        party = Enterprise.objects.filter(kind="producer").first()
        case = open_case(
            actor=inspector,
            source="inspection",
            violation_type="unauthorised_use",
            bureau=bureau,
            summary=f"压测线索{number + 1}：市场检查发现包装印有专用标志，无法提供使用资格证明。",
            products=[product],
            enterprises=[party],
            party_description="杭州市西湖区",
        )
        case_ids.append(case.pk)
    data = {
        "declarations": declaration_ids,
        "check_tasks": [[process, task] for process, task in tasks],
        "enforcement_cases": case_ids,
        "verification_tokens": list(
            product.declarations.exclude(status="draft").values_list("verification_token", flat=True)[:50]
        ),
    }
    output.write_text(json.dumps(data))
    return data


def _load_enterprise(producer, region, number: int):
    from organizations.credit_code import credit_code_check_character
    from organizations.models import Enterprise
    from organizations.services import enterprise_account_link, enterprise_register

    stem = f"91330106MA{number:07d}"
    credit_code = stem + credit_code_check_character(stem)
    enterprise = Enterprise.objects.filter(credit_code=credit_code).first() or enterprise_register(
        actor=None, name=f"压测茶业{number + 1}号有限公司", credit_code=credit_code, kind="producer", region=region
    )
    enterprise_account_link(actor=None, user=producer, enterprise=enterprise)
    return enterprise


if __name__ == "__main__":
    import django

    django.setup()
    seed(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
