"""Products protected before Terroir, entered in the register from the published announcements."""

import datetime

from django.db import transaction

from accounts.types import Actor
from audit.services import audit_record
from organizations.models import Region

from ...common.pinyin import pinyin_search_key
from ...models import ProtectedProduct
from ..choices import ProductAction


@transaction.atomic
def product_import_protected(
    *,
    actor: Actor,
    name: str,
    category: str,
    province: Region,
    area: list[Region],
    name_en: str = "",
    announcement_number: str = "",
    announcement_year: int | None = None,
    protected_since: datetime.date | None = None,
    authority: str = "",
    standard: str = "",
    quality_summary: str = "",
) -> tuple[ProtectedProduct, bool]:
    """Record a product protected before Terroir (from the published announcements).

    Idempotent by name: an existing product is updated, and only a new one is audited.
    protected_since is the approval announcement's date where the source gives it, else empty: the
    register then shows the year of protection, never the day of the import.
    """
    if protected_since is not None and announcement_year and protected_since.year != announcement_year:
        raise ValueError(f"{name}: announced on {protected_since}, not in {announcement_year}")
    if province.level != Region.Level.PROVINCE:
        raise ValueError(f"{province} is not a province")
    outside = [region.code for region in area if not region.code.startswith(province.prefix)]
    if outside:
        raise ValueError(f"protected area regions outside {province.name}: {', '.join(outside)}")
    product, created = ProtectedProduct.objects.select_for_update().update_or_create(
        name=name,
        defaults={
            "name_en": name_en,
            "name_pinyin": pinyin_search_key(name),
            "category": category,
            "province": province,
            "announcement_number": announcement_number or "",
            "announcement_year": announcement_year,
            "protected_since": protected_since,
            "authority": authority or "",
            "standard": standard or "",
            "quality_summary": quality_summary or "",
        },
    )
    product.protected_area.set(area)
    if created:
        audit_record(
            actor=actor,
            action=ProductAction.IMPORT,
            target=product,
            to_state=product.status,
            data={
                "announcement": product.announcement_number,
                "protected_since": protected_since,
                "area": [r.code for r in area],
            },
        )
    return product, created
