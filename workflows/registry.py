"""The flows shown in the staff frontend."""

from viewflow.workflow.flow import FlowViewset

from .declarations.flows import DeclarationFlow

FLOW_VIEWSETS: list = [
    FlowViewset(DeclarationFlow, icon="verified"),
]
