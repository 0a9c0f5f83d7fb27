from interactions import marketing


def marketing_popup(request) -> dict:
    """The marketing pop-up (INT-02) on every site page; cached, so no query."""
    if request.path.startswith("/admin/"):
        return {}
    return {"marketing_popup": marketing.popup_for(getattr(request, "user", None))}
