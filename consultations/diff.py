"""A readable diff between two draft versions, paragraph by paragraph (R-CON-3).

Paragraphs are matched with difflib; a changed paragraph shows its words removed (<del>) and
added (<ins>). Paragraphs are compared by their words as readers see them (the rendered
text without tags: no "#" heading markers, no emphasis marks), and headings are marked as
headings. Every piece of text is escaped before the two tags are put around it.
"""

import difflib
import re
from dataclasses import dataclass
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class DiffRow:
    change: str  # "same", "changed", "added", "removed"
    old_number: int | None
    new_number: int | None
    html: str
    is_heading: bool = False


def plain_text(paragraph):
    """A paragraph's words as a reader sees them: its rendered HTML without the tags."""
    html = getattr(paragraph, "html", "") or ""
    text = unescape(strip_tags(html)) if html else paragraph.source
    lines = [" ".join(line.split()) for line in text.strip().split("\n")]
    return "\n".join(line for line in lines if line)


def _words(old, new):
    old_tokens, new_tokens = TOKENS.findall(old), TOKENS.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = "".join(old_tokens[a1:a2]), "".join(new_tokens[b1:b2])
        if op == "equal":
            parts.append(escape(removed))
            continue
        if removed:
            parts.append(f"<del>{escape(removed)}</del>")
        if added:
            parts.append(f"<ins>{escape(added)}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def diff_paragraphs(old_paragraphs, new_paragraphs):
    """Rows comparing two lists of paragraphs (objects with .number, .html, .source and
    .is_heading), by their plain text."""
    old_paragraphs, new_paragraphs = list(old_paragraphs), list(new_paragraphs)
    old_texts = [plain_text(p) for p in old_paragraphs]
    new_texts = [plain_text(p) for p in new_paragraphs]
    rows = []
    matcher = difflib.SequenceMatcher(a=old_texts, b=new_texts, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for offset, (old, new) in enumerate(
                zip(old_paragraphs[a1:a2], new_paragraphs[b1:b2], strict=True)
            ):
                rows.append(
                    DiffRow(
                        "same", old.number, new.number, escape(new_texts[b1 + offset]),
                        new.is_heading,
                    )
                )  # fmt: skip
            continue
        olds, news = old_paragraphs[a1:a2], new_paragraphs[b1:b2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        for index, (old, new) in enumerate(zip(olds[:paired], news[:paired], strict=True)):
            html = _words(old_texts[a1 + index], new_texts[b1 + index])
            rows.append(DiffRow("changed", old.number, new.number, html, new.is_heading))
        for index, old in enumerate(olds[paired:], start=a1 + paired):
            html = mark_safe(f"<del>{escape(old_texts[index])}</del>")  # noqa: S308
            rows.append(DiffRow("removed", old.number, None, html, old.is_heading))
        for index, new in enumerate(news[paired:], start=b1 + paired):
            html = mark_safe(f"<ins>{escape(new_texts[index])}</ins>")  # noqa: S308
            rows.append(DiffRow("added", None, new.number, html, new.is_heading))
    return rows
