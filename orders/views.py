"""Cart, address book, checkout and My Orders pages (section II(III)); all need a signed-in member."""

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog.selectors import is_store_staff, listed, recommendations_for
from interactions.selectors import fraud_warnings
from orders import customs, my_alipay, payment_status, selectors, sellers, services
from orders.forms import AddressForm, AlipayChangeForm, CheckoutForm, PaymentForm, QuantityForm
from orders.models import AlipayAccount, Order
from orders.paging import page_without_count
from privacy.consent import context_from_request, has_consent
from privacy.purposes import Purpose
from privacy.third_party import loads_third_party_scripts

if TYPE_CHECKING:
    from members.models import Member

PAGE_SIZE = 20
RECOMMENDATIONS = 4


def _errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


# -- cart ------------------------------------------------------------------


@login_required
@require_GET
def cart(request: HttpRequest) -> HttpResponse:
    items = list(selectors.cart_for(request.user))
    return render(request, "orders/cart.html", {"items": items, "total": selectors.cart_total(items)})


@login_required
@require_POST
def cart_add(request: HttpRequest, commodity_id: int) -> HttpResponse:
    commodity = get_object_or_404(listed(), pk=commodity_id)
    form = QuantityForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("catalog:commodity", pk=commodity.pk)
    try:
        services.add_to_cart(member=request.user, commodity=commodity, quantity=form.cleaned_data["quantity"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("catalog:commodity", pk=commodity.pk)
    messages.success(request, _("Added %(title)s to your cart.") % {"title": commodity.title})
    return redirect("orders:cart")


@login_required
@require_POST
def cart_update(request: HttpRequest, pk: int) -> HttpResponse:
    form = QuantityForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("orders:cart")
    try:
        changed = services.set_cart_quantity(member=request.user, item_id=pk, quantity=form.cleaned_data["quantity"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("orders:cart")
    if not changed:
        raise Http404
    return redirect("orders:cart")


@login_required
@require_POST
def cart_remove(request: HttpRequest, pk: int) -> HttpResponse:
    if not services.remove_from_cart(member=request.user, item_id=pk):
        raise Http404
    return redirect("orders:cart")


# -- address book ------------------------------------------------------------


@login_required
@require_GET
def addresses(request: HttpRequest) -> HttpResponse:
    return render(request, "orders/addresses.html", {"addresses": selectors.addresses_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def address_create(request: HttpRequest) -> HttpResponse:
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = services.add_address(member=request.user, **form.cleaned_data)
        messages.success(request, _("Address saved."))
        if request.GET.get("next") == "checkout":
            # Back at checkout, the address just saved is the one chosen.
            return redirect(reverse("orders:checkout") + f"?address={address.pk}")
        return redirect("orders:addresses")
    return render(request, "orders/address_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def address_edit(request: HttpRequest, pk: int) -> HttpResponse:
    address = get_object_or_404(selectors.addresses_for(request.user), pk=pk)
    form = AddressForm(request.POST or None, instance=address)
    if request.method == "POST" and form.is_valid():
        services.update_address(member=request.user, pk=address.pk, **form.cleaned_data)
        messages.success(request, _("Address saved."))
        return redirect("orders:addresses")
    return render(request, "orders/address_form.html", {"form": form, "address": address})


@login_required
@require_POST
def address_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if not services.delete_address(member=request.user, pk=pk):
        raise Http404
    messages.success(request, _("Address deleted."))
    return redirect("orders:addresses")


# -- checkout ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def checkout(request: HttpRequest) -> HttpResponse:
    member = request.user
    items = list(selectors.cart_for(member))
    needs_customs = any(item.commodity.is_cross_border for item in items)
    has_customs_consent = needs_customs and has_consent(member, Purpose.CUSTOMS_ID)
    form = CheckoutForm(
        request.POST or None,
        member=member,
        needs_customs=needs_customs,
        has_customs_consent=has_customs_consent,
        initial={"address": request.GET.get("address", "")},
    )
    if not items:
        if request.method == "POST":
            form.is_valid()
            form.add_error(None, _("Your cart is empty."))
    elif request.method == "POST" and form.is_valid():
        try:
            order = services.place_order(
                member=member,
                consignee=form.consignee(),
                remarks=form.cleaned_data["remarks"].strip(),
                invoice=form.invoice(),
                customs_details=form.customs_details(),
                context=context_from_request(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Order %(number)s placed.") % {"number": order.number})
            return redirect("orders:detail", number=order.number)
    # A form with errors is shown again, like every form on the site: 200.
    return render(
        request,
        "orders/checkout.html",
        {"form": form, "items": items, "total": selectors.cart_total(items), "needs_customs": needs_customs},
    )


# -- My Orders -----------------------------------------------------------------


@login_required
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    # The filter is one select, written out in the template (no form widget rendering); an unknown status lists all.
    status = request.GET.get("status", "")
    if status not in Order.Status.values:
        status = ""
    orders = selectors.orders_without_items_for(request.user, status=status)
    page = page_without_count(orders, PAGE_SIZE, request.GET.get("page"))
    selectors.with_item_lists(list(page))
    # Everything the list shows of the orders: the page is kept per worker under it ({% fragment %}).
    rows_key = tuple(
        (o.number, o.created_at, str(o.total_amount), o.status, tuple((i.quantity, i.title) for i in o.item_list))
        for o in page
    )
    context = {"statuses": Order.Status.choices, "page": page, "status": status, "rows_key": rows_key}
    return render(request, "orders/order_list.html", context)


def _order_page(
    request: HttpRequest, order: Order, payment_form=None, fraud_warnings: list[str] | None = None
) -> HttpResponse:
    recommendations, personalised = recommendations_for(request.user, limit=RECOMMENDATIONS)
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "payment_form": payment_form or PaymentForm(),
            "customs_id_masked": customs.masked(order.customs_id_number_encrypted),
            "sharing": selectors.sharing_for_order(request.user, order),
            "recommendations": recommendations,
            "recommendations_personalised": personalised,
            "fraud_warnings": fraud_warnings,
        },
    )


@login_required
@require_GET
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    order = get_object_or_404(selectors.order_detail_for(request.user), number=number)
    return _order_page(request, order)


@login_required
@require_POST
def order_pay(request: HttpRequest, number: str) -> HttpResponse:
    order = get_object_or_404(selectors.order_detail_for(request.user), number=number)
    form = PaymentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        # SEC-11: a payer's account that looks like an outside channel is shown back with a warning first.
        warnings = fraud_warnings(data["payer_account"]) if data["is_paid_by_other"] else []
        if warnings and request.POST.get("fraud_warning_seen") != "1":
            return _order_page(request, order, payment_form=form, fraud_warnings=warnings)
        try:
            services.pay_order(
                member=request.user,
                order=order,
                partner_code=data["partner"],
                payer_account=data["payer_account"].strip(),
                payer_phone=data["payer_phone"],
                is_paid_by_other=data["is_paid_by_other"],
                payer_has_agreed=data["payer_agreed"],
                in_partner_app=data["in_partner_app"],
                payer_details_consent=data["payer_details_consent"],
                context=context_from_request(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            # The service rolled back; show the order as it is stored, not as it was being changed.
            order = get_object_or_404(selectors.order_detail_for(request.user), number=number)
        else:
            if data["in_partner_app"]:
                messages.success(request, _("Confirm the payment in the app; the order updates once it is paid."))
            else:
                messages.success(request, _("Order %(number)s is paid.") % {"number": order.number})
            return redirect("orders:detail", number=order.number)
    response = _order_page(request, order, payment_form=form)
    response.status_code = 400  # rejected: nothing was written
    return response


@login_required
@require_POST
def order_confirm(request: HttpRequest, number: str) -> HttpResponse:
    order = get_object_or_404(selectors.orders_for(request.user), number=number)
    try:
        services.confirm_receipt(member=request.user, order=order)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("orders:detail", number=order.number)


@login_required
@require_POST
def order_after_sales(request: HttpRequest, number: str) -> HttpResponse:
    order = get_object_or_404(selectors.orders_for(request.user), number=number)
    try:
        services.request_after_sales(member=request.user, order=order)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("orders:detail", number=order.number)


# -- My Alipay (TRX-08) ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@loads_third_party_scripts("alipay-sdk")  # SHR-11: the Alipay SDK loads only once its review is approved
def alipay_settings(request: HttpRequest) -> HttpResponse:
    form = AlipayChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            my_alipay.request_change(
                member=request.user,
                new_account=form.cleaned_data["new_account"],
                account_consent=form.cleaned_data["account_consent"],
                context=context_from_request(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your request was sent to customer service."))
            return redirect("orders:my-alipay")
    member = cast("Member", request.user)  # login_required
    account = AlipayAccount.objects.filter(member=member).first()
    change_requests = list(
        member.alipay_change_requests.only(
            "member_id", "new_account", "status", "decision_reason", "requested_at", "decided_at"
        )[:20]
    )
    for change in change_requests:
        change.new_account_masked = my_alipay.masked_account(change.new_account)  # type: ignore[attr-defined]  # for the template
    return render(
        request,
        "orders/my_alipay.html",
        {
            "form": form,
            "account_masked": my_alipay.masked_account(account.account) if account else "",
            "account": account,
            "change_requests": change_requests,
        },
        status=400 if request.method == "POST" else 200,  # a POST that got here was rejected
    )


# -- payment notices from Alipay (TRX-12) ---------------------------------------------


@csrf_exempt  # a server-to-server notice, authenticated by its HMAC signature instead
@require_POST
def alipay_notify(request: HttpRequest) -> HttpResponse:
    try:
        payment_status.receive_alipay_notice(body=request.body, signature=request.headers.get("X-Alipay-Signature", ""))
    except payment_status.NoticeRejected:
        return HttpResponseBadRequest("fail", content_type="text/plain")
    return HttpResponse("success", content_type="text/plain")


# -- the seller's orders (TRX-15) ---------------------------------------------------------


@login_required
@require_GET
def seller_order_list(request: HttpRequest) -> HttpResponse:
    if not is_store_staff(request.user):
        raise Http404
    store = sellers.chosen_store(request.user, request.GET.get("store"))
    orders = sellers.seller_orders(request.user, store=store)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "orders/seller_order_list.html", {"page": page, "store": store})


@login_required
@require_GET
def seller_centre(request: HttpRequest) -> HttpResponse:
    """A store's staff reach each of their stores' orders, chats and loyalty members here; anyone else gets a 404."""
    stores = list(sellers.seller_stores(request.user))
    if not stores:
        raise Http404
    return render(request, "orders/seller_centre.html", {"stores": stores})


@login_required
@require_GET
def seller_order_detail(request: HttpRequest, number: str) -> HttpResponse:
    order = sellers.seller_order(request.user, number)
    if order is None:
        raise Http404
    sellers.record_seller_access(order)
    return render(request, "orders/seller_order_detail.html", {"order": order})
