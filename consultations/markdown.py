"""The one path from a draft's Markdown to HTML: Markdown, then nh3 with an explicit allow-list.

Drafts, previews (markdownx's endpoint included, through MARKDOWNX_MARKDOWNIFY_FUNCTION) and
paragraphs all pass through render_markdown, so nothing reaches a page that the allow-list has
not seen: no scripts, no event handlers, no inline styles, no URLs other than http, https and
mailto (relative links to the portal itself are kept).
"""

import re
from dataclasses import dataclass

import markdown as markdown_lib
import nh3

# What Markdown produces, and nothing else; raw HTML in the source is stripped to its text.
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "img", "sup", "sub", "del", "ins",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"}
)
EXTENSIONS = ["tables", "fenced_code", "sane_lists"]


def sanitise_html(html):
    """Keep only the allow-listed tags, attributes and URL schemes."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(text):
    """Markdown to sanitised HTML: the only function that turns user Markdown into HTML."""
    text = (text or "").replace("\x00", "")
    html = markdown_lib.markdown(text, extensions=EXTENSIONS, output_format="html")
    return sanitise_html(html)


# ---- Paragraphs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    number: int
    anchor: str
    source: str
    html: str
    is_heading: bool


FENCE = re.compile(r"^\s{0,3}(```|~~~)")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")


def anchor_for(number):
    return f"p-{number}"


def _source_blocks(text):
    """Blank-line separated blocks; a fenced code block stays whole, a heading stands alone."""
    blocks, current, in_fence = [], [], False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
            current.append(line)
            continue
        if in_fence:
            current.append(line)
            continue
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        if HEADING.match(line):
            # An ATX heading is its own paragraph even without blank lines around it.
            if current:
                blocks.append(current)
            blocks.append([line])
            current = []
            continue
        current.append(line)
    if current:
        blocks.append(current)
    return ["\n".join(block).strip("\n") for block in blocks]


def _is_heading(source):
    lines = source.split("\n")
    return bool(HEADING.match(lines[0])) or (
        len(lines) == 2 and bool(SETEXT_UNDERLINE.match(lines[1]))
    )


def split_paragraphs(text):
    """A draft's Markdown as numbered blocks with stable anchors "p-1", "p-2", ... (R-CON-3).

    Headings are blocks too (is_heading), so every part of a draft can be commented on and
    numbers follow the reading order. Blocks that render to nothing are skipped.
    """
    text = (text or "").replace("\x00", "")
    blocks = []
    for source in _source_blocks(text):
        html = render_markdown(source).strip()
        if not html:
            continue
        number = len(blocks) + 1
        blocks.append(
            Block(
                number=number,
                anchor=anchor_for(number),
                source=source,
                html=html,
                is_heading=_is_heading(source),
            )
        )
    return blocks


def heading_text(source):
    """The plain words of a heading block, for a table of contents or a structure check."""
    first = source.split("\n")[0]
    return re.sub(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$", "", first).strip()


DEMOTABLE_HEADING = re.compile(r"<(/?)h([1-5])(?=[\s>])", re.IGNORECASE)


def demote_headings(html):
    """The same HTML with each heading one level lower (h1 becomes h2, ...; h6 stays), for
    text shown inside a page that has its own h1. Only tag names change."""
    return DEMOTABLE_HEADING.sub(lambda match: f"<{match[1]}h{int(match[2]) + 1}", html)
