"""`{% fragment name value ... %}...{% endfragment %}`: parts of a page rendered once per worker and reused (issue 14).

Most of a page's rendering time went into the site chrome of base.html: about twenty `{% url %}`
and thirty-five translations, the same for every visitor who shares a language. base.html wraps
those parts (main menu, language list, account links, footer links) in this tag. Each tag keeps
what it rendered in the worker's memory: no Redis round trip, nothing shared between processes,
nothing to configure.

The invalidation rule is the key: a fragment's output is stored under the values listed after its
name (LANGUAGE_CODE first, always), with their types, and the fragment may show nothing else. A
changed nickname, unread count, staff flag or language is another key, so the change shows on the
very next request with nothing to delete. When you add something to a fragment that depends on
another value, add that value to its list; a link whose URL and label never change needs nothing.
Per-request values stay outside the fragments: the current path in the forms' `next` fields, flash messages, the cookie and policy banners, the marketing pop-up, and the policy link of
the page's scope (a page may override the footer_policy block).

A `{% csrf_token %}` inside a fragment (or a template it includes) is the one exception: the fragment is kept with a placeholder in its place, and each use puts the request's own
token there, so no token is ever shared between requests.

Each tag keeps at most MAX_FRAGMENTS outputs, then starts over. Templates, translations and URLs
change only with a deploy, which restarts the workers; the development server's template reload
compiles new tags, with nothing kept.
"""

from __future__ import annotations

import secrets

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MAX_FRAGMENTS = 1000
# What {% csrf_token %} shows inside a kept fragment; every use replaces it with the request's token.
CSRF_PLACEHOLDER = "csrf-placeholder-" + secrets.token_hex(16)


class FragmentNode(template.Node):
    def __init__(self, name: str, nodelist: NodeList, vary_on: list[FilterExpression]) -> None:
        self.name, self.nodelist, self.vary_on = name, nodelist, vary_on
        self.rendered: dict[tuple, str] = {}

    def render(self, context: Context) -> str:
        with context.push(csrf_token=CSRF_PLACEHOLDER):
            output = self._kept(context)
        if CSRF_PLACEHOLDER not in output:
            return output
        # Read only here: reading the token makes the response set the CSRF cookie.
        token = context.get("csrf_token")
        if token is None or str(token) == "NOTPROVIDED":  # {% csrf_token %} would show nothing: render as before
            return self.nodelist.render(context)
        return mark_safe(output.replace(CSRF_PLACEHOLDER, conditional_escape(str(token))))  # noqa: S308 - kept output

    def _kept(self, context: Context) -> SafeString | str:
        values = [value.resolve(context) for value in self.vary_on]
        # "<b>" and mark_safe("<b>") render differently; True and 1 are different states.
        key = (context.autoescape, *((type(value), value) for value in values))
        try:
            return self.rendered[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key: render it every time
            return self.nodelist.render(context)
        if len(self.rendered) >= MAX_FRAGMENTS:
            self.rendered.clear()
        output = self.rendered[key] = self.nodelist.render(context)
        return output


@register.tag
def fragment(parser: Parser, token: Token) -> FragmentNode:
    """{% fragment name value ... %} ... {% endfragment %}: see the module docstring for what may go inside."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name, then the values its output depends on.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1], nodelist, [parser.compile_filter(bit) for bit in bits[2:]])
