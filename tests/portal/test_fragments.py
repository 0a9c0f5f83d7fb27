"""The header and footer parts kept rendered in each worker (portal/templatetags/fragments.py, issue 14): each
shows what its key names, follows a change on the next request, and never carries one visitor's CSRF token to
another."""

import re

import pytest
from django.template.loader import get_template
from django.test import Client
from django.urls import reverse

from members.models import Member
from portal.templatetags.fragments import FragmentNode

pytestmark = pytest.mark.django_db

TOKENS = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def header(client) -> str:
    html = client.get(reverse("contact")).content.decode()
    return html.split("<header", 1)[1].split("</header>", 1)[0]


def test_the_header_is_rendered_once_and_then_reused(client, member):
    client.force_login(member)
    first = header(client)

    nodes = get_template("base.html").template.nodelist.get_nodes_by_type(FragmentNode)
    assert len([node for node in nodes if node.rendered]) >= 4  # nav, language list, account links, footer
    assert TOKENS.sub("", header(client)) == TOKENS.sub("", first)


def test_a_new_nickname_shows_on_the_next_page(client, member):
    client.force_login(member)
    assert "Alice W." in header(client)

    Member.objects.filter(pk=member.pk).update(nickname="Ally")

    page = header(client)
    assert "Ally" in page and "Alice W." not in page


def test_staff_see_the_admin_link_and_members_do_not(client, member, other_member):
    client.force_login(member)
    assert reverse("admin:index") not in header(client)

    Member.objects.filter(pk=member.pk).update(is_staff=True)
    assert reverse("admin:index") in header(client)

    other = Client()
    other.force_login(other_member)
    assert reverse("admin:index") not in header(other)


def test_signed_out_and_signed_in_headers_differ_and_follow_the_language(client, member):
    assert "Sign in" in header(client) and reverse("orders:cart") not in header(client)

    client.force_login(member)
    assert reverse("orders:cart") in header(client) and "Sign in" not in header(client)

    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    chinese = header(client)
    assert 'lang="zh-hans" selected' in chinese
    assert "Signed in as" not in chinese


def test_each_visitor_gets_their_own_csrf_token_and_return_path(member, other_member):
    alice, bob = Client(), Client()
    alice.force_login(member)
    bob.force_login(other_member)
    Member.objects.filter(pk=other_member.pk).update(nickname="Alice W.")  # the same header text as alice

    alice_page = alice.get(reverse("contact")).content.decode()
    bob_page = bob.get(reverse("home")).content.decode()

    assert set(TOKENS.findall(alice_page)).isdisjoint(TOKENS.findall(bob_page))
    assert f'name="next" value="{reverse("home")}"' in bob_page
    assert f'name="next" value="{reverse("contact")}"' in alice_page


def test_a_fragment_keeps_safe_and_plain_values_apart_and_renders_unhashable_ones_each_time():
    from django.template import engines
    from django.utils.safestring import mark_safe

    template = engines["django"].from_string(
        "{% load fragments %}{% fragment name value %}{{ value }}{% endfragment %}"
    )

    assert template.render({"value": "<b>"}) == "&lt;b&gt;"
    assert template.render({"value": mark_safe("<b>")}) == "<b>"
    assert template.render({"value": ["a"]}) == "[&#x27;a&#x27;]"
    assert template.render({"value": ["b"]}) == "[&#x27;b&#x27;]"


def test_a_csrf_token_inside_a_kept_fragment_is_each_requests_own(member, other_member):
    """The privacy centre's toggles sit in a fragment: it is kept with a placeholder, never with a visitor's token."""
    from django.middleware.csrf import _unmask_cipher_token

    pages = []
    for who in (member, other_member, member):
        visitor = Client()
        visitor.force_login(who)
        response = visitor.get(reverse("centre:privacy"))
        tokens = set(TOKENS.findall(response.content.decode()))
        assert len(tokens) == 1 and "placeholder" not in response.content.decode()
        secret = _unmask_cipher_token(tokens.pop())
        assert secret == visitor.cookies["csrftoken"].value
        pages.append(secret)
    assert len(set(pages)) == 3


def test_a_fragment_without_a_token_to_show_renders_none(member):
    from django.template import Context, Template

    template = Template("{% load fragments %}{% fragment t 1 %}[{% csrf_token %}]{% endfragment %}")

    assert template.render(Context({"csrf_token": "NOTPROVIDED"})) == "[]"
    assert template.render(Context({})) == "[]"
    assert (
        template.render(Context({"csrf_token": "abc"}))
        == '[<input type="hidden" name="csrfmiddlewaretoken" value="abc">]'
    )
