"""Read an agenda written as plain text, in the layout of the June 2017 agenda (seed 003).

    Day 1: 12 June 2017 - Open Consultations
    Time    Agenda Item
    10:00 - 10:50    Welcome from MAG Chair
        2. Welcome from Secretary-General of the ITU
    10:50 - 11:10    6. Briefing a) Workshop proposals b) Main Sessions
    10:30 - 13:00 (continued below)    2. Overview of workshop proposal evaluations
    13:00 - 15:00    Lunch

Time and item are separated by a tab or spaces. A line starting with a time range opens a
slot; a numbered line without one (indented) adds another item to the same slot, and an
unnumbered one continues the previous item's wrapped text. Lettered sub-items ("a) ... b) ...")
are split off the item, even where the source glued them to the previous word ("processb)").
Lunch, coffee and other breaks are breaks. "Presenter: name" (or "(Presenter: name)") at the
end names the presenter.
Everything before the first "Day" line is the title (first line) and the purpose.

Pure: no database. mag.meetings.import_agenda stores what this returns.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.exceptions import DomainError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

DAY_LINE = re.compile(
    r"^\s*day\s+(?P<n>\d+)\s*[:.]\s*(?P<date>.+?)(?:\s+[-–—]\s+(?P<title>.*))?\s*$", re.I
)
DATE_TEXT = re.compile(r"^(?P<d>\d{1,2})\s+(?P<m>[a-z]+)\.?\s+(?P<y>\d{4})$", re.I)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLOT_LINE = re.compile(
    r"^\s*(?P<start>\d{1,2}[:.h]\d{2})\s*[-–—]\s*(?P<end>\d{1,2}[:.h]\d{2})"
    r"\s*(?P<cont>\(continued below\))?\s*(?P<text>.*)$",
    re.I,
)
HEADER_LINE = re.compile(r"^\s*time\s+agenda\s+items?\s*$", re.I)
NUMBER = re.compile(r"^(?P<n>\d{1,3})\.\s*(?P<rest>.*)$")
PRESENTER = re.compile(r"\s*[\(\[]?\s*presenters?\s*:\s*(?P<who>[^\)\]]+?)\s*[\)\]]?\s*$", re.I)
BREAK_WORDS = re.compile(r"^(lunch|coffee|tea|break|health break)\b", re.I)
LETTERS = "abcdefghijklmnopqrstuvwxyz"

MAX_TEXT = 50_000
TITLE_LIMIT = 2000
PRESENTER_LIMIT = 200


@dataclass
class ParsedItem:
    title: str
    starts: dt.time | None = None
    ends: dt.time | None = None
    number: int | None = None
    presenter: str = ""
    is_break: bool = False
    continued: bool = False
    sub_items: list = field(default_factory=list)

    def row_fields(self, order):
        """The AgendaItem fields of this item at `order` in its day (sub-items apart)."""
        return {
            "starts": self.starts,
            "ends": self.ends,
            "number": self.number,
            "title": self.title,
            "presenter": self.presenter,
            "is_break": self.is_break,
            "continued": self.continued,
            "order": order,
        }


@dataclass
class ParsedDay:
    date: dt.date
    title: str = ""
    items: list = field(default_factory=list)


@dataclass
class ParsedAgenda:
    title: str = ""
    purpose: str = ""
    days: list = field(default_factory=list)


def _time(text, line_number):
    hours, minutes = re.split(r"[:.h]", text)
    try:
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise DomainError(
            _("Line %(line)s: “%(time)s” is not a time of day.")
            % {"line": line_number, "time": text},
            field="text",
        ) from None


def _date(text, line_number):
    text = " ".join(text.split())
    if ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    found = DATE_TEXT.match(text)
    if found and found["m"].lower() in MONTHS:
        try:
            return dt.date(int(found["y"]), MONTHS[found["m"].lower()], int(found["d"]))
        except ValueError:
            pass
    raise DomainError(
        _("Line %(line)s: “%(date)s” is not a date like “12 June 2017”.")
        % {"line": line_number, "date": text[:40]},
        field="text",
    )


def split_sub_items(text):
    """("Overview of evaluations", ["Review final selection process", "Workshop selection"]):
    the first "a)" must start a word; later letters are found in order wherever they are."""
    first = re.search(r"(?:^|(?<=[\s,;:]))a\)\s*", text)
    if first is None:
        return text.strip(" ,;"), []
    head, rest = text[: first.start()], text[first.end() :]
    subs = []
    for letter in LETTERS[1:]:
        following = re.search(rf"(?:(?<=[\s,;:])|(?<=[a-z])){letter}\)\s*", rest)
        if following is None:
            break
        subs.append(rest[: following.start()])
        rest = rest[following.end() :]
    subs.append(rest)
    return head.strip(" ,;"), [" ".join(s.split()).strip(" ,;") for s in subs if s.strip(" ,;")]


def _item(text, starts=None, ends=None, continued=False):
    text = " ".join(text.split())
    presenter = ""
    found = PRESENTER.search(text)
    if found and found.start() > 0:
        presenter = found["who"].strip()[:PRESENTER_LIMIT]
        text = text[: found.start()].rstrip(" ,;–—-")
    number = None
    numbered = NUMBER.match(text)
    if numbered:
        number, text = int(numbered["n"]), numbered["rest"]
    title, subs = split_sub_items(text)
    if not title and subs:
        title, subs = subs[0], subs[1:]
    return ParsedItem(
        title=title[:TITLE_LIMIT],
        starts=starts,
        ends=ends,
        number=number,
        presenter=presenter,
        is_break=number is None and bool(BREAK_WORDS.match(title)),
        continued=continued,
        sub_items=[sub[:TITLE_LIMIT] for sub in subs],
    )


def _number_implied(items):
    """Seed 003 leaves the first item of a day unnumbered ("Welcome from MAG Chair" before
    "2. ..."): an unnumbered item right before number N+2, after N, is number N+1."""
    last = 0
    for index, item in enumerate(items):
        if item.number is not None:
            last = item.number
            continue
        if item.is_break:
            continue
        following = next((i.number for i in items[index + 1 :] if i.number is not None), None)
        if following == last + 2:
            item.number = last + 1
            last += 1


def parse_agenda(text):
    """Parse agenda text into a ParsedAgenda; refuse, naming the line, what cannot be read."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise DomainError(_("The text contains a NUL character."), field="text")
    if len(text) > MAX_TEXT:
        raise DomainError(
            _("The agenda text is too long (at most %(limit)s characters).") % {"limit": MAX_TEXT},
            field="text",
        )
    agenda = ParsedAgenda()
    preamble = []
    day = None
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or HEADER_LINE.match(line):
            continue
        day_line = DAY_LINE.match(line)
        if day_line:
            day = ParsedDay(
                date=_date(day_line["date"], line_number),
                title=" ".join((day_line["title"] or "").split())[:200],
            )
            agenda.days.append(day)
            continue
        if day is None:
            preamble.append(" ".join(line.split()))
            continue
        slot = SLOT_LINE.match(line)
        if slot:
            starts, ends = _time(slot["start"], line_number), _time(slot["end"], line_number)
            if ends < starts:
                raise DomainError(
                    _("Line %(line)s: the slot ends before it starts.") % {"line": line_number},
                    field="text",
                )
            if not slot["text"].strip():
                raise DomainError(
                    _("Line %(line)s: the time slot has no agenda item.") % {"line": line_number},
                    field="text",
                )
            day.items.append([slot["text"], starts, ends, bool(slot["cont"])])
        else:
            if not day.items:
                raise DomainError(
                    _("Line %(line)s: an agenda item needs a time slot (e.g. “10:00 - 10:50”).")
                    % {"line": line_number},
                    field="text",
                )
            if NUMBER.match(line.strip()) or BREAK_WORDS.match(line.strip()):
                day.items.append([line, None, None, False])
            else:
                # An unnumbered line inside a slot is the previous item's text, wrapped.
                day.items[-1][0] += " " + line
    if not agenda.days:
        raise DomainError(
            _("No day found: start each day with a line like “Day 1: 12 June 2017 - Title”."),
            field="text",
        )
    for parsed_day in agenda.days:
        parsed_day.items = [_item(*raw) for raw in parsed_day.items]
        _number_implied(parsed_day.items)
    if preamble:
        agenda.title = preamble[0][:200]
        agenda.purpose = "\n\n".join(preamble[1:])
    return agenda
