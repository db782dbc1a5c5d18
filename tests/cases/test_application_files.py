"""Downloads of an application's documents and of an objection's evidence: whoever may see the
application, nobody else."""

import pytest
from django.urls import reverse

from cases.applications.services import (
    application_convene_review,
    application_examine_formal,
    application_examine_preliminary,
)
from cases.models import Regime
from organizations.models import Role
from tests.factories import make_member
from tests.factories.applications import Cast, applicant_body, draft_application, objected_application
from tests.factories.cases import PDF_BYTES
from workflows.applications import actions as application_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return Cast()


def test_an_application_document_for_the_applicant_and_the_staff_who_see_it(client, cast):
    applicant, application = draft_application()
    letter = application.attachments.get(kind="government_letter")
    url = reverse("files:application_attachment", args=[letter.pk])

    client.force_login(applicant)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    # A draft stays with the applicant.
    client.force_login(cast.province_staff)
    assert client.get(url).status_code == 404

    application_actions.submit(actor=applicant, application=application)
    for allowed in (cast.province_staff, cast.kjs_staff):
        client.force_login(allowed)
        assert client.get(url).status_code == 200
    other_applicant, _body = applicant_body()
    for refused in (other_applicant, make_member("AMR-320000", Role.STAFF), cast.experts[0]):
        client.force_login(refused)
        assert client.get(url).status_code == 404


def test_the_experts_convened_may_read_the_documents(client, cast):
    applicant, application = draft_application(regime=Regime.CNIPA_2023)
    application_actions.submit(actor=applicant, application=application)
    application_examine_preliminary(actor=cast.province_staff, application=application, outcome="accept")
    application_examine_formal(actor=cast.kjs_staff, application=application, outcome="accept")
    application_convene_review(
        actor=cast.kjs_staff, application=application, experts=cast.experts, chair=cast.experts[0]
    )
    url = reverse("files:application_attachment", args=[application.attachments.first().pk])
    client.force_login(cast.experts[1])
    assert client.get(url).status_code == 200


def test_an_objections_evidence_for_those_who_see_the_application(client, cast):
    applicant, _application, objection = objected_application(cast)
    url = reverse("files:objection_evidence", args=[objection.evidence.get().pk])

    client.force_login(cast.fgs_staff)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    # The applicant reads it once the objection is admitted, as the portal shows it.
    client.force_login(applicant)
    assert client.get(url).status_code == 404
    application_actions.decide_objection_admissibility(actor=cast.fgs_staff, objection=objection, admissible=True)
    assert client.get(url).status_code == 200

    other_applicant, _body = applicant_body()
    for refused in (other_applicant, make_member("AMR-320000", Role.STAFF)):
        client.force_login(refused)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_case_file_links_to_the_downloads(client, cast):
    applicant, application = draft_application()
    client.force_login(applicant)
    page = client.get(reverse("portal_applications:detail", args=[application.pk])).content.decode()
    for attachment in application.attachments.all():
        assert reverse("files:application_attachment", args=[attachment.pk]) in page
