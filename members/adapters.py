"""How django-allauth treats members."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # MEM-01: an account needs a confirmed mobile number; allauth's plain
        # sign-up form has none, so registration is served by the members app.
        return False
