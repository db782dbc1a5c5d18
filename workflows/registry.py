"""The flows shown in the staff frontend."""

from viewflow.workflow.flow import FlowViewset

from .declarations.flows import DeclarationFlow
from .enforcement.flows import EnforcementCaseFlow
from .supervision.flows import SupervisionCheckFlow

FLOW_VIEWSETS: list = [
    FlowViewset(DeclarationFlow, icon="verified"),
    FlowViewset(SupervisionCheckFlow, icon="fact_check"),
    FlowViewset(EnforcementCaseFlow, icon="gavel"),
]
