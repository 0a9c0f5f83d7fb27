"""The security-incident register (section V(III)3): closing, the notice to affected members, the announcement."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interactions.models import AlertCategory, Message
from members.models import Member
from rights import incidents, selectors
from rights.models import AffectedMember, IncidentTimelineEntry, SecurityIncident
from rights.tasks import deliver_incident_notice
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

SECTIONS = {
    "what_happened": "A misconfigured export exposed delivery addresses.",
    "likely_impact": "Addresses may have been seen by one partner.",
    "measures_taken": "The export was stopped and the partner deleted the file.",
    "self_protection": "Watch for unexpected parcels and calls.",
    "remedies": "Contact the working group for compensation.",
}


@pytest.fixture
def officer(db) -> Member:
    staff = Member.objects.create_user("officer", "pw-officer-123", is_staff=True)
    staff.groups.add(Group.objects.get(name="privacy_officer"))
    return staff


def make_incident(**fields) -> SecurityIncident:
    values = {"title": "Address export", "scope": "Delivery addresses, 1-3 March", **SECTIONS}
    values.update(fields)
    return SecurityIncident.objects.create(**values)


def affect(incident, *members) -> None:
    AffectedMember.objects.bulk_create([AffectedMember(incident=incident, member=m) for m in members])


def test_an_incident_cannot_be_closed_without_the_regulator_report_or_a_reason(officer):
    """STO-09: closing needs a report date, or "not required" with a reason."""
    incident = make_incident()

    with pytest.raises(ValidationError):
        incidents.close_incident(incident_id=incident.pk, staff=officer)
    with pytest.raises(IntegrityError), transaction.atomic():  # "not required" without a reason
        SecurityIncident.objects.filter(pk=incident.pk).update(regulator_report_not_required=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        SecurityIncident.objects.filter(pk=incident.pk).update(status="closed", closed_at=timezone.now())

    incident.refresh_from_db()
    assert incident.status == SecurityIncident.Status.OPEN


def test_an_incident_closes_once_reported_or_marked_not_required_with_a_reason(officer):
    """STO-09: either outcome lets the incident close, and the timeline records it."""
    reported = make_incident(regulator_reported_on=date(2026, 3, 4), regulator_reference="CAC-2026-17")
    waived = make_incident(
        regulator_report_not_required=True, regulator_not_required_reason="No data left our systems."
    )

    incidents.close_incident(incident_id=reported.pk, staff=officer)
    incidents.close_incident(incident_id=waived.pk, staff=officer)

    assert set(SecurityIncident.objects.values_list("status", flat=True)) == {"closed"}
    assert IncidentTimelineEntry.objects.filter(entry="Incident closed.", recorded_by=officer).count() == 2


def test_the_database_refuses_a_closed_incident_without_a_regulator_outcome():
    """STO-09: the rule holds even for a write that skips the service."""
    with pytest.raises(IntegrityError):
        make_incident(status="closed", closed_at=timezone.now())


@pytest.mark.parametrize("empty", sorted(SECTIONS))
def test_the_notice_cannot_be_sent_while_a_section_is_empty(officer, member, empty):
    """STO-10: each of the five parts is required before the notice goes out."""
    incident = make_incident(**{empty: "  "})
    affect(incident, member)

    with pytest.raises(ValidationError):
        incidents.send_incident_notice(incident_id=incident.pk, staff=officer)

    incident.refresh_from_db()
    assert incident.notice_sent_at is None
    assert not Message.objects.exists()


def test_every_affected_member_receives_the_five_part_notice_in_messages_once(
    officer, member, django_capture_on_commit_callbacks, monkeypatch
):
    """STO-10: each affected member gets the notice in Messages; sending again or rerunning the job adds nothing."""
    monkeypatch.setattr(incidents, "NOTICE_BATCH", 2)
    others = [Member.objects.create_user(f"m{i}", "pw-member-123") for i in range(4)]
    bystander = Member.objects.create_user("bystander", "pw-member-123")
    incident = make_incident()
    affect(incident, member, *others)
    queued = []
    monkeypatch.setattr(deliver_incident_notice, "delay", queued.append)

    with django_capture_on_commit_callbacks(execute=True):
        assert incidents.send_incident_notice(incident_id=incident.pk, staff=officer) is True
    with django_capture_on_commit_callbacks(execute=True):
        assert incidents.send_incident_notice(incident_id=incident.pk, staff=officer) is False
    for incident_id in queued * 2:  # the worker, and a redelivery of the same message
        deliver_incident_notice(incident_id)

    messages = Message.objects.filter(kind=AlertCategory.SECURITY)
    assert queued == [incident.pk]
    assert sorted(messages.values_list("member__member_name", flat=True)) == sorted(["alice", "m0", "m1", "m2", "m3"])
    assert not messages.filter(member=bystander).exists()
    body = messages.first().body
    assert all(text in body for text in SECTIONS.values())
    assert not AffectedMember.objects.filter(notified_at__isnull=True).exists()


def test_the_notice_also_goes_by_sms_to_a_confirmed_number(member, django_capture_on_commit_callbacks):
    """STO-10: besides Messages, the notice is texted to the member's confirmed mobile number."""
    from tests import sms

    Member.objects.filter(pk=member.pk).update(phone_verified_at=timezone.now())
    incident = make_incident(notice_sent_at=timezone.now())
    affect(incident, member)

    with django_capture_on_commit_callbacks(execute=True):
        deliver_incident_notice(incident.pk)

    assert Message.objects.filter(member=member, kind="security").count() == 1
    assert any("Address export" in text for text in sms.texts_to(member.phone))


