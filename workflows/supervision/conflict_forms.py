"""The declaration of a conflict of interest (利益冲突申报, ADR 0046)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import ProtectedProduct
from organizations.credit_code import normalize_credit_code
from organizations.models import Enterprise, Membership, Role
from organizations.region_picker import RegionField


def members_led_by(user):
    """Active members of the bodies the user leads (empty for anyone else)."""
    led = Membership.objects.filter(user_id=user.pk, role=Role.LEAD, is_active=True).values("department_id")
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__department_id__in=led, memberships__is_active=True)
        .distinct()
    )


class ConflictForm(forms.Form):
    inspector = forms.ModelChoiceField(label=_("Who declares the conflict"), queryset=get_user_model().objects.none())
    enterprise = forms.CharField(
        label=_("Enterprise (unified social credit code)"),
        max_length=40,
        required=False,
        help_text=_("Leave empty when the conflict is with a product or a region."),
    )
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=ProtectedProduct.objects.order_by("name"), required=False
    )
    region = RegionField(label=_("Region (every enterprise in it)"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    valid_until = forms.DateField(
        label=_("Valid until (empty: until withdrawn)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["inspector"]
        field.queryset = get_user_model().objects.filter(Q(pk=user.pk) | Q(pk__in=members_led_by(user).values("pk")))
        field.initial = user.pk
        field.label_from_instance = lambda person: person.get_full_name() or person.get_username()
        if not field.queryset.exclude(pk=user.pk).exists():
            field.widget = forms.HiddenInput()  # an inspector declares for themself only

    def clean_enterprise(self) -> Enterprise | None:
        code = normalize_credit_code(self.cleaned_data["enterprise"] or "")
        if not code:
            return None
        enterprise = Enterprise.objects.filter(credit_code=code).first()
        if enterprise is None:
            raise forms.ValidationError(_("No enterprise has this credit code."))
        return enterprise

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("enterprise", "product", "region")) and not self.errors:
            raise forms.ValidationError(_("Name an enterprise, a product or a region."))
        return data
