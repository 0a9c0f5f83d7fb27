"""Featured posts on the home page, kept per worker (issue 14): what staff, the author or the erasure engine
change shows on the very next home page, for visitors and members alike."""

import pytest
from django.test import Client
from django.urls import reverse

from members.models import Member
from publishing import services
from publishing.models import Post
from rights.erasure import run_erasure, start_erasure

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return Member.objects.create_superuser("editor", "a long enough secret", phone="+8613800138099")


@pytest.fixture
def featured(member, staff):
    member.nickname = "Bench maker"
    member.save()
    post = Post.objects.create(author=member, text="My new workbench")
    services.feature_post(post=post, by=staff)
    return post


def home(client=None) -> str:
    return (client or Client()).get(reverse("home")).content.decode()


def test_featuring_and_unfeaturing_show_on_the_next_home_page(member, staff):
    # clause: PUB-04
    post = Post.objects.create(author=member, text="Soldering tips")
    assert "Soldering tips" not in home()  # the empty list is kept now

    services.feature_post(post=post, by=staff)
    assert "Soldering tips" in home()

    services.unfeature_post(post=post)
    assert "Soldering tips" not in home()


def test_the_authors_edit_new_nickname_and_deletion_show_on_the_next_home_page(client, member, featured):
    # clause: PUB-07
    client.force_login(member)
    assert "My new workbench" in home(client) and "Bench maker" in home()

    client.post(reverse("publishing:post-edit", args=[featured.pk]), {"text": "Workbench, finished", "link": ""})
    client.post(reverse("members:profile"), {"nickname": "Carpenter Li"})

    page = home()
    assert "Workbench, finished" in page and "My new workbench" not in page
    assert "Carpenter Li" in page and "Bench maker" not in page

    client.post(reverse("publishing:post-delete", args=[featured.pk]))
    assert "Workbench, finished" not in home() and "Workbench, finished" not in home(client)
    assert Client().get(reverse("publishing:post", args=[featured.pk])).status_code == 404


def test_a_closed_accounts_featured_post_leaves_the_home_page_with_the_erasure(member, featured):
    assert "My new workbench" in home()

    run_erasure(start_erasure(member=member, reason="account closed").pk)

    assert not Post.objects.exists()
    page = home()
    assert "My new workbench" not in page and "Bench maker" not in page


def test_a_signed_in_home_page_with_featured_posts_costs_no_query_for_them(
    client, member, featured, django_assert_num_queries
):
    client.force_login(member)
    assert "My new workbench" in home(client)

    with django_assert_num_queries(1):  # the member
        page = home(client)
    assert "My new workbench" in page
