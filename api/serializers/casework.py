"""Objections, enforcement evidence, case notes and rectification reports as the API reads them
(docs/adr/0057). The request serializers only document the body for the schema: the pages' own
forms check the input, so the API accepts and refuses what the pages do."""

from django.urls import reverse
from rest_framework import serializers

from cases.models import CaseEvidence, CheckEvidence, Objection, RectificationReport
from teamwork.models import CaseNote

from .common import FileLinkSerializer, label_of

# The pages' yes/no radio buttons (ENUM_NAME_OVERRIDES names the one enum they share).
YES_NO = [("yes", "yes"), ("no", "no")]


class ObjectionSerializer(serializers.ModelSerializer):
    """An objection as the applicant and the staff read it (the objector's identity number and
    contact stay on the staff page)."""

    status_label = label_of("status")
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Objection
        fields = [
            "id",
            "reference",
            "status",
            "status_label",
            "objector_name",
            "grounds",
            "applicant_reply",
            "decision_reason",
            "received_at",
            "decided_at",
            "evidence",
        ]

    def get_evidence(self, objection) -> list[str]:
        return [item.original_name for item in objection.evidence.all()]


class ObjectionReceiptSerializer(serializers.ModelSerializer):
    """What the objector is given: the reference and the tracking number for 办件查询."""

    status_label = label_of("status")

    class Meta:
        model = Objection
        fields = ["reference", "tracking_number", "status", "status_label", "received_at"]


class ObjectionFileSerializer(serializers.Serializer):
    objector_name = serializers.CharField(max_length=200)
    objector_id_code = serializers.CharField(max_length=18, help_text="Identity number or unified social credit code.")
    contact = serializers.CharField(max_length=100)
    grounds = serializers.CharField(max_length=8000)
    evidence = serializers.ListField(child=serializers.FileField(), required=False, help_text="At most 5 files.")


class AdmissibilitySerializer(serializers.Serializer):
    admissible = serializers.ChoiceField(choices=YES_NO)
    reason = serializers.CharField(max_length=4000, required=False)


class ObjectionDecisionSerializer(serializers.Serializer):
    sustain = serializers.ChoiceField(choices=YES_NO)
    reason = serializers.CharField(max_length=4000)


class ObjectionReplySerializer(serializers.Serializer):
    reply = serializers.CharField(max_length=8000)


class CaseEvidenceSerializer(serializers.ModelSerializer):
    kind_label = label_of("kind")
    url = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvidence
        fields = ["id", "kind", "kind_label", "description", "original_name", "file_type", "size", "sha256", "url"]

    def get_url(self, evidence) -> str:
        return reverse("files:enforcement_evidence", args=[evidence.pk]) if evidence.file else ""


class EvidenceAddSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="document, photo, statement, sample, lab_result, right_holder, preservation")
    description = serializers.CharField(max_length=10000)
    second_officer = serializers.IntegerField(help_text="Id of the other officer of the case present.")
    file = serializers.FileField(required=False)


class CaseIntakeSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=["inspection", "transfer", "assigned"])
    bureau = serializers.IntegerField(help_text="Id of a bureau the caller works for.")
    violation_type = serializers.CharField()
    party_description = serializers.CharField(max_length=300)
    summary = serializers.CharField(max_length=10000)
    source_authority = serializers.CharField(max_length=200, required=False)
    evidence = serializers.FileField(required=False)


class ClockPauseSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=["testing", "identification", "public_notice"])
    comment = serializers.CharField(max_length=500, required=False)


class ClockExtensionSerializer(serializers.Serializer):
    days = serializers.IntegerField(min_value=1, max_value=365)
    reason = serializers.CharField(max_length=2000)
    participants = serializers.CharField(max_length=1000, required=False)


class VerificationExtensionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    department = serializers.CharField(source="department.display_name", read_only=True, default=None)
    mentioned = serializers.SerializerMethodField()

    class Meta:
        model = CaseNote
        fields = ["id", "author", "department", "body", "mentioned", "created_at"]

    def get_author(self, note) -> str:
        return note.author.get_full_name() or note.author.get_username()

    def get_mentioned(self, note) -> list[str]:
        return [person.get_full_name() or person.get_username() for person in note.mentioned.all()]


class NoteAddSerializer(serializers.Serializer):
    body = serializers.CharField(help_text="“@name” notifies a colleague who sees the case.")


class NoteAddedSerializer(NoteSerializer):
    not_notified = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(NoteSerializer.Meta):
        fields = [*NoteSerializer.Meta.fields, "not_notified"]


class ReassignSerializer(serializers.Serializer):
    to = serializers.IntegerField(help_text="Id of the colleague who takes the task over.")
    owner = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of the holder you saw (none: the queue); a change since is 409."
    )


class CheckEvidenceFileSerializer(FileLinkSerializer):
    url_name = "files:check_evidence"

    class Meta(FileLinkSerializer.Meta):
        model = CheckEvidence


class RectificationReportSerializer(serializers.ModelSerializer):
    """The producer's report; staff get each file's address, the producer only its name."""

    check_id = serializers.IntegerField(source="check_record_id", read_only=True)
    declaration = serializers.CharField(source="check_record.declaration.reference", read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = RectificationReport
        fields = ["id", "check_id", "declaration", "fixed", "due_on", "late", "submitted_at", "files"]

    def get_files(self, report) -> list[dict]:
        if self.context.get("with_links"):
            return CheckEvidenceFileSerializer(report.files.all(), many=True).data
        return [{"original_name": item.original_name} for item in report.files.all()]


class RectificationReportFileSerializer(serializers.Serializer):
    fixed = serializers.CharField(max_length=4000, help_text="What was rectified.")
    evidence = serializers.FileField()
    more_evidence = serializers.FileField(required=False)
