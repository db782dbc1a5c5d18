"""Organisations: regions (GB/T 2260), departments and bureaus, memberships, enterprises."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .credit_code import normalize_credit_code, validate_credit_code


class Region(models.Model):
    """An administrative division, GB/T 2260 (330000 浙江省 ⊃ 330100 杭州市 ⊃ 330106 西湖区)."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("province")
        CITY = 2, _("prefecture")
        COUNTY = 3, _("county")

    code = models.CharField(_("division code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, help_text=_("省, 自治区, 地级市, 县, 市辖区 …"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    # Leading digits shared by this region and everything inside it: "33", "3301", "330106".
    prefix = models.CharField(max_length=6, db_index=True, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    def contains(self, other: "Region") -> bool:
        return other.code.startswith(self.prefix)


class Department(models.Model):
    """A body that works on cases: a national department, a regional bureau, the expert committee."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("national department")
        PROVINCIAL_BUREAU = "provincial", _("provincial bureau")
        CITY_BUREAU = "city", _("city bureau")
        COUNTY_BUREAU = "county", _("county bureau")
        EXPERT_COMMITTEE = "experts", _("expert committee")
        EXTERNAL = "external", _("external partner")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="departments",
        verbose_name=_("region"),
        help_text=_("Empty for national bodies, whose jurisdiction is the whole country."),
    )
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        permissions = [
            ("work_as_staff", _("Do the department's tasks")),
            ("work_as_lead", _("Approve the department's stage transitions")),
            ("work_as_inspector", _("Inspect and investigate for the department")),
            ("work_as_expert", _("Review as an expert of the department")),
            ("work_as_statistics_officer", _("Report the department's statistics")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind"],
                condition=models.Q(region__isnull=False),
                name="one_bureau_per_region",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def is_national(self) -> bool:
        return self.region_id is None


class Role(models.TextChoices):
    STAFF = "staff", _("staff")
    LEAD = "lead", _("lead")
    INSPECTOR = "inspector", _("inspector")
    EXPERT = "expert", _("expert")
    STATISTICS_OFFICER = "statistics_officer", _("statistics officer")


# The guardian permission on the Department object that each role grants.
ROLE_PERMISSIONS = {
    Role.STAFF: "work_as_staff",
    Role.LEAD: "work_as_lead",
    Role.INSPECTOR: "work_as_inspector",
    Role.EXPERT: "work_as_expert",
    Role.STATISTICS_OFFICER: "work_as_statistics_officer",
}


class Membership(models.Model):
    """A user's role in a department; a user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="memberships", verbose_name=_("user")
    )
    department = models.ForeignKey(Department, models.PROTECT, related_name="memberships", verbose_name=_("department"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "department", "role"], name="unique_membership_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.department} · {self.get_role_display()}"


class Enterprise(models.Model):
    """A producer or an applicant body, identified by its unified social credit code."""

    class Kind(models.TextChoices):
        PRODUCER = "producer", _("producer")
        APPLICANT_BODY = "applicant", _("applicant body")

    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 characters, GB 32100-2015 (统一社会信用代码)."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(Region, models.PROTECT, related_name="enterprises", verbose_name=_("region"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="EnterpriseAccount",
        related_name="enterprises",
        verbose_name=_("accounts"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = normalize_credit_code(self.credit_code)
        super().save(*args, **kwargs)


class EnterpriseAccount(models.Model):
    """A user who acts for an enterprise (declares, applies, replies)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="enterprise_accounts")
    enterprise = models.ForeignKey(Enterprise, models.PROTECT, related_name="accounts")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("enterprise account")
        verbose_name_plural = _("enterprise accounts")
        constraints = [models.UniqueConstraint(fields=["user", "enterprise"], name="unique_enterprise_account")]

    def __str__(self) -> str:
        return f"{self.user} · {self.enterprise}"
