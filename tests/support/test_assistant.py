"""The automated first-line assistant (CS-04): FAQ answers by keywords, always labelled automated, a way to a person."""

import re

import pytest
from django.urls import reverse

from support.models import AssistantExchange, FaqEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def faq(db):
    FaqEntry.objects.create(
        question="Where is my parcel?",
        answer="Open My Orders and follow the tracking link.",
        keywords="parcel, delivery, tracking, 快递",
    )
    FaqEntry.objects.create(
        question="How do I get a refund?", answer="Open a dispute on the order.", keywords="refund, money back"
    )
    FaqEntry.objects.create(question="Hidden", answer="Not shown", keywords="refund", is_published=False)


def test_the_first_reply_is_shown_with_a_visible_automated_assistant_notice(client, faq):
    """clause: CS-04"""
    response = client.post(reverse("support:assistant"), {"question": "When will my parcel delivery arrive?"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Open My Orders and follow the tracking link." in page
    assert "data-automated-label" in page and "automated reply" in page
    assert "You are talking to an automated assistant, not a person." in page
    assert "Talk to a person" in page
    assert AssistantExchange.objects.get().faq.question == "Where is my parcel?"


def test_it_matches_chinese_keywords_and_ignores_unpublished_entries(client, faq):
    page = client.post(reverse("support:assistant"), {"question": "我的快递在哪里"}).content.decode()
    assert "follow the tracking link" in page
    page = client.post(reverse("support:assistant"), {"question": "I want a refund"}).content.decode()
    assert "Open a dispute on the order." in page and "Not shown" not in page


def test_an_unknown_question_offers_a_person(client, faq):
    page = client.post(reverse("support:assistant"), {"question": "Tell me a joke"}).content.decode()
    assert "could not find an answer" in page and "Talk to a person" in page
    assert AssistantExchange.objects.get().faq is None


def test_asking_for_a_person_opens_a_ticket_and_is_counted(client, member, faq):
    client.force_login(member)
    page = client.post(reverse("support:assistant"), {"question": "refund"}).content.decode()
    signed = re.search(r'name="exchange" value="([^"]+)"', page).group(1)
    response = client.post(reverse("support:assistant-person"), {"exchange": signed})
    assert response.status_code == 302 and response["Location"] == reverse("support:new")
    assert AssistantExchange.objects.get().handed_to_person
    # A forged or missing reference still reaches a person, and counts nothing.
    AssistantExchange.objects.update(handed_to_person=False)
    assert client.post(reverse("support:assistant-person"), {"exchange": "1"}).status_code == 302
    assert not AssistantExchange.objects.get().handed_to_person


def test_the_assistant_is_reachable_from_the_contact_page_and_my_tickets(client, member):
    assert reverse("support:assistant") in client.get(reverse("contact")).content.decode()
    client.force_login(member)
    assert reverse("support:assistant") in client.get(reverse("support:list")).content.decode()


@pytest.mark.parametrize("question", ["", "x\x00y", "q" * 301])
def test_bad_questions_are_refused_and_nothing_is_recorded(client, faq, question):
    assert client.post(reverse("support:assistant"), {"question": question}).status_code == 400
    assert not AssistantExchange.objects.exists()


def test_script_in_a_question_is_not_echoed_raw(client, faq):
    page = client.post(reverse("support:assistant"), {"question": "<script>alert(1)</script> parcel"}).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
