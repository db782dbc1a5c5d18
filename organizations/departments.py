"""The national bodies (docs/domain.md §1) and the naming of regional bureaus."""

from .models import Department

NATIONAL_DEPARTMENTS = [
    # code, kind, Chinese name, English name
    ("KJS", Department.Kind.NATIONAL, "科技司", "Department of Science and Technology"),
    ("FGS", Department.Kind.NATIONAL, "法规司", "Department of Legal Affairs"),
    ("ZFS", Department.Kind.NATIONAL, "执法司", "Enforcement Department"),
    ("JCS", Department.Kind.NATIONAL, "计财司", "Department of Planning and Finance"),
    ("BZW", Department.Kind.NATIONAL, "标准委", "Standards Administration"),
    ("ZLS", Department.Kind.NATIONAL, "质量司", "Quality Department"),
    ("GJS", Department.Kind.NATIONAL, "国际司", "International Department"),
    ("XXZX", Department.Kind.NATIONAL, "信息中心", "Information Centre"),
    ("EXPERTS", Department.Kind.EXPERT_COMMITTEE, "专家审查委员会", "Expert Review Committee"),
    ("PPB", Department.Kind.EXTERNAL, "中国品牌建设促进会", "China Brand Construction Promotion Association"),
]


def bureau_code(region_code: str) -> str:
    return f"AMR-{region_code}"


def bureau_names(region_name: str, parent_name: str | None, region_name_en: str, parent_name_en: str | None):
    """杭州市西湖区市场监督管理局: a county bureau is named with its city, as the bureaus are."""
    full = f"{parent_name or ''}{region_name}" if parent_name else region_name
    full_en = f"{region_name_en}, {parent_name_en}" if parent_name_en else region_name_en
    return f"{full}市场监督管理局", f"{full_en} Administration for Market Regulation"
