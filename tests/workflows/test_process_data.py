"""The facts beside a process on viewflow's pages read as words: no verification token, no
unnamed internal field with an English label, no True/False."""

import pytest
from django.test import Client
from django.utils import translation

from organizations.models import Role
from tests.factories import make_member
from tests.workflows.test_declaration_flow import publish
from workflows.declarations.flows import DeclarationFlow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_process_facts_hide_the_token_and_say_yes_not_true():
    _producer, declaration = publish()
    process = DeclarationFlow.process_class.objects.get(artifact_object_id=declaration.pk, flow_class=DeclarationFlow)
    client = Client()
    client.force_login(make_member("AMR-330106", Role.STAFF))
    with translation.override("zh-hans"):
        html = client.get(f"/staff/workflow/flows/declaration/{process.pk}/").content.decode()
    assert declaration.reference in html  # the facts are there
    assert declaration.verification_token not in html
    assert ">True<" not in html and "Created by" not in html and "Verification token" not in html
    assert "<td>是</td>" in html  # the producer's commitment, accepted
