"""Special-mark records, usage totals and dues as the API shows them (ADR 0060).

The write serializers only document the request for the schema: the page forms check the input
(PrintingForm, IssueForm), so the API and the pages accept and refuse the same things."""

from rest_framework import serializers

from marks.models import MarkIssue, MarkPrinting
from marks.selectors import DUE_STATE_CHOICES


class PrintingSerializer(serializers.ModelSerializer):
    bureau = serializers.CharField(source="bureau.name", read_only=True)
    product = serializers.CharField(source="product.name", read_only=True)
    product_id = serializers.IntegerField(read_only=True)
    recorded_by = serializers.CharField(source="recorded_by.get_full_name", read_only=True)

    class Meta:
        model = MarkPrinting
        fields = [
            "id",
            "bureau",
            "product",
            "product_id",
            "printed_on",
            "quantity",
            "serial_from",
            "serial_to",
            "printer",
            "note",
            "recorded_by",
            "recorded_at",
        ]


class IssueSerializer(serializers.ModelSerializer):
    bureau = serializers.CharField(source="bureau.name", read_only=True)
    declaration = serializers.CharField(source="declaration.reference", read_only=True)
    declaration_id = serializers.IntegerField(read_only=True)
    enterprise = serializers.CharField(source="declaration.enterprise.name", read_only=True)
    product = serializers.CharField(source="declaration.product.name", read_only=True)
    recorded_by = serializers.CharField(source="recorded_by.get_full_name", read_only=True)

    class Meta:
        model = MarkIssue
        fields = [
            "id",
            "bureau",
            "declaration",
            "declaration_id",
            "enterprise",
            "product",
            "issued_on",
            "quantity",
            "serial_from",
            "serial_to",
            "note",
            "recorded_by",
            "recorded_at",
        ]


class _RecordCreate(serializers.Serializer):
    bureau = serializers.IntegerField(help_text="Id of a regional bureau whose records the caller keeps.")
    quantity = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    serial_from = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    serial_to = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class PrintingCreateSerializer(_RecordCreate):
    """A print run, as on the page: the quantity, or a range of serial numbers (or both, agreeing)."""

    product = serializers.IntegerField(help_text="Id of a product protected in the bureau's province.")
    printed_on = serializers.DateField()
    printer = serializers.CharField(max_length=200, required=False, allow_blank=True)


class IssueCreateSerializer(_RecordCreate):
    """An issue, as on the page: out of the bureau's stock, serials inside one of its print runs."""

    declaration = serializers.IntegerField(help_text="Id of an authorised self-declaration in the bureau's region.")
    issued_on = serializers.DateField()


class UsageTotalSerializer(serializers.Serializer):
    """The usage reports of a product, city (地市) and year, added up."""

    product_id = serializers.IntegerField(source="product.pk")
    product = serializers.CharField(source="product.name")
    region_code = serializers.CharField(help_text="The city's region code.")
    region = serializers.CharField(source="region.name", allow_null=True, default=None)
    year = serializers.IntegerField()
    reports = serializers.IntegerField()
    output = serializers.DecimalField(max_digits=20, decimal_places=2)
    marked = serializers.DecimalField(max_digits=20, decimal_places=2)
    labels = serializers.IntegerField()
    sales = serializers.DecimalField(max_digits=20, decimal_places=2)


class UsageDueSerializer(serializers.Serializer):
    """A usage report owed, with its state computed from the report's submission (never stored)."""

    id = serializers.IntegerField(source="due.pk")
    declaration = serializers.CharField(source="due.declaration.reference")
    declaration_id = serializers.IntegerField(source="due.declaration_id")
    enterprise = serializers.CharField(source="due.declaration.enterprise.name")
    product = serializers.CharField(source="due.declaration.product.name")
    year = serializers.IntegerField(source="due.year")
    due_on = serializers.DateField(source="due.due_on")
    reminded_at = serializers.DateTimeField(source="due.reminded_at", allow_null=True)
    submitted_at = serializers.DateTimeField(source="report.submitted_at", allow_null=True, default=None)
    state = serializers.ChoiceField(choices=DUE_STATE_CHOICES)
    state_label = serializers.CharField()
