"""Demo records of the promotion programme (issue 22): a city bureau's training activity and its
work plan, entered through the same actions as the pages. Created once."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.models import ProtectedProduct
from organizations.models import Department, Region
from promotion import actions
from promotion.models import PublicityActivity, WorkPlan

# A one-page PDF (the same as the casework's).
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed_promotion() -> list[str]:
    made: list[str] = []
    staff = get_user_model().objects.filter(username="hz_city_staff").first()
    bureau = Department.objects.filter(code="AMR-330100").first()
    if staff is None or bureau is None or PublicityActivity.objects.exists() or WorkPlan.objects.exists():
        return made
    today = timezone.localdate()
    longjing = ProtectedProduct.objects.filter(name="西湖龙井").first()
    actions.record_activity(
        actor=staff,
        bureau=bureau,
        name="地理标志专用标志使用培训班",
        kind="training",
        held_on=today - datetime.timedelta(days=20),
        region=Region.objects.get(code="330106"),
        products=[longjing] if longjing else [],
        description="面向西湖区用标企业，讲解专用标志使用与年度报告。",
    )
    actions.record_work_plan(
        actor=staff,
        bureau=bureau,
        title=f"杭州市{today.year}年地理标志保护工作方案",
        adopted_on=datetime.date(today.year, 1, 1) if today.month > 1 else today,
        covers_from=datetime.date(today.year, 1, 1),
        covers_to=datetime.date(today.year, 12, 31),
        document=SimpleUploadedFile("杭州市工作方案.pdf", DEMO_PDF, content_type="application/pdf"),
    )
    made.append("promotion records")
    return made
