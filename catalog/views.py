"""Browsing pages (section II(II)): search, commodity and store pages, and the member's own lists."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog import loyalty, selectors, services
from catalog.forms import SearchForm
from catalog.models import CommodityCategory, Store
from catalog.services import Action
from privacy.links import absolute_url
from privacy.urlsafety import redirect_back

PAGE_SIZE = 24
LOYALTY_LIST = 100
RECENT_SEARCHES = 8
# Recommendation slots beside the member's own lists (BRW-08 applies to every slot).
RECOMMENDATIONS = 4
# Where each kind of row is managed, for the redirect after deleting.
MANAGE_PAGES = {
    "favorites": "catalog:favorites",
    "follows": "catalog:following",
    "history": "catalog:history",
    "searches": "catalog:history",
    "operations": "catalog:history",
    "blocks": "catalog:history",
}


def _back(request: HttpRequest, default: str):
    return redirect_back(request, request.POST.get("next") or request.GET.get("next"), default=reverse(default))


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Open to visitors (MEM-02); only signed-in members' searches are kept (BRW-03)."""
    form = SearchForm(request.GET or None)
    query, sort = "", "general"
    if form.is_valid():
        query, sort = form.cleaned_data["q"], form.cleaned_data["sort"]
    results = selectors.search_commodities(query=query, sort=sort, member=request.user)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    if query and page.number == 1:
        services.record_search(member=request.user, query=query)
    recent = []
    if request.user.is_authenticated:
        recent = selectors.recent_searches_for(request.user, limit=RECENT_SEARCHES)
    return render(
        request,
        "catalog/search.html",
        {
            "form": form,
            "query": query,
            "sort": sort,
            "page": page,
            "recent_searches": recent,
            "is_personalised": sort == "general" and selectors.is_personalised_for(request.user),
        },
    )


@require_GET
def commodity(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.listed(), pk=pk)
    if request.user.is_authenticated:
        services.record_view(member=request.user, commodity=item)
    context = {"commodity": item, **selectors.commodity_state_for(request.user, item)}
    return render(request, "catalog/commodity.html", context)


