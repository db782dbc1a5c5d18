from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.common.staging import KeepsChosenFiles
from cases.enforcement.choices import ClockPause, FilingDecision, InvestigationAction, ServiceMethod
from cases.models import CaseEvidence, EnforcementCase, ViolationType
from cases.uploads import EvidenceFileField
from organizations.models import Department, Membership, Role
from organizations.selectors import departments_of

Outcome = EnforcementCase.Outcome
YES_NO = lambda value: value == "yes"  # noqa: E731


def _text(label, rows=4, required=True, help_text=""):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required,
        max_length=10000,
        help_text=help_text,
    )


def _money(label):
    return forms.DecimalField(label=label, required=False, min_value=0, max_digits=14, decimal_places=2)


def _choice(label, choices):
    return forms.TypedChoiceField(label=label, widget=forms.RadioSelect, coerce=YES_NO, choices=choices)


SERVICE_METHODS = list(ServiceMethod.labels.items())


def inspectors_of(bureau):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        pk__in=Membership.objects.filter(department=bureau, role=Role.INSPECTOR, is_active=True).values("user_id")
    )


class VerifyForm(forms.Form):
    findings = _text(_("Verification findings"))
    proposal = forms.ChoiceField(
        label=_("Proposal"),
        widget=forms.RadioSelect,
        choices=[
            (FilingDecision.FILE, _("File the case")),
            (FilingDecision.NOT_FILE, _("Do not file")),
            (FilingDecision.TRANSFER, _("Transfer to the competent authority")),
        ],
    )


class FilingDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (FilingDecision.FILE, _("File the case (立案)")),
            (FilingDecision.NOT_FILE, _("Do not file")),
            (FilingDecision.TRANSFER, _("Transfer")),
        ],
    )
    officers: "forms.ModelMultipleChoiceField[User]" = forms.ModelMultipleChoiceField(
        label=_("Officers (at least two)"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    is_major = forms.BooleanField(label=_("Major case (legal review by 法规司, collective decision)"), required=False)
    transfer_to = forms.CharField(label=_("Transfer to"), max_length=200, required=False)
    reason = _text(
        _("Reason for filing, for not filing or for the transfer"),
        rows=3,
        required=False,
        # The public lookup (办件查询) shows the person who reported it why a case was not filed or transferred.
        help_text=_("A reason for not filing or for the transfer is shown to the person who reported it."),
    )

    def __init__(self, *args, bureau=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = inspectors_of(bureau)


class InvestigateForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Next step"),
        widget=forms.RadioSelect,
        choices=[
            (InvestigationAction.REPORT, _("Submit the investigation report")),
            (InvestigationAction.PROPOSE_SUSPENSION, _("Propose to suspend the investigation")),
            (InvestigationAction.PROPOSE_TERMINATION, _("Propose to terminate the investigation")),
        ],
    )
    report = _text(_("Investigation report or reason"), rows=6)
    proposed_outcome = forms.ChoiceField(label=_("Proposed outcome"), choices=Outcome.choices, required=False)
    proposed_fine = _money(_("Proposed fine (yuan)"))
    proposed_confiscation = _money(_("Proposed confiscation (yuan)"))


class LeadDecisionForm(forms.Form):
    approve = _choice(_("Decision"), [("yes", _("Approve")), ("no", _("Refuse or send back"))])
    comment = _text(_("Comment"), rows=3, required=False)


class CommentForm(forms.Form):
    comment = _text(_("Comment"), rows=3)


class ReviewForm(forms.Form):
    approve = _choice(_("Review"), [("yes", _("Pass to the lead")), ("no", _("Send back for investigation"))])
    opinion = _text(_("Review opinion"))


class ServeForm(forms.Form):
    served_on = forms.DateField(label=_("Served on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    method = forms.ChoiceField(label=_("Service method"), choices=SERVICE_METHODS)


class DefenceForm(forms.Form):
    defence = _text(_("Statement of defence (empty if none)"), required=False)
    hearing_requested = forms.BooleanField(label=_("The party asked for a hearing"), required=False)
    hearing_at = forms.DateTimeField(
        label=_("Hearing date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    hearing_place = forms.CharField(label=_("Hearing place"), max_length=200, required=False)
    waived = forms.BooleanField(
        label=_("The party waived the rest of its defence window in writing"),
        required=False,
        help_text=_("Only with a written, signed waiver: it lets the case go on before the window ends."),
    )
    waived_on = forms.DateField(
        label=_("Waiver signed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    waiver_document = EvidenceFileField(
        label=_("Copy of the written waiver (PDF, JPEG or PNG, ≤ 10 MB)"), required=False
    )


class RecordForm(forms.Form):
    record = _text(_("Hearing record"), rows=6)


class OpinionForm(forms.Form):
    opinion = _text(_("Re-check opinion"))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices)
    fine = _money(_("Fine (yuan)"))
    confiscation = _money(_("Confiscated illegal gains (yuan)"))
    grounds = _text(_("Facts and legal grounds"), rows=6)
    collective_decision = _text(_("Collective decision record (major cases)"), rows=3, required=False)


class ExecutionForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    amount_paid = forms.DecimalField(label=_("Amount paid (yuan)"), min_value=0, max_digits=14, decimal_places=2)


class CloseForm(forms.Form):
    summary = _text(_("Closure report summary"))


class ArchiveForm(forms.Form):
    confirm = forms.BooleanField(label=_("The file is complete and archived"))


# ------------------------------------------------------------ case page and intake


class EvidenceForm(KeepsChosenFiles, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        # The clue's own files and the party's waiver are recorded by their steps, not here.
        choices=[
            c for c in CaseEvidence.Kind.choices if c[0] not in (CaseEvidence.Kind.COMPLAINT, CaseEvidence.Kind.WAIVER)
        ],
    )
    description = _text(_("Description"), rows=3)
    second_officer: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        label=_("Second officer present"), queryset=None
    )
    file = EvidenceFileField(label=_("File (PDF, JPEG or PNG, ≤ 10 MB)"), required=False)

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["second_officer"].queryset = (
            get_user_model().objects.filter(pk__in=case.officers.values("officer_id")).exclude(pk=user.pk)
        )


class PauseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Stop the clock for"),
        choices=[
            (ClockPause.TESTING, _("testing")),
            (ClockPause.IDENTIFICATION, _("right-holder identification")),
            (ClockPause.PUBLIC_NOTICE, _("public notice")),
        ],
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("Reason"), max_length=2000)
    participants = forms.CharField(
        label=_("Participants of the collective decision (further extensions)"), max_length=1000, required=False
    )


def intake_bureaus(user):
    """The bureaus a member of the staff may open a case for: regional ones they work in."""
    return Department.objects.filter(
        pk__in=departments_of(user).filter(region__isnull=False).values("pk"),
        memberships__user=user,
        memberships__role__in=[Role.INSPECTOR, Role.LEAD, Role.STAFF],
    ).distinct()


class IntakeForm(KeepsChosenFiles, forms.Form):
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[
            (EnforcementCase.Source.INSPECTION, _("inspection finding")),
            (EnforcementCase.Source.TRANSFER, _("transfer from another authority")),
            (EnforcementCase.Source.ASSIGNED, _("assigned from above")),
        ],
    )
    bureau: "forms.ModelChoiceField[Department]" = forms.ModelChoiceField(
        label=_("Bureau with jurisdiction"), queryset=None
    )
    violation_type = forms.ChoiceField(label=_("Violation type"), choices=ViolationType.choices)
    party_description = forms.CharField(label=_("Party concerned (name, address)"), max_length=300)
    summary = _text(_("Facts found"))
    source_authority = forms.CharField(label=_("Transferring or assigning authority"), max_length=200, required=False)
    evidence = EvidenceFileField(label=_("Evidence (PDF, JPEG or PNG, ≤ 10 MB)"), required=False)

    def __init__(self, *args, bureaus=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = bureaus
