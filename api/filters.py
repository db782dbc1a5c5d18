"""Query parameters of the lists. django-filter validates them and documents them in the schema;
the searching itself is the selectors' (the pages search the same way)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from cases.declarations.selectors import authorised_users_public
from cases.models import Application, Declaration, EnforcementCase, ProductCategory, ProtectedProduct
from cases.products.selectors import products_public
from notifications.models import Notification
from organizations.models import Region


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^[1-9][0-9]0000$",
        "minLength": 6,
        "maxLength": 6,
        "example": "330000",
        "description": "GB/T 2260 code of a province: six digits ending in 0000 (330000 for Zhejiang). "
        "Any other value, or a code no province has, is refused with 400.",
    }
)
class ProvinceFilter(django_filters.ModelChoiceFilter):
    """A province by its six-digit code, as the register's pages take it: a code that is not a
    province's is a 400 that says so, never a filter quietly matching nothing (ADR 0042)."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Province (GB/T 2260 code)"),
            queryset=Region.objects.filter(level=Region.Level.PROVINCE),
            to_field_name="code",
            error_messages={
                "invalid_choice": _(
                    "No province has the code “%(value)s”: give the six-digit GB/T 2260 code of a province, "
                    "such as 330000."
                )
            },
            **kwargs,
        )


def _code(region: Region | None) -> str:
    return region.code if region is not None else ""


class SelectorFilterSet(django_filters.FilterSet):
    """Hands the validated parameters to a selector instead of filtering field by field."""

    def selector_arguments(self) -> dict:
        raise NotImplementedError

    def filter_queryset(self, queryset):
        return self.selector(**self.selector_arguments())


class ProductFilter(SelectorFilterSet):
    q = django_filters.CharFilter(label=_("Name or pinyin"), max_length=50)
    province = ProvinceFilter()
    category = django_filters.ChoiceFilter(label=_("Category"), choices=ProductCategory.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProtectedProduct.Status.choices)

    class Meta:
        model = ProtectedProduct
        fields = ["q", "province", "category", "status"]

    @staticmethod
    def selector(**arguments):
        return products_public(**arguments)

    def selector_arguments(self) -> dict:
        data = self.form.cleaned_data
        return {
            "query": data.get("q") or "",
            "province_code": _code(data.get("province")),
            "category": data.get("category") or "",
            "status": data.get("status") or "",
        }


class AuthorisedUserFilter(SelectorFilterSet):
    q = django_filters.CharFilter(label=_("Enterprise name or credit code"), max_length=100)
    product = django_filters.CharFilter(label=_("GI product"), max_length=50)
    province = ProvinceFilter()

    class Meta:
        model = Declaration
        fields = ["q", "product", "province"]

    @staticmethod
    def selector(**arguments):
        return authorised_users_public(**arguments)

    def selector_arguments(self) -> dict:
        data = self.form.cleaned_data
        return {
            "query": data.get("q") or "",
            "product_query": data.get("product") or "",
            "province_code": _code(data.get("province")),
        }


class DeclarationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Declaration.Status.choices)

    class Meta:
        model = Declaration
        fields = ["status"]


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Application.Status.choices)

    class Meta:
        model = Application
        fields = ["status"]


class EnforcementCaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=EnforcementCase.Status.choices)

    class Meta:
        model = EnforcementCase
        fields = ["status"]


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label=_("Only unread"))

    class Meta:
        model = Notification
        fields = ["unread"]
