"""Splitting a policy text into headed sections for display (table of contents, anchors)."""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

# "I. Scope of Application", "VIII. How to Contact Us", "Schedule: Definitions", "[Introduction]"
SECTION = re.compile(r"^(?:[IVX]+\.\s+\S.*|Schedule: .+|\[[A-Za-z ]+\])$")
# "(I) Helping you become our member ..."
SUBSECTION = re.compile(r"^\([IVX]+\)\s+\S.*$")
MAX_HEADING_LENGTH = 120
# POL-01: the clauses the source prints in bold/underline, recognised by what they are about.
KEY_PHRASES = re.compile(
    r"sensitive personal information|withdraw|separate consent|cross-border|minors?\b|children|"
    r"cancel(?:lation of)? (?:your|the) account|敏感个人信息|撤回|单独同意",
    re.IGNORECASE,
)


@dataclass
class Block:
    kind: str  # "section", "subsection" or "paragraph"
    text: str
    anchor: str = ""

    @property
    def is_key(self) -> bool:
        return self.kind == "paragraph" and bool(KEY_PHRASES.search(self.text))


@dataclass
class PolicyDocument:
    blocks: list[Block] = field(default_factory=list)

    @property
    def body(self) -> list[Block]:
        """The blocks after the text's own title, version and date lines, which the page prints once itself."""
        for i, block in enumerate(self.blocks[:4]):
            if block.text.startswith("["):
                return self.blocks[i:]
        return self.blocks

    @property
    def contents(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "section"]


def parse_policy(text: str) -> PolicyDocument:
    """Headings become anchored sections and subsections; everything else is a paragraph.

    The introduction lists every section title before the sections begin: only
    the last line with a given title is taken as its heading.
    """
    lines = [raw.strip() for raw in text.splitlines() if raw.strip()]
    last_seen = {line: i for i, line in enumerate(lines)}
    document = PolicyDocument()
    anchors: set[str] = set()
    for i, line in enumerate(lines):
        kind = "paragraph"
        if len(line) <= MAX_HEADING_LENGTH and last_seen[line] == i:
            if SECTION.match(line):
                kind = "section"
            elif SUBSECTION.match(line):
                kind = "subsection"
        anchor = ""
        if kind != "paragraph":
            base = slugify(line.strip("[]")) or "section"
            anchor, n = base, 2
            while anchor in anchors:
                anchor, n = f"{base}-{n}", n + 1
            anchors.add(anchor)
        document.blocks.append(Block(kind, line, anchor))
    return document