@require_GET
def store(request: HttpRequest, slug: str) -> HttpResponse:
    shop = get_object_or_404(Store, slug=slug)
    page = Paginator(selectors.listed().filter(store=shop).order_by("-sales_count", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    follows = request.user.is_authenticated and selectors.follows_for(request.user).filter(store=shop).exists()
    return render(
        request,
        "catalog/store.html",
        {
            "store": shop,
            "page": page,
            "follows_store": follows,
            "has_programme": loyalty.current_rules(shop) is not None,
            "is_store_staff": request.user.is_authenticated
            and loyalty.staffed_stores(request.user).filter(pk=shop.pk).exists(),
        },
    )


@login_required
@require_POST
def favorite(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.listed(), pk=pk)
    if services.add_favorite(member=request.user, commodity=item):
        messages.success(request, _("Saved to your favorites."))
    return _back(request, "catalog:favorites")


@login_required
@require_POST
def like(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.listed(), pk=pk)
    services.record_operation(member=request.user, action=Action.LIKE, commodity=item)
    messages.success(request, _("You liked %(title)s.") % {"title": item.title})
    return redirect("catalog:commodity", pk=item.pk)


@login_required
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.listed(), pk=pk)
    services.record_operation(member=request.user, action=Action.SHARE, commodity=item)
    url = reverse("catalog:commodity", args=[item.pk])
    messages.success(request, _("Share this link: %(link)s") % {"link": absolute_url(url)})
    return redirect(url)


@login_required
@require_POST
def follow_store(request: HttpRequest, slug: str) -> HttpResponse:
    shop = get_object_or_404(Store, slug=slug)
    if services.follow_store(member=request.user, store=shop):
        messages.success(request, _("You follow %(store)s.") % {"store": shop.name})
    return _back(request, "catalog:following")


@login_required
@require_POST
def follow_creator(request: HttpRequest, pk: int) -> HttpResponse:
    creator = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    if services.follow_creator(member=request.user, creator=creator):
        messages.success(request, _("You follow %(name)s.") % {"name": creator.public_name})
    return _back(request, "catalog:following")


@login_required
@require_POST
def block_category(request: HttpRequest, pk: int) -> HttpResponse:
    category = get_object_or_404(CommodityCategory, pk=pk)
    services.block_category(member=request.user, category=category)
    messages.success(request, _("We will not recommend %(category)s to you any more.") % {"category": category.name})
    return _back(request, "home")


@login_required
@require_GET
def favorites(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.favorites_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    recommendations, personalised = selectors.recommendations_for(request.user, limit=RECOMMENDATIONS)
    context = {"page": page, "recommendations": recommendations, "recommendations_personalised": personalised}
    return render(request, "catalog/favorites.html", context)


@login_required
@require_GET
def following(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.follows_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalog/following.html", {"page": page})


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    member = request.user
    context = {
        "views": Paginator(selectors.browsing_history_for(member), PAGE_SIZE).get_page(request.GET.get("page")),
        "searches": list(selectors.search_history_for(member)[:50]),
        "operations": list(selectors.operations_for(member)[:50]),
        "blocks": list(selectors.blocks_for(member)),
    }
    return render(request, "catalog/history.html", context)


@login_required
@require_POST
def delete_one(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in MANAGE_PAGES or not services.delete_one(member=request.user, kind=kind, pk=pk):
        raise Http404
    messages.success(request, _("Deleted."))
    return _back(request, MANAGE_PAGES[kind])


@login_required
@require_POST
def delete_all(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in MANAGE_PAGES:
        raise Http404
    count = services.delete_all(member=request.user, kind=kind)
    messages.success(request, _("Deleted %(count)d entries.") % {"count": count})
    return _back(request, MANAGE_PAGES[kind])


@require_GET
def store_rules(request: HttpRequest, slug: str) -> HttpResponse:
    """POL-05: the store's own membership rules, current version and earlier ones."""
    shop = get_object_or_404(Store, slug=slug)
    versions = list(loyalty.published_rules(shop)[:LOYALTY_LIST])
    return render(
        request,
        "catalog/store_rules.html",
        {"store": shop, "rules": loyalty.current_rules(shop), "versions": versions},
    )


@login_required
@require_http_methods(["GET", "POST"])
def store_membership(request: HttpRequest, slug: str) -> HttpResponse:
    """POL-05: join a store's membership programme after reading its rules (linked before the button)."""
    shop = get_object_or_404(Store, slug=slug)
    rules = loyalty.current_rules(shop)
    if rules is None:
        raise Http404
    membership = loyalty.memberships_for(request.user).filter(store=shop).first()
    error, status = "", 200
    if request.method == "POST":
        try:
            loyalty.join_programme(member=request.user, store=shop, rules_id=int(request.POST.get("rules", "0")))
        except (ValueError, ValidationError) as problem:
            error = problem.messages[0] if isinstance(problem, ValidationError) else _("Confirm the rules again.")
            status = 400
        else:
            messages.success(request, _("You joined the membership programme of %(store)s.") % {"store": shop.name})
            return redirect("catalog:store-memberships")
    return render(
        request,
        "catalog/store_membership.html",
        {"store": shop, "rules": rules, "membership": membership, "error": error},
        status=status,
    )


@login_required
@require_GET
def store_memberships(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalog/store_memberships.html",
        {"memberships": loyalty.memberships_for(request.user)[:LOYALTY_LIST]},
    )


@login_required
@require_POST
def leave_store_membership(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(loyalty.memberships_for(request.user), pk=pk)
    loyalty.leave_programme(member=request.user, membership=membership)
    messages.success(request, _("You left the membership programme of %(store)s.") % {"store": membership.store.name})
    return redirect("catalog:store-memberships")


@login_required
@require_GET
def seller_programme_members(request: HttpRequest, slug: str) -> HttpResponse:
    """The store's staff see their programme members, only the details the rules name (POL-05)."""
    shop = get_object_or_404(loyalty.staffed_stores(request.user), slug=slug)
    return render(
        request,
        "catalog/seller_programme_members.html",
        {"store": shop, "rows": loyalty.programme_members(shop, limit=LOYALTY_LIST)},
    )
