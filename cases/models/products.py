"""Protected GI products (地理标志保护产品): what the register lists and declarations refer to."""

import secrets

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from organizations.models import Region


class ProductCategory(models.TextChoices):
    TEA = "tea", _("tea")
    FRUIT = "fruit", _("fruit")
    GRAIN = "grain", _("grain")
    ALCOHOL = "alcohol", _("wine and spirits")
    MEAT_AQUATIC = "meat_aquatic", _("meat and aquatic products")
    VEGETABLE = "vegetable", _("vegetables")
    CONDIMENT = "condiment", _("condiments")
    MEDICINAL = "medicinal", _("medicinal materials")
    HANDICRAFT = "handicraft", _("handicrafts")
    OTHER_FOOD = "other_food", _("other foods")
    OTHER = "other", _("other")


def new_public_token() -> str:
    return secrets.token_urlsafe(16)


class ProtectedProduct(ConcurrentTransitionMixin, models.Model):
    class Status(models.TextChoices):
        PROTECTED = "protected", _("protected")
        REVOKED = "revoked", _("revoked")

    class Authority(models.TextChoices):
        CSBTS = "CSBTS", _("State Bureau of Quality and Technical Supervision")
        AQSIQ = "AQSIQ", _("General Administration of Quality Supervision (AQSIQ)")
        CNIPA = "CNIPA", _("China National Intellectual Property Administration (CNIPA)")

    name = models.CharField(_("product name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    name_pinyin = models.CharField(_("pinyin"), max_length=300, blank=True, db_index=True)
    category = models.CharField(_("category"), max_length=20, choices=ProductCategory.choices)
    province = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="protected_products",
        limit_choices_to={"level": Region.Level.PROVINCE},
        verbose_name=_("province"),
    )
    protected_area = models.ManyToManyField(Region, related_name="+", verbose_name=_("protected area"))
    announcement_number = models.CharField(_("approval announcement"), max_length=40, blank=True)
    announcement_year = models.PositiveSmallIntegerField(_("year of protection"), null=True, blank=True)
    # The date of the approval announcement, from which the name is protected: set by the approval
    # in Terroir, or taken from the published announcement for a product recorded from before it.
    # Empty when only the year is known; never the day the product was entered here.
    protected_since = models.DateField(_("protected since"), null=True, blank=True)
    authority = models.CharField(_("authority"), max_length=10, choices=Authority.choices, blank=True)
    standard = models.CharField(_("product standard"), max_length=100, blank=True)
    quality_summary = models.TextField(_("quality characteristics"), blank=True)
    status = FSMField(_("status"), default=Status.PROTECTED, choices=Status.choices, protected=True)
    public_token = models.CharField(max_length=32, unique=True, default=new_public_token, editable=False)

    class Meta:
        ordering = ["province__code", "name"]
        verbose_name = _("protected product")
        verbose_name_plural = _("protected products")
        indexes = [models.Index(fields=["status", "category"], name="product_status_category_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_protected(self) -> bool:
        """Protected now (a revocation may be proposed)."""
        return self.status == self.Status.PROTECTED

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @transition(field=status, source=Status.PROTECTED, target=Status.REVOKED)
    def revoke(self) -> None:
        """Protection ends; every authorisation to use the mark on the product ends with it."""
