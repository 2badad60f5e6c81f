"""Workstream spaces: news posts and the document library (issue 4, item 2).

Coordinators run their own space (R-DC-7): they post news and keep the library; the Secretariat
may too. Removal is soft: the row stays with who removed it and why.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.exceptions import DomainError

from . import permissions
from .models import Document, Membership, NewsPost, WorkstreamUserObjectPermission

NEWS_KIND = "workstream_news"


def _require(allowed):
    if not allowed:
        raise PermissionDenied(_("Only this workstream's coordinators and the Secretariat may."))


def _clean_text(value, *, field, limit, label):
    value = (value or "").replace("\x00", "").strip()
    if not value:
        raise DomainError(_("Give the %(label)s.") % {"label": label}, field=field)
    if len(value) > limit:
        raise DomainError(
            _("The %(label)s is too long: at most %(limit)s characters.")
            % {"label": label, "limit": limit},
            field=field,
        )
    return value


def _clean_reason(reason):
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise DomainError(_("Say why it is removed; the reason is recorded."), field="reason")
    return reason[:2000]


# ---- News ------------------------------------------------------------------------------------

NEWS_TITLE_MAX = 200
NEWS_BODY_MAX = 20_000


def news_url(post):
    return reverse("workstreams:news", args=[post.workstream.slug]) + f"#news-{post.pk}"


def _followers_to_notify(workstream, author):
    """Followers who may still see the workstream, never the author. One query."""
    from timelines.models import Follow

    follows = Follow.objects.filter(workstream=workstream, user__is_active=True).exclude(
        user=author
    )
    if not workstream.is_public:
        from accounts.models import SiteRole

        follows = follows.filter(
            Q(
                Exists(
                    Membership.objects.active().filter(workstream=workstream, user=OuterRef("user"))
                )
            )
            | Q(
                Exists(
                    SiteRole.objects.active().filter(
                        user=OuterRef("user"), role=SiteRole.Role.SECRETARIAT
                    )
                )
            )
            | Q(
                Exists(
                    WorkstreamUserObjectPermission.objects.filter(
                        content_object=workstream,
                        user=OuterRef("user"),
                        permission__codename="review_workstream",
                    )
                )
            )
        )
    return list(follows.order_by("user_id").values_list("user_id", flat=True))


def news_context(post):
    return {
        "title": post.title,
        "workstream": post.workstream.name,
        "excerpt": Truncator(post.body).chars(600),
    }


@transaction.atomic
def post_news(*, workstream, actor, title, body):
    """A coordinator (R-DC-7) or the Secretariat posts news; each follower hears of it once."""
    from timelines import services as timeline_services
    from timelines.registry import Occasion

    _require(permissions.can_manage_space(actor, workstream))
    title = _clean_text(title, field="title", limit=NEWS_TITLE_MAX, label=_("title"))
    body = _clean_text(body, field="body", limit=NEWS_BODY_MAX, label=_("text"))
    post = NewsPost.objects.create(workstream=workstream, title=title, body=body, author=actor)
    url, context = news_url(post), news_context(post)
    recorded = timeline_services.record_notifications(
        NEWS_KIND,
        [
            Occasion(
                recipient_id=user_id,
                subject=f"news:{post.pk}",
                occasion="posted",
                url=url,
                context=context,
            )
            for user_id in _followers_to_notify(workstream, actor)
        ],
    )
    if recorded:
        # Sends once the post is committed; a rolled-back post sends nothing.
        timeline_services.enqueue_delivery()
    return post


def _live_post(post):
    post = NewsPost.objects.select_for_update().select_related("workstream").get(pk=post.pk)
    if post.removed_at is not None:
        raise DomainError(_("This news post has already been removed."))
    return post


@transaction.atomic
def update_news(*, post, actor, title, body):
    """Correct a live news post; followers are not notified again."""
    post = _live_post(post)
    _require(permissions.can_manage_space(actor, post.workstream))
    post.title = _clean_text(title, field="title", limit=NEWS_TITLE_MAX, label=_("title"))
    post.body = _clean_text(body, field="body", limit=NEWS_BODY_MAX, label=_("text"))
    post.save(update_fields=["title", "body", "updated"])
    return post


@transaction.atomic
def remove_news(*, post, actor, reason):
    """Take a post off the space; it is never deleted and keeps who removed it and why."""
    post = _live_post(post)
    _require(permissions.can_manage_space(actor, post.workstream))
    post.remove_reason = _clean_reason(reason)
    post.removed_at = timezone.now()
    post.removed_by = actor
    post.save(update_fields=["removed_at", "removed_by", "remove_reason", "updated"])
    return post


def workstream_news_title(context):
    return _("News from %(workstream)s: %(title)s") % context


def register_notification_kind():
    """News reaches followers (category NEWS); run on import, from WorkstreamsConfig.ready()."""
    from timelines.models import Category
    from timelines.registry import KINDS, ReminderKind, no_scheduled_occasions, register_kind

    if NEWS_KIND in KINDS:
        return
    register_kind(
        ReminderKind(
            key=NEWS_KIND,
            category=Category.NEWS,
            collect=no_scheduled_occasions,  # recorded when a post is made, never by the beat
            template=NEWS_KIND,
            title=workstream_news_title,
        )
    )


# ---- Documents -------------------------------------------------------------------------------

DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 8192


def document_max_bytes():
    return getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES)


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    content_type: str
    extensions: tuple
    inline: bool = False  # images are shown in the browser; everything else is an attachment


PDF = FileType("pdf", gettext_lazy("a PDF document"), "application/pdf", ("pdf",))
DOCX = FileType(
    "docx",
    gettext_lazy("a Word document (DOCX)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
)
XLSX = FileType(
    "xlsx",
    gettext_lazy("an Excel spreadsheet (XLSX)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("xlsx",),
)
ODT = FileType(
    "odt",
    gettext_lazy("an OpenDocument text (ODT)"),
    "application/vnd.oasis.opendocument.text",
    ("odt",),
)
ODS = FileType(
    "ods",
    gettext_lazy("an OpenDocument spreadsheet (ODS)"),
    "application/vnd.oasis.opendocument.spreadsheet",
    ("ods",),
)
PNG = FileType("png", gettext_lazy("a PNG image"), "image/png", ("png",), inline=True)
JPEG = FileType("jpeg", gettext_lazy("a JPEG image"), "image/jpeg", ("jpg", "jpeg"), inline=True)
TEXT = FileType("text", gettext_lazy("plain text"), "text/plain", ("txt", "csv"))

ACCEPTED = (PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG, TEXT)
BY_EXTENSION = {ext: kind for kind in ACCEPTED for ext in kind.extensions}
ACCEPTED_EXTENSIONS = ", ".join(f".{ext}" for ext in BY_EXTENSION)
ODF_MIMETYPES = {ODT.content_type: ODT, ODS.content_type: ODS}
MARKUP_STARTS = (b"<?xml", b"<svg", b"<!doctype", b"<html", b"<head", b"<body", b"<script")


class _Unaccepted(Exception):
    """Content that is none of the accepted types; the message says what it looks like."""

    def __init__(self, label):
        super().__init__(label)
        self.label = label


def _inspect_zip(uploaded_file):
    # Only the directory and the tiny `mimetype` entry are read: never the archive's content,
    # so a ZIP bomb costs nothing.
    try:
        uploaded_file.seek(0)
        with zipfile.ZipFile(uploaded_file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    mimetype = archive.read("mimetype").strip().decode("ascii", "replace")
                    if mimetype in ODF_MIMETYPES:
                        return ODF_MIMETYPES[mimetype]
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DOCX
                if any(name.startswith("xl/") for name in names):
                    return XLSX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError):
        raise _Unaccepted(_("a damaged ZIP archive")) from None
    raise _Unaccepted(_("a ZIP archive that is not an accepted office document"))


def _inspect_text(uploaded_file):
    uploaded_file.seek(0)
    data = uploaded_file.read(document_max_bytes() + 1)
    if b"\x00" in data:
        raise _Unaccepted(_("binary data (it holds NUL bytes)"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Unaccepted(_("binary data, or text that is not UTF-8")) from None
    start = text.lstrip()[:64].lower().encode("utf-8")
    if start.startswith(MARKUP_STARTS):
        # SVG and HTML can carry scripts: refused however they are named.
        raise _Unaccepted(_("SVG or HTML markup"))
    return TEXT


def detect_type(uploaded_file):
    """The accepted FileType that the file's CONTENT is, or _Unaccepted naming what it is."""
    uploaded_file.seek(0)
    head = uploaded_file.read(SNIFF_BYTES)
    if head.startswith(b"PK\x03\x04"):
        return _inspect_zip(uploaded_file)
    guess = filetype.guess(head)
    if guess is not None:
        for kind in (PDF, PNG, JPEG):
            if guess.mime == kind.content_type:
                return kind
        raise _Unaccepted(_("a %(type)s file") % {"type": guess.mime})
    return _inspect_text(uploaded_file)


