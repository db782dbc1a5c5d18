from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Declaration, ProtectedProduct
from organizations.models import Department

from .selectors import declarations_of_bureau, products_of_bureau

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SERIAL_HELP = _("Optional. When given, the quantity is the size of the range.")


class _Record(forms.Form):
    bureau = forms.ModelChoiceField(label=_("Bureau"), queryset=Department.objects.none())
    quantity = forms.IntegerField(label=_("Quantity (pieces)"), min_value=1, max_value=2_000_000_000, required=False)
    serial_from = forms.IntegerField(
        label=_("First serial number"), min_value=0, max_value=10**15, required=False, help_text=SERIAL_HELP
    )
    serial_to = forms.IntegerField(label=_("Last serial number"), min_value=0, max_value=10**15, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, bureaus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = bureaus
        if bureaus.count() == 1:
            self.fields["bureau"].initial = bureaus.first()


class PrintingForm(_Record):
    product = forms.ModelChoiceField(label=_("GI product"), queryset=ProtectedProduct.objects.none())
    printed_on = forms.DateField(label=_("Printed on"), widget=DATE)
    printer = forms.CharField(label=_("Printing firm"), max_length=200, required=False)
    field_order = ["bureau", "product", "printed_on", "quantity", "serial_from", "serial_to", "printer", "note"]

    def __init__(self, *args, bureaus, **kwargs):
        super().__init__(*args, bureaus=bureaus, **kwargs)
        products = ProtectedProduct.objects.none()
        for bureau in bureaus:
            products = products | products_of_bureau(bureau)
        self.fields["product"].queryset = products.distinct().order_by("name")


class DeclarationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Declaration) -> str:
        return f"{obj.enterprise.name} · {obj.product.name} · {obj.reference}"


class IssueForm(_Record):
    declaration = DeclarationChoice(label=_("Authorised user (self-declaration)"), queryset=Declaration.objects.none())
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    field_order = ["bureau", "declaration", "issued_on", "quantity", "serial_from", "serial_to", "note"]

    def __init__(self, *args, bureaus, **kwargs):
        super().__init__(*args, bureaus=bureaus, **kwargs)
        declarations = Declaration.objects.none()
        for bureau in bureaus:
            declarations = declarations | declarations_of_bureau(bureau)
        self.fields["declaration"].queryset = declarations.distinct().select_related("enterprise", "product")


class UsageFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    product = forms.ModelChoiceField(
        label=_("GI product"), queryset=ProtectedProduct.objects.order_by("name"), required=False
    )


class BehindForm(forms.Form):
    """The address of one total: which product, city and year it adds up."""

    product = forms.IntegerField(min_value=1)
    region = forms.RegexField(regex=r"^\d{6}$")
    year = forms.IntegerField(min_value=2000, max_value=2100)
