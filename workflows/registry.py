"""The flows shown in the staff frontend. Each workflow package appends its viewset here."""

FLOW_VIEWSETS: list = []
