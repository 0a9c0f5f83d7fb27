"""Reviews of goods the member bought and received: writing, pictures, public display, hostile input."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from orders.models import Order
from publishing.models import Review, ReviewPicture
from tests.images import png
from tests.publishing.conftest import order_of

pytestmark = pytest.mark.django_db


def picture(name="p.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content if content is not None else png(text="GPS 30.2,120.1"), content_type)


def write(client, commodity, **data):
    payload = {"rating": "5", "text": "Strong and light.", **data}
    return client.post(reverse("publishing:review-create", args=[commodity.pk]), payload)


def test_a_member_without_a_received_order_cannot_review_and_a_posted_review_is_listed(client, member, drill):
    """A member with no completed order for a product cannot review it; a posted review appears in its list."""
    # clause: PUB-01
    client.force_login(member)

    refused_page = client.get(reverse("publishing:review-create", args=[drill.pk]))
    refused = write(client, drill)

    assert refused_page.status_code == refused.status_code == 403
    assert "You can review only goods you bought and received" in refused.content.decode()
    assert not Review.objects.exists()

    order_of(member, drill, status=Order.Status.SHIPPED)  # sent, not yet received
    assert write(client, drill).status_code == 403
    assert not Review.objects.exists()

    order_of(member, drill)  # received
    response = write(client, drill, text="Drills through oak easily.")

    assert response.status_code == 302
    review = Review.objects.get()
    assert review.order_item.order.status == Order.Status.COMPLETED
    listing = client.get(reverse("publishing:commodity-reviews", args=[drill.pk])).content.decode()
    page = client.get(reverse("catalog:commodity", args=[drill.pk])).content.decode()
    assert "Drills through oak easily." in listing and "Drills through oak easily." in page
    assert "Alice W." in page


def test_one_review_per_received_order_item(client, member, drill, bought):
    client.force_login(member)
    assert write(client, drill).status_code == 302

    assert write(client, drill).status_code == 403
    assert Review.objects.count() == 1


def test_pictures_are_re_encoded_and_shown_without_their_metadata(client, member, drill, bought, media):
    client.force_login(member)

    response = write(client, drill, pictures=[picture("a.png"), picture("b.png")])

    assert response.status_code == 302
    stored = list(ReviewPicture.objects.order_by("position"))
    assert len(stored) == 2
    for row in stored:
        assert row.image.name.startswith("reviews/") and row.image.name.endswith(".png")
        data = (media / row.image.name).read_bytes()
        assert b"GPS" not in data
        with Image.open(BytesIO(data)) as image:
            assert image.size == (32, 32)
    page = client.get(reverse("catalog:commodity", args=[drill.pk])).content.decode()
    assert stored[0].image.url in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (picture("x.png", b"<script>alert(1)</script>"), "Upload PNG or JPEG pictures."),
        (picture("x.png", b"GIF89a" + b"<script>alert(1)</script>", "image/gif"), "Upload PNG or JPEG pictures."),
        (picture("big.png", png(size=(1, 1)) + b"\0" * (3 * 1024 * 1024)), "Each picture may be at most 3 MB."),
    ],
    ids=["script-named-png", "script-behind-gif-header", "over-3-mb"],
)
def test_a_wrong_or_oversized_picture_is_refused_and_nothing_is_written(
    client, member, drill, bought, media, upload, message
):
    client.force_login(member)

    response = write(client, drill, pictures=[picture("good.png"), upload])

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Review.objects.exists() and not ReviewPicture.objects.exists()
    assert list(media.rglob("*.*")) == []


def test_more_than_nine_pictures_are_refused(client, member, drill, bought):
    client.force_login(member)

    response = write(client, drill, pictures=[picture(f"{i}.png") for i in range(10)])

    assert response.status_code == 400
    assert "Add at most 9 pictures." in response.content.decode()
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [("bad\x00byte", "Null characters are not allowed."), ("x" * 2001, "at most 2000 characters")],
    ids=["nul", "over-long"],
)
def test_nul_bytes_and_over_long_text_are_refused(client, member, drill, bought, text, message):
    client.force_login(member)

    response = write(client, drill, text=text)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Review.objects.exists()


def test_script_in_a_review_is_shown_as_text(client, member, drill, bought):
    client.force_login(member)
    write(client, drill, text='<script>alert("x")</script>')

    html = client.get(reverse("catalog:commodity", args=[drill.pk])).content.decode()

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_review_without_csrf_token_is_refused(member, drill, bought):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    response = write(client, drill)

    assert response.status_code == 403
    assert not Review.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, drill):
    response = client.get(reverse("publishing:review-create", args=[drill.pk]))

    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_reviews_show_the_nickname_never_the_member_name_real_name_or_phone(client, member, other_member, drill):
    member.real_name = "Wang Xiaoli"
    member.save(update_fields=["real_name"])
    order_of(member, drill)
    order_of(other_member, drill)  # bob has no nickname
    for author in (member, other_member):
        client.force_login(author)
        write(client, drill, text=f"Review by {author.pk}")
    client.logout()

    html = client.get(reverse("catalog:commodity", args=[drill.pk])).content.decode()
    listing = client.get(reverse("publishing:commodity-reviews", args=[drill.pk])).content.decode()

    for page in (html, listing):
        assert "Alice W." in page and "1688 member" in page
        for secret in ("alice", "bob", "Wang Xiaoli", "13800138001", "13800138002"):
            assert secret not in page


def test_the_store_page_lists_the_reviews_of_its_goods(client, member, drill, bought, store):
    client.force_login(member)
    write(client, drill, text="Good store.")

    html = client.get(reverse("catalog:store", args=[store.slug])).content.decode()
    listing = client.get(reverse("publishing:store-reviews", args=[store.slug])).content.decode()

    assert "Good store." in html and "Alice W." in html and "Good store." in listing


def test_the_commodity_review_list_needs_the_same_queries_for_three_or_thirty_reviews(
    client, member, drill, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            item = order_of(member, drill)
            review = Review.objects.create(author=member, commodity=drill, order_item=item, rating=4, text=f"r{i}")
            ReviewPicture.objects.create(review=review, image=f"reviews/{i}.png")

    url = reverse("publishing:commodity-reviews", args=[drill.pk])
    add(3)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    add(27)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count('data-testid="review"') == 20
    with django_assert_max_num_queries(12):
        assert client.get(reverse("catalog:commodity", args=[drill.pk])).status_code == 200
