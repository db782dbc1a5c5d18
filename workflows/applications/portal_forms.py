from django import forms
from django.utils.translation import gettext_lazy as _

from cases.applications.choices import CONTENT_FIELDS
from cases.common.staging import KeepsChosenFiles
from cases.models import ApplicationAttachment, ProductCategory, ProtectedProduct, Purpose, Regime
from cases.uploads import EvidenceFileField
from organizations.models import Enterprise, Region
from organizations.region_picker import RegionsField


def _text(label, rows=4, max_length=8000):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), max_length=max_length)


class ApplicationForm(KeepsChosenFiles, forms.Form):
    applicant = forms.ModelChoiceField(label=_("Applicant body"), queryset=Enterprise.objects.none())
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices, initial=Purpose.PROTECTION)
    amends = forms.ModelChoiceField(
        label=_("Protected product to amend"),
        queryset=ProtectedProduct.objects.filter(status=ProtectedProduct.Status.PROTECTED).order_by("name"),
        required=False,
        help_text=_("Only for an amendment."),
    )
    regime = forms.ChoiceField(label=_("Procedure"), choices=Regime.choices, initial=Regime.CNIPA_2023)
    product_name = forms.CharField(label=_("Product name"), max_length=100)
    category = forms.ChoiceField(label=_("Category"), choices=ProductCategory.choices)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Region.objects.filter(level=Region.Level.PROVINCE).order_by("code"),
        to_field_name="code",
    )
    proposed_area = RegionsField(
        label=_("Proposed protected area"),
        help_text=_("Add each county, city or province the area covers."),
    )
    quality_characteristics = _text(_("Quality characteristics"))
    area_link = _text(_("Link between quality and the area (natural and human factors)"))
    production_specification = _text(_("Production specification"))
    reputation_history = _text(_("Reputation and history"))
    proposed_standard = forms.CharField(label=_("Proposed product standard"), max_length=200)
    area_map = EvidenceFileField(label=_("Map of the proposed area (PDF, JPEG or PNG, ≤ 10 MB)"))
    government_letter = EvidenceFileField(label=_("Government letter (PDF, JPEG or PNG, ≤ 10 MB)"))
    evidence = EvidenceFileField(label=_("Evidence of reputation and history (optional)"), required=False)

    def __init__(self, *args, applicants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].queryset = applicants
        if applicants.count() == 1:
            applicant = applicants.first()
            self.fields["applicant"].initial = applicant
            province = applicant.region.code[:2] + "0000"
            self.fields["province"].initial = province
            self.fields["proposed_area"].initial = [applicant.region.code]

    def reopen(self, application) -> None:
        """The form edits a draft: its values are the starting point, the applicant stays, and the
        documents already attached stay unless a new one is chosen."""
        self.fields["applicant"].disabled = True
        self.initial.update(
            {
                "applicant": application.applicant_id,
                "purpose": application.purpose,
                "amends": application.amends_id,
                "province": application.province.code,
                "proposed_area": [region.code for region in application.proposed_area.order_by("code")],
                **{field: getattr(application, field) for field in CONTENT_FIELDS},
            }
        )
        attached: dict[str, list[str]] = {}
        for attachment in application.attachments.order_by("pk"):
            attached.setdefault(attachment.kind, []).append(attachment.original_name)
        for field, kind in self.KINDS.items():
            self.fields[field].required = False
            names = attached.get(kind)
            if names:
                hint = _("Attached: %(names)s. Choose a file only to replace it.")
                if kind == ApplicationAttachment.Kind.EVIDENCE:
                    hint = _("Attached: %(names)s. A file chosen here is added.")
                self.fields[field].help_text = hint % {"names": "、".join(names)}

    def clean_proposed_area(self) -> list[Region]:
        return list(self.cleaned_data["proposed_area"])

    KINDS = {
        "area_map": ApplicationAttachment.Kind.AREA_MAP,
        "government_letter": ApplicationAttachment.Kind.GOVERNMENT_LETTER,
        "evidence": ApplicationAttachment.Kind.EVIDENCE,
    }

    def files_by_kind(self) -> dict[str, object]:
        return {kind: self.cleaned_data[field] for field, kind in self.KINDS.items() if self.cleaned_data.get(field)}


class SupplementForm(KeepsChosenFiles, forms.Form):
    comment = _text(_("What you supplemented or corrected"), rows=3, max_length=4000)
    document = EvidenceFileField(label=_("Supplementary document (optional)"), required=False)


class WithdrawForm(forms.Form):
    reason = _text(_("Reason"), rows=3, max_length=1000)


class ObjectionReplyForm(forms.Form):
    reply = _text(_("Your reply"), rows=4, max_length=8000)