def validate_upload(uploaded_file, name):
    """Size first, then type by content (not only by name). Returns (FileType, extension)."""
    limit = document_max_bytes()
    size = uploaded_file.size or 0
    if size > limit:
        raise DomainError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            field="file",
        )
    if size == 0:
        raise DomainError(_("The file is empty."), field="file")
    extension = PurePosixPath((name or "").replace("\\", "/")).suffix.lower().lstrip(".")
    expected = BY_EXTENSION.get(extension)
    if expected is None:
        shown = f".{extension}" if extension else _("no extension")
        raise DomainError(
            _("Files with %(extension)s are not accepted. Accepted: %(accepted)s.")
            % {"extension": shown, "accepted": ACCEPTED_EXTENSIONS},
            field="file",
        )
    try:
        actual = detect_type(uploaded_file)
    except _Unaccepted as refused:
        raise DomainError(
            _("The file name ends in .%(extension)s but its content is %(content)s.")
            % {"extension": extension, "content": refused.label},
            field="file",
        ) from None
    finally:
        uploaded_file.seek(0)
    if actual is not expected:
        raise DomainError(
            _(
                "The file name ends in .%(extension)s but its content is %(content)s: "
                "rename it or upload the right file."
            )
            % {"extension": extension, "content": actual.label},
            field="file",
        )
    return actual, extension


