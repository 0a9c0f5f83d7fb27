"""POL-09: analytics and training data are de-identified; the algorithm principles are public."""

import re

import pytest
from django.urls import reverse

from privacy.deidentify import deidentify, pseudonym

PHONE = re.compile(r"1[3-9]\d{9}")
ID_NUMBER = re.compile(r"\d{17}[\dXx]")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def test_deidentify_drops_direct_identifiers_and_pseudonymises_member_ids():
    # clause: POL-09
    rows = deidentify(
        [
            {
                "member_id": 7,
                "member_name": "alice",
                "real_name": "Wang Fang",
                "phone": "+8613800138001",
                "email": "alice@example.com",
                "delivery_address": "18 Binjiang Avenue, Shenzhen",
                "id_number": "11010519491231002X",
                "note": "call me on 138 0013 8001 or alice@example.com, ID 11010519491231002X",
                "total_amount": 10,
            }
        ]
    )

    assert rows == [
        {
            "member_id": pseudonym(7),
            "note": "call me on [removed] or [removed], ID [removed]",
            "total_amount": 10,
        }
    ]


def test_pseudonyms_are_stable_and_do_not_reveal_the_id():
    # clause: POL-09
    assert pseudonym(7) == pseudonym(7)
    assert pseudonym(7) != pseudonym(8)
    assert pseudonym(7).startswith("m-") and len(pseudonym(7)) == 18
    assert pseudonym(7, kind="order") != pseudonym(7)


def test_deidentify_accepts_plain_text():
    # clause: POL-09
    assert deidentify("Reach +86 139-0013-9000") == "Reach [removed]"


@pytest.mark.django_db
def test_the_algorithm_principles_page_is_public_and_linked_from_footer_and_policy(client):
    # clause: POL-09, BRW-06, BRW-07, BRW-10
    url = reverse("privacy:algorithms")

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Personalised recommendations" in html and "Without personalisation" in html
    assert reverse("centre:privacy") in html
    assert f'href="{url}"' in client.get(reverse("home")).content.decode()
    assert f'href="{url}"' in client.get(reverse("privacy:policy")).content.decode()