def test_announcing_shows_a_banner_on_the_homepage_linking_the_notice(officer, client):
    """STO-11: a published announcement puts a banner on every page that links the public notice."""
    incident = make_incident(title="<script>alert(1)</script> leak")
    assert 'data-testid="incident-banner"' not in client.get("/").content.decode()

    assert incidents.announce_incident(incident_id=incident.pk, staff=officer) is True
    home = client.get("/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("incident-announcement", args=[incident.pk]))

    url = reverse("incident-announcement", args=[incident.pk])
    assert 'data-testid="incident-banner"' in home and f'href="{url}"' in home
    assert "<script>alert(1)</script>" not in home
    assert page.status_code == 200
    assert all(text in page.content.decode() for text in SECTIONS.values())
    assert "&lt;script&gt;" in page.content.decode()
    assert len(queries) <= 3  # the incident; the banner comes from the cache


def test_the_banner_costs_no_query_once_cached_even_when_there_is_none():
    """STO-11: pages read the banner from the cache; an announcement drops the cached answer at once."""
    selectors.current_banners()
    with CaptureQueriesContext(connection) as queries:
        assert selectors.current_banners() == []
    assert len(queries) == 0


def test_the_banner_ends_after_its_period_but_the_page_stays(officer, client):
    incident = make_incident()
    incidents.announce_incident(incident_id=incident.pk, staff=officer)
    SecurityIncident.objects.filter(pk=incident.pk).update(
        announced_at=timezone.now() - timedelta(days=selectors.BANNER_DAYS + 1)
    )
    incidents.forget_banner()

    assert selectors.current_banners() == []
    assert client.get(reverse("incident-announcement", args=[incident.pk])).status_code == 200


def test_an_unannounced_incident_has_no_public_page(client):
    incident = make_incident()

    assert client.get(reverse("incident-announcement", args=[incident.pk])).status_code == 404
    assert client.get("/privacy/incidents/999999/").status_code == 404


def change_form(incident=None, **overrides):
    data = {
        "title": "Leak",
        "discovered_at_0": "2026-03-01",
        "discovered_at_1": "10:00:00",
        "scope": "Addresses",
        "measures": "",
        **SECTIONS,
        "regulator_reported_on": "",
        "regulator_reference": "",
        "regulator_not_required_reason": "",
        "timeline-TOTAL_FORMS": "1",
        "timeline-INITIAL_FORMS": "0",
        "timeline-0-occurred_at_0": "2026-03-01",
        "timeline-0-occurred_at_1": "10:05:00",
        "timeline-0-entry": "Found the open export.",
        "affected-TOTAL_FORMS": "0",
        "affected-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_the_privacy_officer_records_an_incident_with_its_timeline_in_admin(client, officer, member):
    sign_in_staff(client, officer)

    response = client.post(
        reverse("admin:rights_securityincident_add"),
        change_form(**{"affected-TOTAL_FORMS": "1", "affected-0-member": str(member.pk)}),
    )

    assert response.status_code == 302
    incident = SecurityIncident.objects.get()
    assert incident.timeline.get().recorded_by == officer
    assert list(incident.affected.values_list("member", flat=True)) == [member.pk]


@pytest.mark.parametrize(
    "overrides",
    [
        {"regulator_report_not_required": "on"},  # no reason
        {
            "regulator_report_not_required": "on",
            "regulator_not_required_reason": "x",
            "regulator_reported_on": "2026-03-02",
        },
        {"title": "a\x00b"},
        {"title": "x" * 201},
        {"timeline-0-entry": "bad\x00entry"},
        {"affected-TOTAL_FORMS": "1", "affected-0-member": "999999"},
        {"affected-TOTAL_FORMS": "1", "affected-0-member": "not-a-number"},
    ],
)
def test_hostile_or_contradictory_input_in_admin_writes_nothing(client, officer, overrides):
    sign_in_staff(client, officer)

    response = client.post(reverse("admin:rights_securityincident_add"), change_form(**overrides))

    assert response.status_code == 200  # the form again, with its errors
    assert not SecurityIncident.objects.exists()
    assert not IncidentTimelineEntry.objects.exists()


def test_admin_refuses_a_post_without_csrf(officer):
    client = Client(enforce_csrf_checks=True)
    sign_in_staff(client, officer)

    response = client.post(reverse("admin:rights_securityincident_add"), change_form())

    assert response.status_code == 403
    assert not SecurityIncident.objects.exists()


def test_admin_actions_send_announce_and_close_through_the_services(
    client, officer, member, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(deliver_incident_notice, "delay", lambda incident_id: deliver_incident_notice(incident_id))
    incident = make_incident()
    affect(incident, member)
    sign_in_staff(client, officer)
    url = reverse("admin:rights_securityincident_changelist")

    def act(action):
        return client.post(url, {"action": action, "_selected_action": [incident.pk]}, follow=True)

    refused = act("close").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        act("send_notice")
    act("announce")
    SecurityIncident.objects.filter(pk=incident.pk).update(regulator_reported_on=date(2026, 3, 2))
    act("close")

    incident.refresh_from_db()
    assert "regulator" in refused
    assert Message.objects.filter(member=member, kind="security").count() == 1
    assert incident.announced_at is not None and incident.status == "closed"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 12


def test_affected_member_rows_go_three_years_after_the_incident_closes(member):
    """The record of who was told is kept three years after closing, then the retention sweep deletes it."""
    from privacy.registry import years
    from rights.retention import rule_for, sweep_now

    old = make_incident(
        regulator_report_not_required=True,
        regulator_not_required_reason="Nothing left our systems.",
        status="closed",
        closed_at=timezone.now() - years(3) - timedelta(days=1),
    )
    recent = make_incident(
        regulator_reported_on=date(2026, 1, 2), status="closed", closed_at=timezone.now() - timedelta(days=30)
    )
    still_open = make_incident()
    for incident in (old, recent, still_open):
        affect(incident, member)

    sweep_now(rule_for("rights.AffectedMember"), worker="test")

    assert set(AffectedMember.objects.values_list("incident", flat=True)) == {recent.pk, still_open.pk}
