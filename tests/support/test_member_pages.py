"""The member's customer-service pages: tickets and disputes, the conversation, attachments, the questionnaire."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from support import services
from support.models import Attachment, SatisfactionSurvey, Ticket, TicketMessage
from tests.images import png

pytestmark = pytest.mark.django_db


def test_a_visitor_is_sent_to_sign_in(client):
    for url in [reverse("support:list"), reverse("support:new"), reverse("support:detail", args=[1])]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_opens_a_dispute_about_their_order_with_a_picture(client, member, order):
    """clause: CS-02"""
    client.force_login(member)
    response = client.post(
        reverse("support:new"),
        {
            "kind": "dispute",
            "order": order.number,
            "subject": "Broken lid",
            "body": "It arrived cracked.",
            "image": SimpleUploadedFile("photo.png", png(text="secret exif"), content_type="image/png"),
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("support:detail", args=[ticket.pk])
    assert ticket.order == order and ticket.member == member
    attachment = Attachment.objects.get()
    assert attachment.message.ticket == ticket and b"secret exif" not in bytes(attachment.content)
    # The member sees the picture; the same URL under another member is a 404.
    url = reverse("support:attachment", args=[ticket.pk, attachment.pk])
    shown = client.get(url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    assert shown["X-Content-Type-Options"] == "nosniff"


def test_a_ticket_can_link_only_to_the_members_own_order(client, member, others_order):
    """clause: CS-02"""
    client.force_login(member)
    response = client.post(
        reverse("support:new"), {"kind": "dispute", "order": others_order.number, "subject": "x", "body": "y"}
    )
    assert response.status_code == 400 and "order" in response.context["form"].errors
    assert client.get(reverse("support:new") + f"?order={others_order.number}").status_code == 404
    assert not Ticket.objects.exists()


def test_another_members_ticket_and_attachment_are_not_found(client, other_member, ticket):
    client.force_login(other_member)
    assert client.get(reverse("support:detail", args=[ticket.pk])).status_code == 404
    assert client.post(reverse("support:detail", args=[ticket.pk]), {"body": "hi"}).status_code == 404
    assert (
        client.post(reverse("support:survey", args=[ticket.pk]), {"score": 5, "is_resolved": "yes"}).status_code == 404
    )
    assert client.get(reverse("support:attachment", args=[ticket.pk, 1])).status_code == 404
    assert TicketMessage.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [
        ("body", "hello\x00world", 400),
        ("body", "x" * 5001, 400),
        ("subject", "s" * 201, 400),
        ("kind", "nonsense", 400),
        ("body", "My password is hunter22, please check", 400),
    ],
)
def test_bad_input_writes_nothing(client, member, field, value, status):
    client.force_login(member)
    data = {"kind": "question", "subject": "Hello", "body": "A question", field: value}
    assert client.post(reverse("support:new"), data).status_code == status
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("photo.png", b"<script>alert(1)</script>", content_type="image/png"),
        SimpleUploadedFile("notes.txt", png(), content_type="text/plain"),
        SimpleUploadedFile("anim.gif", b"GIF89a" + b"\x00" * 40, content_type="image/gif"),
    ],
)
def test_a_wrong_type_upload_is_refused(client, member, upload):
    client.force_login(member)
    data = {"kind": "question", "subject": "Hello", "body": "A question", "image": upload}
    response = client.post(reverse("support:new"), data)
    if upload.name == "notes.txt":
        # The name lies, the bytes are a real PNG: it is judged by content and re-encoded.
        assert response.status_code == 302 and Attachment.objects.get().file_name.endswith(".png")
    else:
        assert response.status_code == 400 and not Ticket.objects.exists()


def test_script_in_a_message_is_shown_escaped(client, member, ticket):
    client.force_login(member)
    client.post(reverse("support:detail", args=[ticket.pk]), {"body": "<script>alert('x')</script>"})
    page = client.get(reverse("support:detail", args=[ticket.pk])).content.decode()
    assert "<script>alert(" not in page and "&lt;script&gt;alert(" in page


def test_missing_csrf_is_refused(member):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member)
    response = csrf_client.post(reverse("support:new"), {"kind": "question", "subject": "s", "body": "b"})
    assert response.status_code == 403 and not Ticket.objects.exists()


def test_no_support_form_asks_for_a_password(client, member, ticket):
    client.force_login(member)
    pages = [reverse("support:new"), reverse("support:detail", args=[ticket.pk]), reverse("support:assistant")]
    for url in pages:
        page = client.get(url).content.decode()
        assert 'type="password"' not in page
        assert "never ask for your password" in page or url == reverse("support:assistant")


def test_the_list_and_detail_make_a_bounded_number_of_queries(client, member, order, django_assert_max_num_queries):
    client.force_login(member)
    for n in range(3):
        t = services.open_ticket(member=member, kind="question", subject=f"Q{n}", body="b", order=order)
        for _ in range(5):
            services.add_member_message(ticket=t, member=member, body="more", images=[])
    client.get(reverse("support:list"))  # the session and the member are loaded once either way
    with django_assert_max_num_queries(8):
        response = client.get(reverse("support:list"))
    assert response.content.decode().count("data-ticket=") == 3
    with django_assert_max_num_queries(8):
        response = client.get(reverse("support:detail", args=[t.pk]))
    assert response.content.decode().count("data-message=") == 6


def test_a_member_reads_the_answer_and_fills_in_the_questionnaire(client, member, ticket, agent):
    """clause: CS-03"""
    services.answer_ticket(ticket=ticket, staff=agent, body="We are sending a new lid.")
    services.close_ticket(ticket=ticket, staff=agent)
    client.force_login(member)
    page = client.get(reverse("support:detail", args=[ticket.pk])).content.decode()
    assert "We are sending a new lid." in page and 'data-survey="form"' in page
    response = client.post(
        reverse("support:survey", args=[ticket.pk]), {"score": "4", "is_resolved": "yes", "comment": "Quick"}
    )
    assert response.status_code == 302
    survey = SatisfactionSurvey.objects.get()
    assert survey.ticket == ticket and survey.score == 4 and survey.is_resolved
    # Once only.
    again = client.post(reverse("support:survey", args=[ticket.pk]), {"score": "1", "is_resolved": "no"})
    assert again.status_code == 400 and SatisfactionSurvey.objects.get().score == 4


def test_the_questionnaire_waits_for_the_ticket_to_close(client, member, ticket):
    client.force_login(member)
    response = client.post(reverse("support:survey", args=[ticket.pk]), {"score": "5", "is_resolved": "yes"})
    assert response.status_code == 400 and not SatisfactionSurvey.objects.exists()
    bad = client.post(reverse("support:survey", args=[ticket.pk]), {"score": "9", "is_resolved": "yes"})
    assert bad.status_code == 400


def test_the_member_is_told_when_staff_answer_and_close(member, ticket, agent):
    from interactions.models import Message

    services.answer_ticket(ticket=ticket, staff=agent, body="Answer")
    services.close_ticket(ticket=ticket, staff=agent)
    titles = list(Message.objects.filter(member=member).values_list("title", flat=True))
    assert "Customer service answered your ticket" in titles and "Your ticket was closed" in titles
