"""A readable diff between two draft versions, paragraph by paragraph (R-CON-3).

Paragraphs are matched with difflib; a changed paragraph shows its words removed (<del>) and
added (<ins>). Every piece of text is escaped before the two tags are put around it, so the
diff shows the Markdown source as text and never renders it.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class DiffRow:
    change: str  # "same", "changed", "added", "removed"
    old_number: int | None
    new_number: int | None
    html: str


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
    """Rows comparing two lists of paragraphs (objects with .number and .source)."""
    old_paragraphs, new_paragraphs = list(old_paragraphs), list(new_paragraphs)
    old_sources = [p.source for p in old_paragraphs]
    new_sources = [p.source for p in new_paragraphs]
    rows = []
    matcher = difflib.SequenceMatcher(a=old_sources, b=new_sources, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for old, new in zip(old_paragraphs[a1:a2], new_paragraphs[b1:b2], strict=True):
                rows.append(DiffRow("same", old.number, new.number, escape(new.source)))
            continue
        olds, news = old_paragraphs[a1:a2], new_paragraphs[b1:b2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        for old, new in zip(olds[:paired], news[:paired], strict=True):
            rows.append(DiffRow("changed", old.number, new.number, _words(old.source, new.source)))
        for old in olds[paired:]:
            rows.append(
                DiffRow("removed", old.number, None, mark_safe(f"<del>{escape(old.source)}</del>"))  # noqa: S308
            )
        for new in news[paired:]:
            rows.append(
                DiffRow("added", None, new.number, mark_safe(f"<ins>{escape(new.source)}</ins>"))  # noqa: S308
            )
    return rows
