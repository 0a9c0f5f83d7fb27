"""/api/v1/messages/: the Messages inbox for the app, read and cleared through the interactions services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interactions.models import AlertCategory, Message
from interactions.selectors import unread_count

pytestmark = pytest.mark.django_db
MESSAGES = "/api/v1/messages/"


def message(member, title, *, minutes_ago=0):
    return Message.objects.create(
        member=member,
        kind=AlertCategory.SERVICE,
        title=title,
        body="<b>body</b>",
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def inbox(member, other_member):
    return {
        "old": message(member, "Old", minutes_ago=10),
        "new": message(member, "New"),
        "theirs": message(other_member, "Theirs"),
    }


def test_the_member_reads_their_inbox_newest_first(client, member, inbox):
    client.force_login(member)

    body = client.get(MESSAGES).json()

    assert [row["title"] for row in body["results"]] == ["New", "Old"]
    assert body["results"][0]["read_at"] is None
    assert body["results"][0]["body"] == "<b>body</b>"


def test_the_inbox_takes_a_bounded_number_of_queries(client, member, django_assert_max_num_queries):
    Message.objects.bulk_create([Message(member=member, kind="service", title=f"M{n}") for n in range(40)])
    client.force_login(member)
    client.get(MESSAGES)

    with django_assert_max_num_queries(5):
        assert len(client.get(MESSAGES).json()["results"]) == 20


def test_marking_some_read_counts_only_the_members_own(client, member, other_member, inbox):
    client.force_login(member)
    assert unread_count(member) == 2

    response = client.post(
        f"{MESSAGES}read/", {"ids": [inbox["old"].pk, inbox["theirs"].pk]}, content_type="application/json"
    )

    assert response.json() == {"count": 1}
    assert unread_count(member) == 1
    inbox["theirs"].refresh_from_db()
    assert inbox["theirs"].read_at is None


def test_marking_all_read_leaves_other_members_alone(client, member, inbox):
    client.force_login(member)

    response = client.post(f"{MESSAGES}read/", {}, content_type="application/json")

    assert response.json() == {"count": 2}
    assert not Message.objects.filter(member=member, read_at__isnull=True).exists()
    assert Message.objects.filter(pk=inbox["theirs"].pk, read_at__isnull=True).exists()


def test_deleting_several_removes_only_the_members_own(client, member, inbox):
    client.force_login(member)

    response = client.post(
        f"{MESSAGES}delete/", {"ids": [inbox["new"].pk, inbox["theirs"].pk]}, content_type="application/json"
    )

    assert response.json() == {"count": 1}
    assert set(Message.objects.values_list("title", flat=True)) == {"Old", "Theirs"}


def test_one_message_is_read_and_deleted_by_its_id(client, member, inbox):
    client.force_login(member)

    assert client.get(f"{MESSAGES}{inbox['new'].pk}/").json()["title"] == "New"
    assert client.delete(f"{MESSAGES}{inbox['new'].pk}/").status_code == 204
    assert not Message.objects.filter(pk=inbox["new"].pk).exists()


@pytest.mark.parametrize("method", ["get", "delete"])
def test_another_members_message_is_404_and_stays(client, member, inbox, method):
    client.force_login(member)

    assert getattr(client, method)(f"{MESSAGES}{inbox['theirs'].pk}/").status_code == 404
    assert Message.objects.filter(pk=inbox["theirs"].pk).exists()


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("delete/", {}, "ids"),
        ("delete/", {"ids": []}, "ids"),
        ("delete/", {"ids": "all"}, "ids"),
        ("delete/", {"ids": [1], "everything": True}, "everything"),
        ("read/", {"ids": [0]}, "ids"),
        ("read/", {"ids": list(range(1, 102))}, "ids"),
        ("read/", {"all": True}, "all"),
    ],
)
def test_bad_input_is_a_field_error_and_changes_nothing(client, member, inbox, url, body, field):
    client.force_login(member)

    response = client.post(f"{MESSAGES}{url}", body, content_type="application/json")

    assert response.status_code == 400
    assert field in response.json()
    assert Message.objects.filter(read_at__isnull=True).count() == 3


def test_malformed_json_is_a_400(client, member, inbox):
    client.force_login(member)

    assert client.post(f"{MESSAGES}delete/", "{ids: [", content_type="application/json").status_code == 400
    assert Message.objects.count() == 3


def test_a_visitor_gets_401(client, inbox):
    assert client.get(MESSAGES).status_code == 401
    assert client.post(f"{MESSAGES}read/", {}, content_type="application/json").status_code == 401
