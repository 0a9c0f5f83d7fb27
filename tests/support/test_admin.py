"""Staff work tickets in admin: identity check first (CS-01), the conversation inline (CS-02), account actions
(CS-06) and the quality report (CS-03)."""

import pytest
from django.urls import reverse

from members.models import Member
from support import services
from support.models import IdentityCheck, SatisfactionSurvey, Ticket, TicketAction, TicketMessage
from tests import sms

pytestmark = pytest.mark.django_db


def step(ticket, name):
    return reverse("admin:support_ticket_step", args=[ticket.pk, name])


def test_a_ticket_cannot_move_to_in_progress_until_an_identity_check_is_attached(admin_client, ticket, agent):
    """clause: CS-01"""
    admin_client.post(step(ticket, "start"))
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN

    admin_client.post(step(ticket, "verify"), {"method": "sms_code"})
    admin_client.post(step(ticket, "start"))
    ticket.refresh_from_db()
    check = IdentityCheck.objects.get(ticket=ticket)
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert (check.method, check.staff) == ("sms_code", agent) and check.checked_at is not None


def test_admin_shows_no_account_details_before_the_identity_check(admin_client, ticket, member):
    """clause: CS-01"""
    url = reverse("admin:support_ticket_change", args=[ticket.pk])
    before = admin_client.get(url).content.decode()
    assert "Confirm the member&#x27;s identity on this ticket to see the account." in before
    assert reverse("admin:members_member_change", args=[member.pk]) not in before
    admin_client.post(step(ticket, "verify"), {"method": "signed_in"})
    after = admin_client.get(url).content.decode()
    assert reverse("admin:members_member_change", args=[member.pk]) in after


def test_every_message_attachment_and_call_is_in_admin_with_author_and_time(admin_client, ticket, agent):
    """clause: CS-02"""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from privacy.uploads import reencode_image
    from tests.images import png

    image = reencode_image(SimpleUploadedFile("p.png", png()), max_bytes=10**6)
    services.add_member_message(ticket=ticket, member=ticket.member, body="Here is a photo", images=[image])
    admin_client.post(step(ticket, "answer"), {"body": "Thanks, a new lid is on its way"})
    admin_client.post(
        step(ticket, "call"),
        {
            "direction": "inbound",
            "started_at": "2026-11-30 10:05",
            "duration_seconds": "90",
            "summary": "Called about lid",
        },
    )
    page = admin_client.get(reverse("admin:support_ticket_change", args=[ticket.pk])).content.decode()
    for message in TicketMessage.objects.filter(ticket=ticket):
        assert message.body in page
    staff_message = TicketMessage.objects.get(author_role="staff")
    assert staff_message.staff == agent and staff_message.sent_at
    assert "Called about lid" in page and "agentli" in page
    attachment = ticket.messages.get(body="Here is a photo").attachments.get()
    link = reverse("admin:support_ticket_attachment", args=[ticket.pk, attachment.pk])
    assert link in page
    assert admin_client.get(link)["Content-Type"] == "image/png"


def test_account_actions_are_refused_on_an_unverified_ticket(admin_client, ticket, member):
    """clause: CS-06"""
    for action in ["freeze", "sign_out", "password_reset"]:
        response = admin_client.post(step(ticket, action), follow=True)
        assert "Confirm the member" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active and member.has_usable_password()
    assert not TicketAction.objects.exists()


def test_freezing_ends_every_session_and_blocks_sign_in_until_unfrozen(
    client, admin_client, ticket, member, agent, django_capture_on_commit_callbacks
):
    """clause: CS-06"""
    from django.test import Client

    Member.objects.filter(pk=member.pk).update(phone_verified_at="2026-01-01T00:00:00Z")
    member_client = Client()
    member_client.force_login(member)
    assert member_client.get(reverse("support:list")).status_code == 200

    admin_client.post(step(ticket, "verify"), {"method": "sms_code"})
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(step(ticket, "freeze"))
    action = TicketAction.objects.get()
    assert (action.kind, action.ticket, action.staff) == ("freeze", ticket, agent)
    # The open session is over, and the password no longer signs in.
    assert member_client.get(reverse("support:list")).status_code == 302
    assert not Client().login(username="alice", password="correct horse battery")

    admin_client.post(step(ticket, "unfreeze"))
    assert Client().login(username="alice", password="correct horse battery")
    assert list(TicketAction.objects.order_by("occurred_at", "pk").values_list("kind", flat=True)) == [
        "freeze",
        "unfreeze",
    ]


