"""The cached template loader, plus `{% translate %}`, `{% blocktranslate %}` and `{% url %}` output remembered (issue 14).

Member pages spent much of their rendering time translating the same literal strings and reversing
the same URLs on every request (about 7 and 20 microseconds a tag, over a hundred tags on the privacy
centre, three per commodity card). When the cached loader compiles a template, this loader marks the
tags whose output can only change with what their key names, and each such tag then keeps its output
for that key:

- `{% translate "literal" %}` with no filter, context or `as`: the active language and autoescaping;
- `{% url 'name' ... %}` with a quoted name and no `as`: the script prefix, the URLconf, the current
  application namespace, the active language, autoescaping and the argument values. A URL whose
  arguments are not all strings or integers (a model instance, a lazy string) is reversed as before;
  each tag keeps at most MAX_REMEMBERED_URLS URLs;
- `{% blocktranslate %}` without `as`: the active language, autoescaping, localization and the type
  and value of everything it shows (its `with` values, its counter, the context variables it names,
  its message context); when one of them is not a string or an integer it renders as before.

Everything else (`{% translate variable %}`, tags with `as`) renders as before. The catalogues and URLconfs
change only with a restart, and the development server's template reload builds new nodes, so
nothing needs invalidating.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.template import Context, NodeList, Template, Variable
from django.template.base import TokenType
from django.template.defaulttags import URLNode
from django.template.loaders import cached
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

# Each `{% url %}` or `{% blocktranslate %}` with values keeps at most this many outputs, then starts over.
MAX_REMEMBERED_URLS = 1000


def _is_literal(expression: Any) -> bool:
    """A quoted string with no filter: the parser keeps it as a str, {% translate %} wraps it in a literal Variable."""
    if expression.filters:
        return False
    return isinstance(expression.var, str) or (
        isinstance(expression.var, Variable) and isinstance(expression.var.literal, str)
    )


def _is_constant_translation(node: TranslateNode) -> bool:
    return node.asvar is None and node.message_context is None and _is_literal(node.filter_expression)


def _is_constant_url(node: URLNode) -> bool:
    return node.asvar is None and _is_literal(node.view_name)


class ConstantTranslateNode(TranslateNode):
    _rendered: dict[tuple, str]

    def render(self, context: Context) -> str:
        key = (get_language(), context.autoescape)
        try:
            return self._rendered[key]
        except KeyError:
            output = self._rendered[key] = super().render(context)
            return output


class ConstantURLNode(URLNode):
    """A `{% url %}` without `as`; its arguments, if any, are part of the key (when each is a str or an int)."""

    _rendered: dict[tuple, str]

    def render(self, context: Context) -> str:
        request = getattr(context, "request", None)  # where URLNode itself looks for the current application
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((name, value.resolve(context)) for name, value in self.kwargs.items())
        if not all(_keyable(value) for value in (*args, *(value for _name, value in kwargs))):
            return super().render(context)
        key = (
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
            current_app,
            get_language(),
            context.autoescape,
            args,
            kwargs,
        )
        try:
            return self._rendered[key]
        except KeyError:
            if len(self._rendered) >= MAX_REMEMBERED_URLS:
                self._rendered.clear()
            output = self._rendered[key] = super().render(context)
            return output


class RememberedBlockTranslateNode(BlockTranslateNode):
    """A `{% blocktranslate %}` without `as`, kept per language and the values it shows (when each is keyable)."""

    _rendered: dict[tuple, str]
    _outer_names: tuple[str, ...]

    def render(self, context: Context, nested: bool = False) -> str:
        values = [value.resolve(context) for value in self.extra_context.values()]
        if self.plural and self.countervar and self.counter:
            values.append(self.counter.resolve(context))
        values += [context.get(name, _MISSING) for name in self._outer_names]
        if self.message_context is not None:
            values.append(self.message_context.resolve(context))
        if not all(value is _MISSING or _keyable(value) for value in values):
            return super().render(context, nested)
        key = (
            get_language(),
            context.autoescape,
            context.use_l10n,
            tuple((type(value), value) for value in values),  # "<b>" and mark_safe("<b>") escape differently
        )
        try:
            return self._rendered[key]
        except KeyError:
            if len(self._rendered) >= MAX_REMEMBERED_URLS:
                self._rendered.clear()
            output = self._rendered[key] = super().render(context, nested)
            return output


_MISSING = object()


def _keyable(value: object) -> bool:
    """A value whose output depends on nothing but the value itself (not a model instance or a lazy string)."""
    # Not Decimal: Decimal("1.0") == Decimal("1.00") yet they print differently.
    return type(value) is int or isinstance(value, str)


def remember_constant_tags(nodelist: NodeList) -> None:
    """Switch the constant translate and url tags of `nodelist` (and of every block inside it) to the remembering ones."""
    for node in nodelist:
        if type(node) is TranslateNode and _is_constant_translation(node):
            node.__class__ = ConstantTranslateNode
            cast("ConstantTranslateNode", node)._rendered = {}
        elif type(node) is URLNode and _is_constant_url(node):
            node.__class__ = ConstantURLNode
            cast("ConstantURLNode", node)._rendered = {}
        elif type(node) is BlockTranslateNode and node.asvar is None:
            tokens = (*node.singular, *(node.plural or ()))
            shown = {token.contents for token in tokens if token.token_type == TokenType.VAR}
            node.__class__ = RememberedBlockTranslateNode
            remembered = cast("RememberedBlockTranslateNode", node)
            remembered._outer_names = tuple(sorted(shown - set(node.extra_context) - {node.countervar}))
            remembered._rendered = {}
        for name in {"nodelist", *node.child_nodelists}:
            children = getattr(node, name, None)
            if isinstance(children, NodeList):
                remember_constant_tags(children)
        for _condition, children in getattr(node, "conditions_nodelists", ()):
            remember_constant_tags(children)


class Loader(cached.Loader):
    """django.template.loaders.cached.Loader that prepares each template it compiles with remember_constant_tags."""

    def get_template(self, template_name: str, skip: list | None = None) -> Template:
        template = super().get_template(template_name, skip)
        if not getattr(template, "_constant_tags_remembered", False):
            remember_constant_tags(template.nodelist)
            template._constant_tags_remembered = True  # type: ignore[attr-defined]
        return template
