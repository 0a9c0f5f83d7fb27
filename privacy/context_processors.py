from privacy.cookies import cookie_choice


def cookie_banner(request) -> dict:
    """Show the cookie banner until a choice is made (PERM-10); the choice itself costs no query."""
    if request.path.startswith("/admin/"):
        return {"show_cookie_banner": False}
    choice = getattr(request, "cookie_choice", None) or cookie_choice(request)
    return {"show_cookie_banner": not choice.is_decided}