def test_a_password_reset_stops_the_old_password_and_texts_a_code_the_recovery_page_takes(
    admin_client, ticket, member, django_capture_on_commit_callbacks
):
    """clause: CS-06"""
    import re

    from django.test import Client

    Member.objects.filter(pk=member.pk).update(phone_verified_at="2026-01-01T00:00:00Z")
    admin_client.post(step(ticket, "verify"), {"method": "sms_code"})
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(step(ticket, "password_reset"))
    member.refresh_from_db()
    assert not member.has_usable_password()
    assert TicketAction.objects.get().kind == "password_reset"
    texts = sms.texts_to(member.phone)
    assert len(texts) == 1 and reverse("members:password-recovery") in texts[0]
    code = re.search(r"\b(\d{6})\b", texts[0]).group(1)

    # The member enters their number on the recovery page: no second text, the code they got works.
    visitor = Client()
    visitor.post(reverse("members:password-recovery"), {"phone": member.phone})
    assert len(sms.texts_to(member.phone)) == 1
    response = visitor.post(
        reverse("members:password-recovery-code"),
        {"code": code, "password1": "a brand new secret 42", "password2": "a brand new secret 42"},
    )
    assert response.status_code == 302
    assert Client().login(username="alice", password="a brand new secret 42")


def test_the_quality_report_shows_only_aggregated_scores(admin_client, member, other_member, agent):
    """clause: CS-03"""
    for who, score, comment in [(member, 5, "Alice was happy"), (other_member, 2, "Bob was not")]:
        t = services.open_ticket(member=who, kind="question", subject="q", body="b")
        services.close_ticket(ticket=t, staff=agent)
        services.submit_survey(ticket=t, member=who, score=score, is_resolved=score > 3, comment=comment)
    response = admin_client.get(reverse("admin:support_satisfactionsurvey_changelist"))
    page = response.content.decode()
    assert response.status_code == 200 and "3.50" in page
    assert "Alice was happy" not in page and "Bob was not" not in page and "alice" not in page
    survey = SatisfactionSurvey.objects.first()
    assert admin_client.get(reverse("admin:support_satisfactionsurvey_change", args=[survey.pk])).status_code == 404


def test_an_unknown_step_and_a_get_are_refused(admin_client, ticket):
    assert admin_client.post(step(ticket, "explode")).status_code == 404
    assert admin_client.get(step(ticket, "freeze")).status_code == 405


def test_unfreezing_leaves_an_account_inactive_for_another_reason_alone(admin_client, ticket, member):
    Member.objects.filter(pk=member.pk).update(is_active=False, phone_verified_at="2026-01-01T00:00:00Z")
    admin_client.post(step(ticket, "verify"), {"method": "sms_code"})
    response = admin_client.post(step(ticket, "unfreeze"), follow=True)
    member.refresh_from_db()
    assert not member.is_active and not TicketAction.objects.exists()
    assert "Customer service has not frozen this account." in response.content.decode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("answer", {"body": "hi\x00there"}),
        ("answer", {"body": "x" * 5001}),
        ("answer", {"body": ""}),
        ("call", {"direction": "inbound", "started_at": "yesterday", "duration_seconds": "60", "summary": "s"}),
        ("call", {"direction": "sideways", "started_at": "2026-11-30 10:00", "duration_seconds": "60", "summary": "s"}),
        ("call", {"direction": "inbound", "started_at": "2026-11-30 10:00", "duration_seconds": "-1", "summary": "s"}),
        ("verify", {"method": "asked_for_password"}),
    ],
)
def test_bad_staff_input_writes_nothing(admin_client, ticket, name, data):
    response = admin_client.post(step(ticket, name), data, follow=True)
    assert response.status_code == 200 and 'class="error"' in response.content.decode()
    assert TicketMessage.objects.filter(ticket=ticket).count() == 1
    assert not ticket.calls.exists() and not IdentityCheck.objects.exists()


def test_staff_who_may_only_view_tickets_cannot_act(client, ticket, django_user_model):
    from django.contrib.auth.models import Permission

    from tests.staff import sign_in_staff

    viewer = django_user_model.objects.create_user("viewer", "staff password 1234", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_ticket"))
    sign_in_staff(client, viewer)
    assert client.get(reverse("admin:support_ticket_change", args=[ticket.pk])).status_code == 200
    assert client.post(step(ticket, "verify"), {"method": "sms_code"}).status_code == 403
    assert client.post(step(ticket, "answer"), {"body": "Hello"}).status_code == 403
    assert not IdentityCheck.objects.exists() and TicketMessage.objects.count() == 1


def test_a_closed_ticket_takes_no_answer(admin_client, ticket, agent):
    services.close_ticket(ticket=ticket, staff=agent)
    response = admin_client.post(step(ticket, "answer"), {"body": "Late answer"}, follow=True)
    assert "This ticket is closed." in response.content.decode()
    assert not TicketMessage.objects.filter(body="Late answer").exists()


def test_the_ticket_page_in_admin_makes_a_bounded_number_of_queries(
    admin_client, ticket, agent, django_assert_max_num_queries
):
    admin_client.post(step(ticket, "verify"), {"method": "sms_code"})
    for n in range(10):
        services.answer_ticket(ticket=ticket, staff=agent, body=f"Answer {n}")
    url = reverse("admin:support_ticket_change", args=[ticket.pk])
    admin_client.get(url)
    with django_assert_max_num_queries(15):
        assert admin_client.get(url).status_code == 200
