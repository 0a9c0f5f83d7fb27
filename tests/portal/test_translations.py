"""The Simplified Chinese interface: every string of templates, Python and forms is marked and translated."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from privacy.models import PolicyVersion

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale/zh_Hans/LC_MESSAGES/django.po")
SOURCES = [
    "manage.py",
    "portal",
    "members",
    "privacy",
    "catalog",
    "orders",
    "support",
    "publishing",
    "interactions",
    "rights",
    "templates",
    "locale",
]


def po_entries(text: str) -> list[dict]:
    """msgid, msgstr(s) and flags of each entry of a .po file (the header left out)."""
    entries = []
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        flags = ""
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += line
            elif match := re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line):
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            entries.append({**fields, "flags": flags})
    return entries


def untranslated(entries: list[dict]) -> list[str]:
    return [
        entry["msgid"]
        for entry in entries
        if "fuzzy" in entry["flags"] or not any(v for k, v in entry.items() if k.startswith("msgstr"))
    ]


def test_the_committed_catalogue_translates_every_entry():
    entries = po_entries((ROOT / CATALOGUE).read_text())

    assert len(entries) > 1000
    assert untranslated(entries) == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext: make test installs it")
def test_every_string_in_the_sources_has_a_chinese_translation(tmp_path):
    """makemessages over a copy of the sources: a string added without a translation fails here."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, tmp_path / name)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings", "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr

    missing = untranslated(po_entries((tmp_path / CATALOGUE).read_text()))

    assert missing == [], "Run `make messages` and translate: " + "; ".join(missing[:20])


# Text a template may show untranslated: entities, addresses, and what is not words.
ALLOWED = re.compile(r"&\w+;|[\w.+-]+@[\w.-]+|https?://\S+")
BLOCK = re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|<!--.*?-->", re.S)
TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)
SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
VISIBLE_ATTRIBUTE = re.compile(r'\b(title|alt|placeholder|aria-label)="([^"]*)"')
HTML_TAG = re.compile(r"<[^>]+>", re.S)


def untranslated_text(source: str) -> list[str]:
    source = SCRIPT.sub(" ", BLOCK.sub(" ", COMMENT.sub(" ", source)))
    found = [
        m.group(0)
        for m in VISIBLE_ATTRIBUTE.finditer(source)
        if re.search(r"[A-Za-z]{2}", TEMPLATE_TAG.sub("", m.group(2)))
    ]
    text = ALLOWED.sub(" ", TEMPLATE_TAG.sub(" ", HTML_TAG.sub(" ", source)))
    found += [piece.strip() for piece in re.split(r"\s{2,}|\n", text) if re.search(r"[A-Za-z]{2}", piece)]
    return found


def test_the_scan_finds_text_outside_translate_tags():
    assert untranslated_text('<p>Hello</p>{% translate "Fine" %}<a title="Open">x</a>') == ['title="Open"', "Hello"]
    assert untranslated_text("{% blocktranslate %}Fine {{ x }}{% endblocktranslate %} &rsaquo; a@b.cn") == []


def test_no_template_shows_text_outside_translate_tags():
    found = {
        str(path.relative_to(ROOT)): text
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if (text := untranslated_text(path.read_text()))
    }

    assert found == {}


UNMARKED_LABEL = re.compile(
    r"""\b(label|help_text|verbose_name|verbose_name_plural|empty_label)\s*=\s*f?(["'])(.*?)\2"""
)


def unmarked_labels(line: str) -> bool:
    """A label given as a plain string with words in it (an f-string of translated parts is fine)."""
    return any(re.search(r"[A-Za-z]{2}", re.sub(r"{.*?}", "", m.group(3))) for m in UNMARKED_LABEL.finditer(line))


def test_no_form_or_model_label_in_python_is_left_unmarked():
    # api.py help texts document the JSON API for app developers in the schema; members never see them.
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in SOURCES
        if (ROOT / app).is_dir() and app not in {"templates", "locale"}
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and path.name != "api.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if unmarked_labels(line)
    ]

    assert found == []


@pytest.mark.django_db
def test_the_policy_page_serves_the_chinese_text_when_the_version_has_one(client):
    version = PolicyVersion.objects.current()
    PolicyVersion.objects.create(
        label="2099 V9",
        effective_on=timezone.localdate(),
        text=version.text,
        text_zh="1688平台隐私政策\n[引言]\n感谢您选择使用我们的产品和服务。\n",
        published_at=timezone.now(),
    )
    client.cookies["django_language"] = "zh-hans"

    html = client.get(reverse("privacy:policy")).content.decode()

    assert "感谢您选择使用我们的产品和服务。" in html
    assert "隐私政策" in html
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日" in html  # dates in the member's language


@pytest.mark.django_db
def test_the_language_switch_remembers_the_choice_in_a_cookie(client):
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("home")})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "zh-hans"
    assert "语言" in client.get(reverse("privacy:policy")).content.decode()
