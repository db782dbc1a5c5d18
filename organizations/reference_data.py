"""Reference data every installation has: GB/T 2260 regions, the national bodies, a bureau per region.

Takes the model classes as arguments so the data migration can pass its historical models.
"""

from .departments import NATIONAL_DEPARTMENTS, bureau_code, bureau_names
from .regions import english_name, iter_regions

BUREAU_KINDS = {1: "provincial", 2: "city", 3: "county"}


def load_regions_and_departments(Region, Department) -> None:
    rows = list(iter_regions())
    Region.objects.bulk_create(
        [
            Region(code=r.code, name=r.name, name_en=english_name(r.name), kind=r.kind, level=r.level, prefix=r.prefix)
            for r in rows
        ],
        batch_size=500,
    )
    regions = {region.code: region for region in Region.objects.all()}
    for r in rows:
        if r.parent_code:
            regions[r.code].parent = regions[r.parent_code]
    Region.objects.bulk_update([regions[r.code] for r in rows if r.parent_code], ["parent"], batch_size=500)

    Department.objects.bulk_create(
        [
            Department(code=code, kind=kind, name=name, name_en=name_en)
            for code, kind, name, name_en in NATIONAL_DEPARTMENTS
        ]
    )
    bureaus = []
    for r in rows:
        region = regions[r.code]
        # County bureaus carry their parent's name (杭州市西湖区…), as the bureaus are named.
        parent = regions[r.parent_code] if r.level == 3 and r.parent_code else None
        name, name_en = bureau_names(
            region.name, parent.name if parent else None, region.name_en, parent.name_en if parent else None
        )
        bureaus.append(
            Department(code=bureau_code(r.code), kind=BUREAU_KINDS[r.level], name=name, name_en=name_en, region=region)
        )
    Department.objects.bulk_create(bureaus, batch_size=500)
    departments = {d.code: d for d in Department.objects.filter(region__isnull=False)}
    for r in rows:
        if r.parent_code:
            departments[bureau_code(r.code)].parent = departments[bureau_code(r.parent_code)]
    Department.objects.bulk_update(
        [departments[bureau_code(r.code)] for r in rows if r.parent_code], ["parent"], batch_size=500
    )


def ensure_reference_data() -> bool:
    """Load the reference data if the tables are empty (after a test flush). True if it loaded."""
    from .models import Department, Region

    if Region.objects.exists():
        return False
    load_regions_and_departments(Region, Department)
    return True
