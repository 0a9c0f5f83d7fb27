"""Store chat pages (INT-06, SEC-11): a member writes to a store about a commodity or one of their orders and reads
the answers under Messages; the store's staff answer on their seller pages. The chats are kept by interactions;
these pages live here because they need the catalog's stores and the member's orders."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog.models import Store
from catalog.selectors import is_store_staff, listed
from interactions import selectors as chats
from interactions import services as chat_services
from interactions.models import ChatMessage
from orders import selectors, sellers
from orders.forms import ChatMessageForm
from orders.models import OrderItem

CHATS_PAGE = 20


def warn_of_fraud(request: HttpRequest, warning: str) -> None:
    """SEC-11: tell the sender at once that what they wrote looks like a fraud pattern."""
    if warning:
        messages.warning(request, f"{chats.ANTI_FRAUD_LEAD} {warning}")


def _send(request: HttpRequest, send: Callable[[str], ChatMessage]) -> tuple[ChatMessageForm, ChatMessage | None]:
    """Validate the posted message and hand it to `send`; the sent message, or the form with its errors."""
    form = ChatMessageForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not form.is_valid():
        return form, None
    try:
        sent = send(form.cleaned_data["body"])
    except ValidationError as error:
        form.add_error("body", error)
        return form, None
    warn_of_fraud(request, sent.fraud_warning)
    return form, sent


def _thread(request: HttpRequest, conversation, *, by_store: bool, send, template: str, context: dict) -> HttpResponse:
    """A conversation page for the member or the store's staff: show it (marking it read), or send a message."""
    form, sent = _send(request, send)
    if sent is not None:
        return redirect(request.path)
    if request.method != "POST":
        chat_services.mark_conversation_read(conversation=conversation, by_store=by_store)
    return render(
        request,
        template,
        {"conversation": conversation, "chat_messages": chats.chat_messages(conversation), "form": form, **context},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def chat_list(request: HttpRequest) -> HttpResponse:
    """The member's store chats, part of Messages (INT-06)."""
    page = Paginator(chats.conversations_for(request.user), CHATS_PAGE).get_page(request.GET.get("page"))
    return render(request, "orders/chat_list.html", {"page": page, "muted": chats.muted_store_ids(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def chat_thread(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's own conversation only: another member's is a 404."""
    conversation = get_object_or_404(chats.conversations_for(request.user).select_related("member"), pk=pk)
    return _thread(
        request,
        conversation,
        by_store=False,
        send=lambda body: chat_services.send_chat_message(member=request.user, conversation=conversation, body=body),
        template="orders/chat_thread.html",
        context={"is_muted": chats.is_store_muted(request.user, conversation.store_id)},
    )


@login_required
@require_POST
def chat_mute(request: HttpRequest, pk: int) -> HttpResponse:
    """Mute or unmute the conversation's store: its messages still arrive, without notices (INT-06)."""
    conversation = get_object_or_404(chats.conversations_for(request.user), pk=pk)
    is_muted = request.POST.get("is_muted") == "1"
    chat_services.set_store_muted(member=request.user, store_id=conversation.store_id, is_muted=is_muted)
    store = conversation.store.name
    if is_muted:
        messages.success(
            request, _("Chat with %(store)s muted: its messages still arrive, without notices.") % {"store": store}
        )
    else:
        messages.success(request, _("Notices of the chat with %(store)s are on again.") % {"store": store})
    return redirect("orders:chat", pk=conversation.pk)


def _start(request: HttpRequest, *, store, subject: str, commodity=None, order=None) -> HttpResponse:
    def send(body: str) -> ChatMessage:
        _conversation, sent = chat_services.start_conversation(
            member=request.user, store=store, subject=subject, body=body, commodity=commodity, order=order
        )
        return sent

    form, sent = _send(request, send)
    if sent is not None:
        return redirect("orders:chat", pk=sent.conversation_id)
    return render(
        request,
        "orders/store_chat_start.html",
        {"store": store, "subject": subject, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def chat_about_commodity(request: HttpRequest, pk: int) -> HttpResponse:
    commodity = get_object_or_404(listed().select_related("store"), pk=pk)
    return _start(request, store=commodity.store, subject=commodity.title, commodity=commodity)


@login_required
@require_http_methods(["GET", "POST"])
def chat_about_order(request: HttpRequest, number: str, store_id: int) -> HttpResponse:
    """Only the member's own order, and only a store whose goods are in it (404 otherwise)."""
    order = get_object_or_404(selectors.orders_for(request.user), number=number)
    in_order = OrderItem.objects.filter(order=order).values("commodity__store_id")
    store = get_object_or_404(Store.objects.filter(pk__in=in_order), pk=store_id)
    return _start(request, store=store, subject=_("Order %(number)s") % {"number": order.number}, order=order)


@login_required
@require_GET
def seller_chat_list(request: HttpRequest) -> HttpResponse:
    if not is_store_staff(request.user):
        raise Http404
    store = sellers.chosen_store(request.user, request.GET.get("store"))
    chats_of_store = sellers.seller_conversations(request.user, store=store)
    page = Paginator(chats_of_store, CHATS_PAGE).get_page(request.GET.get("page"))
    return render(request, "orders/seller_chat_list.html", {"page": page, "store": store})


@login_required
@require_http_methods(["GET", "POST"])
def seller_chat(request: HttpRequest, pk: int) -> HttpResponse:
    """A store's staff answer a chat of their store; another store's chat is a 404."""
    conversation = get_object_or_404(sellers.seller_conversations(request.user), pk=pk)
    return _thread(
        request,
        conversation,
        by_store=True,
        send=lambda body: chat_services.reply_as_store(staff_member=request.user, conversation=conversation, body=body),
        template="orders/seller_chat.html",
        context={},
    )
