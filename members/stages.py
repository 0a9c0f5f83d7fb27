"""Login stages: an SMS code when a password sign-in looks risky (SEC-02); staff sign in without a phone."""

from __future__ import annotations

import secrets
import time

from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.stages import LoginStage, PhoneVerificationStage
from django.contrib.auth.hashers import check_password, make_password
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from interactions.services import send_code_sms
from members import risk
from members.models import RiskDecision

CODE_SECONDS = 5 * 60
MAX_ATTEMPTS = 3


class RiskStepUpStage(LoginStage):
    key = "members_risk_step_up"
    urlname = "members:step-up"

    def handle(self):
        user = self.login.user
        records = get_authentication_records(self.request, user)
        if not records or records[-1].get("method") != "password" or not user.phone:
            # A sign-in by SMS code or a linked provider has already proved more than a password.
            return None, True
        decision = risk.assess_login(
            member=user,
            ip_address=self.request.META.get("REMOTE_ADDR"),
            user_agent=self.request.headers.get("user-agent", "")[:300],
        )
        if decision.outcome == RiskDecision.Outcome.ALLOW:
            return None, True
        code = f"{secrets.randbelow(10**6):06d}"
        self.state.update({"code": make_password(code), "sent_at": time.time(), "attempts": 0})
        send_code_sms(
            phone=user.phone,
            member=user,
            body=_("A sign-in from a new device needs this code: %(code)s. If it was not you, change your password.")
            % {"code": code},
        )
        return redirect(self.urlname), True

    def check(self, code: str) -> bool:
        """Compare the code (hashed, so compared in constant time) unless it expired or was tried too often."""
        self.state["attempts"] = self.state.get("attempts", 0) + 1
        fresh = time.time() - self.state.get("sent_at", 0) < CODE_SECONDS
        return fresh and self.state["attempts"] <= MAX_ATTEMPTS and check_password(code, self.state.get("code", ""))

    @property
    def is_exhausted(self) -> bool:
        return self.state.get("attempts", 0) >= MAX_ATTEMPTS


class StaffAwarePhoneVerificationStage(PhoneVerificationStage):
    """allauth's phone check, except for staff without a number: admin asks them for a TOTP code instead."""

    def handle(self):
        user = self.login.user
        if user is not None and user.is_staff and not user.phone:
            return None, True
        return super().handle()