def content_type_for(kind, extension):
    if kind is TEXT:
        return "text/csv; charset=utf-8" if extension == "csv" else "text/plain; charset=utf-8"
    return kind.content_type


def safe_filename(name, extension):
    """A storage name with no path, no odd characters, and the validated extension."""
    stem = PurePosixPath((name or "").replace("\\", "/")).stem
    return f"{(slugify(stem)[:80].strip('-_') or 'document')}.{extension}"


@transaction.atomic
def upload_document(*, workstream, actor, title, uploaded_file, is_public=True):
    """Add a file to the library, checked by size and content type (R-DC-7: coordinators)."""
    _require(permissions.can_manage_space(actor, workstream))
    title = _clean_text(title, field="title", limit=200, label=_("title"))
    kind, extension = validate_upload(uploaded_file, getattr(uploaded_file, "name", ""))
    document = Document(
        workstream=workstream,
        title=title,
        content_type=content_type_for(kind, extension),
        size=uploaded_file.size,
        is_public=bool(is_public),
        uploaded_by=actor,
    )
    # Saved through the storage API (default_storage); the storage picks a free name.
    document.file.save(safe_filename(uploaded_file.name, extension), uploaded_file, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def remove_document(*, document, actor, reason):
    """Take a document out of the library; the row and file stay, with who removed it and why."""
    document = Document.objects.select_for_update().select_related("workstream").get(pk=document.pk)
    if document.removed_at is not None:
        raise DomainError(_("This document has already been removed."))
    _require(permissions.can_manage_space(actor, document.workstream))
    document.remove_reason = _clean_reason(reason)
    document.removed_at = timezone.now()
    document.removed_by = actor
    document.save(update_fields=["removed_at", "removed_by", "remove_reason"])
    return document


def download_filename(document):
    extension = PurePosixPath(document.file.name).suffix
    return f"{slugify(document.title)[:80] or 'document'}{extension}"


def open_for_download(document):
    """The stored file opened for reading through the storage API."""
    return document.file.storage.open(document.file.name, "rb")


register_notification_kind()
