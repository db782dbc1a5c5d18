import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from viewflow.workflow.models import Process

from cases.models import SupervisionCampaign, SupervisionCheck
from organizations.models import Role
from tests.factories import make_member
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from workflows.supervision.campaign_forms import CampaignForm
from workflows.supervision.flows import SupervisionCheckFlow

# A campaign covers the last 30 days: a fixed day (ADR 0027).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["terroir_language"] = "en"
    with translation.override("en"):
        yield


def test_provincial_lead_plans_and_draws_and_the_public_sees_the_result_without_inspectors(client):
    published_declarations(3)
    lead = make_member("AMR-330000", Role.LEAD)
    inspectors = [make_member("AMR-330100", Role.INSPECTOR, full_name=f"检查员{i}") for i in range(3)]
    client.force_login(lead)
    today = timezone.localdate()
    response = client.post(
        "/supervision/new/",
        {
            "title": "西湖龙井专项检查",
            "organiser": lead.memberships.get().department_id,
            "regions": ["330100"],
            "period_start": (today - datetime.timedelta(days=30)).isoformat(),
            "period_end": today.isoformat(),
            "sample_size": 2,
            "inspectors": [i.pk for i in inspectors],
        },
    )
    campaign = SupervisionCampaign.objects.get()
    assert response["Location"] == f"/supervision/{campaign.pk}/"
    # Each action says what follows and who acts (ADR 0039).
    told = [str(message) for message in get_messages(response.wsgi_request)][-1]
    assert told.startswith("Campaign “西湖龙井专项检查” is created. Next: the random draw"), told
    assert told.endswith(" lead, on this page."), told
    drawn = client.post(f"/supervision/{campaign.pk}/draw/")
    told = [str(message) for message in get_messages(drawn.wsgi_request)][-1]
    assert told.endswith("by the two inspectors drawn for each declaration."), told
    assert SupervisionCheck.objects.count() == 2
    assert client.post(f"/supervision/{campaign.pk}/draw/").status_code == 302  # a second draw is refused politely
    assert SupervisionCheck.objects.count() == 2
    client.logout()
    public = client.get("/supervision-results/").content.decode()
    check = SupervisionCheck.objects.first()
    assert campaign.reference in public and check.declaration.enterprise.name in public
    assert not any(inspector.full_name in public for inspector in inspectors)


def test_sample_size_and_share_together_are_refused(client):
    lead = make_member("AMR-330000", Role.LEAD)
    inspectors = [make_member("AMR-330100", Role.INSPECTOR) for _ in range(2)]
    client.force_login(lead)
    response = client.post(
        "/supervision/new/",
        {
            "title": "x",
            "organiser": lead.memberships.get().department_id,
            "regions": ["330100"],
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "sample_size": 2,
            "sample_percent": 10,
            "inspectors": [i.pk for i in inspectors],
        },
    )
    assert response.status_code == 200 and "either a number" in response.content.decode()
    assert not SupervisionCampaign.objects.exists()


def test_a_refusal_without_a_field_is_shown_above_the_form_not_a_500(client, monkeypatch):
    """A ValidationError made of a message (no field dict) has no error_dict: the page shows it."""
    from django.core.exceptions import ValidationError

    from workflows.supervision import actions

    def refused(**_kwargs):
        raise ValidationError("本计划暂不能制定")

    monkeypatch.setattr(actions, "create_campaign", refused)
    lead = make_member("AMR-330000", Role.LEAD)
    inspectors = [make_member("AMR-330100", Role.INSPECTOR) for _ in range(2)]
    client.force_login(lead)
    response = client.post(
        "/supervision/new/",
        {
            "title": "x",
            "organiser": lead.memberships.get().department_id,
            "regions": ["330100"],
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "sample_size": 2,
            "inspectors": [i.pk for i in inspectors],
        },
    )
    assert response.status_code == 200 and "本计划暂不能制定" in response.content.decode()
    assert not SupervisionCampaign.objects.exists()


def test_staff_without_a_lead_role_cannot_plan(client):
    client.force_login(make_member("AMR-330000", Role.STAFF))
    assert client.get("/supervision/new/").status_code == 403
    client.force_login(make_member("AMR-330106", Role.LEAD))  # a county lead: campaigns are provincial
    assert client.get("/supervision/new/").status_code == 403


def test_the_lead_finds_the_campaigns_at_their_address_and_the_public_its_results_at_another(client):
    """/supervision/ was the public results page's address too, which shadowed the campaigns:
    the staff drawer's link led the lead to the public page, with no way to plan a campaign."""
    lead, _inspectors, campaign = provincial_campaign()
    client.force_login(lead)
    page = client.get(reverse("supervision:list")).content.decode()
    assert f'href="{reverse("supervision:new")}"' in page and campaign.reference in page
    client.logout()
    assert reverse("register:supervision") != reverse("supervision:list")
    assert client.get(reverse("register:supervision")).status_code == 200


def test_the_campaign_page_links_each_opened_check_to_its_page(client):
    published_declarations(2)
    lead, _inspectors, campaign = provincial_campaign(sample_size=1)
    (check,) = draw_and_open(actor=lead, campaign=campaign, seed="walk")
    process = Process.objects.get(flow_class=SupervisionCheckFlow, artifact_object_id=check.pk)
    client.force_login(lead)
    page = client.get(reverse("supervision:detail", args=[campaign.pk])).content.decode()
    url = SupervisionCheckFlow.instance.reverse("process_detail", args=[process.pk])
    assert f'<a href="{url}">{check.declaration.reference}</a>' in page
    assert client.get(url).status_code == 200  # the lead may open it


def test_the_plan_form_labels_the_period_s_end_in_chinese_words_of_its_own():
    """Its label was the bare msgid "to", whose Chinese (an audit column's) is 新状态 (new status)."""
    with translation.override("zh-hans"):
        label = str(CampaignForm(user=make_member("AMR-330000", Role.LEAD)).fields["period_end"].label)
    assert label == "声明公示日期至"
