"""The demo's people: one per persona of docs/domain.md §1, in three provinces."""

from dataclasses import dataclass

from organizations.models import Role

DEMO_PASSWORD = "terroir-demo-2026"  # noqa: S105 (printed demo password, never used in production)


@dataclass(frozen=True)
class StaffPersona:
    username: str
    full_name: str
    department_code: str
    roles: tuple[Role, ...]
    description: str


@dataclass(frozen=True)
class EnterprisePersona:
    username: str
    full_name: str
    enterprise_name: str
    kind: str
    region_code: str
    # The first 17 characters; the check character is computed (GB 32100-2015).
    credit_code_stem: str
    description: str


STAFF = [
    StaffPersona("admin_kjs", "王立新", "KJS", (Role.LEAD,), "科技司 lead (approves announcements)"),
    StaffPersona("kjs_staff", "李晓明", "KJS", (Role.STAFF,), "科技司 staff (formal examination)"),
    StaffPersona("fgs_staff", "赵敏", "FGS", (Role.STAFF,), "法规司 staff (objections, legal review)"),
    StaffPersona("fgs_lead", "钱宏", "FGS", (Role.LEAD,), "法规司 lead"),
    StaffPersona("zfs_inspector1", "孙强", "ZFS", (Role.INSPECTOR, Role.STAFF), "执法司 inspector"),
    StaffPersona("zfs_inspector2", "周静", "ZFS", (Role.INSPECTOR, Role.STAFF), "执法司 inspector"),
    StaffPersona("zfs_lead", "吴刚", "ZFS", (Role.LEAD,), "执法司 lead"),
    StaffPersona("expert1", "郑秀兰", "EXPERTS", (Role.EXPERT,), "expert (technical review)"),
    StaffPersona("expert2", "冯建国", "EXPERTS", (Role.EXPERT,), "expert (technical review)"),
    StaffPersona("expert3", "陈雅琴", "EXPERTS", (Role.EXPERT,), "expert (technical review)"),
    StaffPersona("expert4", "潘志刚", "EXPERTS", (Role.EXPERT,), "expert (technical review)"),
    StaffPersona("expert5", "董文华", "EXPERTS", (Role.EXPERT,), "expert (technical review)"),
    # 浙江省 ⊃ 杭州市 ⊃ 西湖区
    StaffPersona("zj_province_staff", "褚文", "AMR-330000", (Role.STAFF, Role.INSPECTOR), "浙江省 staff"),
    StaffPersona("zj_province_lead", "卫东", "AMR-330000", (Role.LEAD,), "浙江省 lead"),
    StaffPersona("zj_stats", "蒋丽", "AMR-330000", (Role.STATISTICS_OFFICER,), "浙江省 statistics officer"),
    StaffPersona("hz_city_staff", "沈涛", "AMR-330100", (Role.STAFF, Role.INSPECTOR), "杭州市 staff"),
    StaffPersona("hz_city_lead", "韩梅", "AMR-330100", (Role.LEAD,), "杭州市 lead"),
    StaffPersona("xh_county_staff", "杨帆", "AMR-330106", (Role.STAFF, Role.INSPECTOR), "西湖区 inspector"),
    StaffPersona("xh_county_inspector", "徐明", "AMR-330106", (Role.STAFF, Role.INSPECTOR), "西湖区 inspector"),
    StaffPersona("xh_county_reviewer", "吕娜", "AMR-330106", (Role.STAFF,), "西湖区 case reviewer (not an inspector)"),
    StaffPersona("xh_county_lead", "朱红", "AMR-330106", (Role.LEAD,), "西湖区 lead"),
    # 福建省 ⊃ 泉州市 ⊃ 安溪县
    StaffPersona("fj_province_staff", "林志远", "AMR-350000", (Role.STAFF, Role.INSPECTOR), "福建省 staff"),
    StaffPersona("fj_province_lead", "黄海", "AMR-350000", (Role.LEAD,), "福建省 lead"),
    StaffPersona("fj_stats", "方晓燕", "AMR-350000", (Role.STATISTICS_OFFICER,), "福建省 statistics officer"),
    StaffPersona("qz_city_staff", "陈文", "AMR-350500", (Role.STAFF,), "泉州市 staff"),
    StaffPersona("ax_county_staff", "苏婷", "AMR-350524", (Role.STAFF, Role.INSPECTOR), "安溪县 inspector"),
    StaffPersona("ax_county_inspector", "曾建华", "AMR-350524", (Role.STAFF, Role.INSPECTOR), "安溪县 inspector"),
    StaffPersona(
        "ax_county_reviewer", "王丽娟", "AMR-350524", (Role.STAFF,), "安溪县 case reviewer (not an inspector)"
    ),
    StaffPersona("ax_county_lead", "郭志强", "AMR-350524", (Role.LEAD,), "安溪县 lead"),
    # 黑龙江省 ⊃ 哈尔滨市 ⊃ 五常市
    StaffPersona("hlj_province_staff", "刘洋", "AMR-230000", (Role.STAFF, Role.INSPECTOR), "黑龙江省 staff"),
    StaffPersona("hlj_province_lead", "高峰", "AMR-230000", (Role.LEAD,), "黑龙江省 lead"),
    StaffPersona("hlj_stats", "邹丽华", "AMR-230000", (Role.STATISTICS_OFFICER,), "黑龙江省 statistics officer"),
    StaffPersona("hrb_city_staff", "何静", "AMR-230100", (Role.STAFF,), "哈尔滨市 staff"),
    StaffPersona("wc_county_staff", "马超", "AMR-230184", (Role.STAFF, Role.INSPECTOR), "五常市 inspector"),
    StaffPersona("wc_county_inspector", "孟凡宇", "AMR-230184", (Role.STAFF, Role.INSPECTOR), "五常市 inspector"),
    StaffPersona("wc_county_reviewer", "宋雨", "AMR-230184", (Role.STAFF,), "五常市 case reviewer (not an inspector)"),
    StaffPersona("wc_county_lead", "于洪涛", "AMR-230184", (Role.LEAD,), "五常市 lead"),
    # 国际司: the EU–China agreement lists (docs/adr/0052).
    StaffPersona("gjs_staff", "邓佳", "GJS", (Role.STAFF,), "国际司 staff (EU–China agreement lists)"),
    StaffPersona("gjs_lead", "罗振华", "GJS", (Role.LEAD,), "国际司 lead"),
    # 信息中心: runs the national GI site, reviews (staff) and publishes (lead) the provinces' pages.
    StaffPersona("xxzx_staff", "温雅婷", "XXZX", (Role.STAFF,), "信息中心 staff (reviews national site pages)"),
    StaffPersona("xxzx_lead", "严志华", "XXZX", (Role.LEAD,), "信息中心 lead (publishes national site pages)"),
    # Brand evaluation (docs/adr/0051): the 质量司 organises, the 中国品牌建设促进会 evaluates, the
    # 信息中心 publishes on the register.
    StaffPersona("zls_staff", "韦嘉欣", "ZLS", (Role.STAFF,), "质量司 staff (brand evaluation rounds)"),
    StaffPersona("zls_lead", "彭远", "ZLS", (Role.LEAD,), "质量司 lead (approves each stage of a round)"),
    StaffPersona("ppb_staff", "任晓峰", "PPB", (Role.STAFF,), "中国品牌建设促进会 evaluator (scores and values)"),
    # 计财司: rural revitalisation projects (evaluation, publication, final reports)
    StaffPersona("jcs_staff", "唐文静", "JCS", (Role.STAFF,), "计财司 staff (evaluates projects, final reports)"),
    StaffPersona("jcs_lead", "彭建国", "JCS", (Role.LEAD,), "计财司 lead (publishes projects)"),
]

ENTERPRISES = [
    EnterprisePersona(
        "applicant",
        "方琳",
        "杭州市西湖区龙井茶产业协会",
        "applicant",
        "330106",
        "51330106MJ8K2P7Q1",
        "applicant body (product protection applications)",
    ),
    EnterprisePersona(
        "producer",
        "俞杰",
        "杭州西湖龙井茶业有限公司",
        "producer",
        "330106",
        "91330106MA2H3K4L5",
        "producer (self-declarations), 杭州市西湖区",
    ),
    EnterprisePersona(
        "producer_fj",
        "谢明",
        "安溪铁观音茶业有限公司",
        "producer",
        "350524",
        "91350524MA3C7D8E9",
        "producer, 福建省安溪县",
    ),
]
