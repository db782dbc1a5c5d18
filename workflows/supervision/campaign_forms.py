from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import ProtectedProduct
from organizations.models import Department, Region, Role
from organizations.region_picker import RegionsField


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Department.objects.none())
    regions = RegionsField(label=_("Regions in scope"), max_level=Region.Level.CITY)
    products = forms.ModelMultipleChoiceField(
        label=_("Products in scope (none: all)"),
        queryset=ProtectedProduct.objects.filter(status="protected").order_by("name"),
        required=False,
    )
    period_start = forms.DateField(
        label=_("Declarations published from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = forms.DateField(
        label=_("Declarations published until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sample_size = forms.IntegerField(label=_("Number of declarations to check"), min_value=1, required=False)
    sample_percent = forms.IntegerField(label=_("or share to check (%)"), min_value=1, max_value=100, required=False)
    inspectors = forms.ModelMultipleChoiceField(
        label=_("Eligible inspectors"), queryset=get_user_model().objects.none()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        led = Department.objects.filter(
            memberships__user=user,
            memberships__role=Role.LEAD,
            memberships__is_active=True,
            kind__in=[Department.Kind.PROVINCIAL_BUREAU, Department.Kind.NATIONAL],
        ).select_related("region")
        self.fields["organiser"].queryset = led
        in_scope = Q(region__isnull=True)  # national bodies
        for department in led:
            if department.region_id:
                in_scope |= Q(region__code__startswith=department.region.prefix)
        self.fields["inspectors"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__role=Role.INSPECTOR,
                memberships__is_active=True,
                memberships__department__in=Department.objects.filter(in_scope),
            )
            .distinct()
            .order_by("username")
        )
