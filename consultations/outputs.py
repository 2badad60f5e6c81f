"""Published outputs (R-CON-6): HTML and PDF rendered by a Celery task, idempotent by content
hash, with a permanent versioned URL, shared with a distribution list drawn from the
Secretariat's directory of fora and entities (R-PN-9's contact database).
"""

import hashlib
import logging
import re
from html import unescape
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError

from . import editorial, events, permissions, pn
from .checks import clean_reason, clean_text, require
from .contributions import contributor_name
from .messages import live_messages
from .models import (
    Comment,
    Consultation,
    Contribution,
    Distribution,
    Draft,
    Entity,
    Output,
)

logger = logging.getLogger(__name__)
PRINT_CSS = Path(__file__).resolve().parent / "static" / "consultations" / "output-print.css"
ERROR_MAX = 2000


# ---- Publishing ------------------------------------------------------------------------------


def pdf_path(output):
    return reverse("consultations:output-pdf", args=[output.consultation.slug, output.version])


def permanent_pdf_url(output):
    """The PDF's permanent, versioned address: it names the version and never changes."""
    return settings.SITE_URL + pdf_path(output)


def enqueue_render(output):
    from .tasks import render_output_task

    # Enqueued once the output is committed: the worker must find the row.
    transaction.on_commit(lambda: render_output_task.delay(output.pk))


@transaction.atomic
def publish_output(*, actor, consultation, draft, entities=()):
    """R-CON-6: publish a new output version of a published draft; it renders in the
    background and is then sent to the chosen entities. A Policy Network's draft must cover
    the sections of R-PN-9."""
    # The consultation row is locked so two publishers never take the same version number.
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require(
        permissions.can_publish_output(actor, consultation),
        _("Only the workstream's coordinators and the Secretariat publish outputs."),
    )
    if draft.consultation_id != consultation.pk:
        raise DomainError(_("Choose a draft of this consultation."), field="draft")
    if draft.status != Draft.Status.PUBLISHED:
        raise DomainError(
            _("Draft %(version)s is not published yet; publish it first.")
            % {"version": draft.version},
            field="draft",
            rule="R-CON-6",
        )
    pn.check_outcome_document(consultation, draft)
    entities = list(entities or [])
    inactive = [entity for entity in entities if not entity.active]
    if inactive:
        raise DomainError(
            _("%(name)s is no longer active in the directory.") % {"name": inactive[0].name},
            field="entities",
        )
    last = Output.objects.filter(consultation=consultation).aggregate(last=Max("version"))
    output = Output.objects.create(
        consultation=consultation,
        draft=draft,
        version=(last["last"] or 0) + 1,
        title=draft.title,
        published_by=actor,
    )
    Distribution.objects.bulk_create(
        [Distribution(output=output, entity=entity) for entity in entities]
    )
    events.record(
        consultation=consultation,
        actor=actor,
        action="output_published",
        output=output.pk,
        version=output.version,
        draft=draft.pk,
        entities=[entity.pk for entity in entities],
    )
    enqueue_render(output)
    return output


@transaction.atomic
def retry_output(*, output, actor):
    """Render a failed output again."""
    output = Output.objects.select_for_update().select_related("consultation").get(pk=output.pk)
    require(permissions.can_publish_output(actor, output.consultation))
    if output.render_status != Output.RenderStatus.FAILED:
        raise DomainError(_("Only an output whose rendering failed can be retried."))
    output.render_status = Output.RenderStatus.PENDING
    output.save(update_fields=["render_status", "updated"])
    events.record(
        consultation=output.consultation,
        actor=actor,
        action="output_retried",
        output=output.pk,
        previous_error=output.render_error[:500],
    )
    enqueue_render(output)
    return output


# ---- Rendering -------------------------------------------------------------------------------


HEADING_LEVEL = re.compile(r"<h([1-6])\b")


def _plain(html):
    """A paragraph's words without tags (escaped again by the template)."""
    return " ".join(unescape(strip_tags(html)).split())


def _level(paragraph):
    match = HEADING_LEVEL.search(paragraph.html)
    return int(match.group(1)) if match else 1


def _same_text(text, other):
    def normal(value):
        return " ".join(str(value or "").replace("–", "-").replace("—", "-").split()).casefold()

    return bool(other) and normal(text) == normal(other)


def _sections(paragraphs, titles=()):
    """Numbered sections from the heading paragraphs; paragraphs keep their own numbers.

    A draft's leading H1 that repeats the document's title is the title, not a section (the
    cover shows it): it is returned apart so links to its paragraph still land. The highest
    heading level is numbered 1, 2, ...; a lower one under it 1.1, 1.2, ...
    Returns (title_paragraph or None, sections)."""
    paragraphs = list(paragraphs)
    title_paragraph = None
    if paragraphs and paragraphs[0].is_heading and _level(paragraphs[0]) == 1:
        text = _plain(paragraphs[0].html)
        if any(_same_text(text, title) for title in titles):
            title_paragraph = paragraphs.pop(0)
    levels = [_level(p) for p in paragraphs if p.is_heading]
    top = min(levels) if levels else 1
    sections, current, major, minor = [], None, 0, 0
    for paragraph in paragraphs:
        if paragraph.is_heading:
            paragraph.text = _plain(paragraph.html)
            if _level(paragraph) <= top or major == 0:
                major, minor = major + 1, 0
                depth, label = 1, f"{major}."
            else:
                minor += 1
                depth, label = 2, f"{major}.{minor}"
            current = {"number": label, "depth": depth, "heading": paragraph, "paragraphs": []}
            sections.append(current)
            continue
        if current is None:
            current = {"number": None, "depth": 1, "heading": None, "paragraphs": []}
            sections.append(current)
        current["paragraphs"].append(paragraph)
    return title_paragraph, sections


def named_contributors(consultation):
    """Only people who agreed to be named (R-CON-6 annex): commenters and contributors."""
    commenters = sorted(
        {
            str(comment.author)
            for comment in Comment.objects.visible()
            .filter(draft__consultation=consultation, named_in_output=True)
            .select_related("author__profile")
            .order_by("author_id")
            .distinct()
        },
        key=str.casefold,
    )
    contributors = sorted(
        {
            contributor_name(contribution)
            for contribution in Contribution.objects.filter(
                consultation=consultation,
                status=Contribution.Status.VISIBLE,
                named_in_output=True,
            ).select_related("author__profile", "on_behalf_workstream")
        },
        key=str.casefold,
    )
    return {"commenters": commenters, "contributors": contributors}


def output_context(output):
    consultation, draft = output.consultation, output.draft
    paragraphs = list(draft.paragraphs.order_by("number"))
    title_paragraph, sections = _sections(
        paragraphs, titles=(consultation.title, draft.title, output.title)
    )
    registers = [
        {"draft": earlier, "comments": list(editorial.register_comments(earlier))}
        for earlier in consultation.drafts.filter(
            status=Draft.Status.PUBLISHED, version__lte=draft.version
        ).order_by("version")
    ]
    return {
        "output": output,
        "consultation": consultation,
        "workstream": consultation.workstream,
        "draft": draft,
        "title_paragraph": title_paragraph,
        "sections": sections,
        "contents": [section for section in sections if section["heading"]],
        "messages": list(live_messages(consultation)),
        "annex": named_contributors(consultation),
        "registers": registers,
        "pdf_url": permanent_pdf_url(output),
        "page_url": settings.SITE_URL
        + reverse("consultations:output", args=[consultation.slug, output.version]),
        "site_name": settings.SITE_NAME,
        "published": output.created,
    }


def build_html(output):
    """The output as one self-contained HTML document (the PDF's source and the web page)."""
    with translation.override(output.consultation.language or settings.LANGUAGE_CODE):
        return render_to_string("consultations/pdf/output.html", output_context(output))


def write_pdf(html):
    """WeasyPrint, fetching nothing from the network: only data: URLs (and no file://)."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, base_url=settings.SITE_URL, url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(string=PRINT_CSS.read_text(encoding="utf-8"), url_fetcher=fetcher)]
    )


def _reusable_pdf(output, digest):
    """A PDF already rendered from exactly this content, if its file is still stored."""
    candidates = Output.objects.filter(content_hash=digest).exclude(pdf="").order_by("pk")
    for candidate in candidates:
        if candidate.pdf.storage.exists(candidate.pdf.name):
            return candidate.pdf.name
    return None


def render_output(output_id):
    """R-CON-6: build the HTML, hash it, reuse a PDF with the same hash or render a new one
    with WeasyPrint; mark the output ready or failed. Running it twice changes nothing."""
    with transaction.atomic():
        # Held while rendering: a duplicate task waits, then finds the output ready.
        output = (
            Output.objects.select_for_update(of=("self",))
            .select_related("consultation__workstream", "draft")
            .get(pk=output_id)
        )
        if output.render_status == Output.RenderStatus.READY and output.pdf:
            return output
        output.render_attempts += 1
        try:
            html = build_html(output)
            digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
            name = _reusable_pdf(output, digest)
            if name is None:
                pdf = write_pdf(html)
                output.pdf.save(
                    f"{output.consultation.slug}-v{output.version}-{digest[:12]}.pdf",
                    ContentFile(pdf),
                    save=False,
                )
            else:
                output.pdf.name = name
        except Exception as error:  # any failure is shown to the publisher, who may retry
            logger.exception("Rendering output %s failed", output.pk)
            output.render_status = Output.RenderStatus.FAILED
            output.render_error = f"{type(error).__name__}: {error}"[:ERROR_MAX]
            output.save(update_fields=["render_status", "render_error", "render_attempts"])
            return output
        output.html, output.content_hash = html, digest
        output.render_status = Output.RenderStatus.READY
        output.render_error = ""
        output.rendered_at = timezone.now()
        output.save()
        events.record(
            consultation=output.consultation,
            actor=None,
            action="output_rendered",
            output=output.pk,
            content_hash=digest,
            reused=name is not None,
        )
    notify_distribution(output)
    return output


# ---- Distribution ----------------------------------------------------------------------------


def notify_distribution(output):
    """Email each entity on the list once, with the permanent URL; notified_at records it.
    Returns how many were sent now."""
    if output.render_status != Output.RenderStatus.READY:
        return 0
    sent = 0
    pending = Distribution.objects.filter(output=output, notified_at__isnull=True).exclude(
        entity__contact_email=""
    )
    for distribution_id in list(pending.values_list("pk", flat=True)):
        with transaction.atomic():
            distribution = (
                Distribution.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("entity")
                .filter(pk=distribution_id, notified_at__isnull=True)
                .first()
            )
            if distribution is None:
                continue  # another worker has it, or it was sent meanwhile
            context = {
                "output": output,
                "consultation": output.consultation,
                "entity": distribution.entity,
                "pdf_url": permanent_pdf_url(output),
                "page_url": settings.SITE_URL
                + reverse("consultations:output", args=[output.consultation.slug, output.version]),
                "site_name": settings.SITE_NAME,
            }
            message = EmailMultiAlternatives(
                subject=" ".join(
                    (
                        _("[%(site)s] Published: %(title)s")
                        % {"site": settings.SITE_NAME, "title": output.title}
                    ).split()
                ),
                body=render_to_string("consultations/emails/output_published.txt", context),
                to=[distribution.entity.contact_email],
            )
            message.attach_alternative(
                render_to_string("consultations/emails/output_published.html", context),
                "text/html",
            )
            try:
                message.send()
            except Exception:  # stays pending; the next render or a retry sends it
                logger.exception("Could not notify %s", distribution.entity.contact_email)
                continue
            distribution.notified_at = timezone.now()
            distribution.save(update_fields=["notified_at"])
            sent += 1
    return sent


# ---- The directory of fora and entities -----------------------------------------------------

ENTITY_TEXT_LIMITS = {"name": 200, "contact_name": 200, "issues": 5000}


def _entity_log(entity, actor, message):
    # Entities belong to no consultation, so their decisions go to Django's admin log.
    LogEntry.objects.create(
        user=actor,
        content_type=ContentType.objects.get_for_model(Entity),
        object_id=str(entity.pk),
        object_repr=str(entity)[:200],
        action_flag=CHANGE,
        change_message=message[:2000],
    )


def _clean_entity_fields(fields):
    cleaned = dict(fields)
    cleaned["name"] = clean_text(fields.get("name"), field="name", limit=200, label=_("name"))
    if fields.get("kind") not in Entity.Kind.values:
        raise DomainError(_("Choose the kind of forum or entity."), field="kind")
    for key in ("contact_name", "issues"):
        cleaned[key] = clean_text(
            fields.get(key), field=key, limit=ENTITY_TEXT_LIMITS[key], label=key, required=False
        )
    return cleaned


@transaction.atomic
def create_entity(*, actor, **fields):
    """The Secretariat adds a forum or entity to the directory (R-CON-6, R-PN-9)."""
    require(permissions.can_manage_entities(actor), _("The Secretariat keeps this directory."))
    entity = Entity.objects.create(created_by=actor, **_clean_entity_fields(fields))
    _entity_log(entity, actor, "created")
    return entity


@transaction.atomic
def update_entity(*, entity, actor, **fields):
    require(permissions.can_manage_entities(actor), _("The Secretariat keeps this directory."))
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    for key, value in _clean_entity_fields(fields).items():
        setattr(entity, key, value)
    entity.save()
    _entity_log(entity, actor, "updated: " + ", ".join(sorted(fields)))
    return entity


@transaction.atomic
def deactivate_entity(*, entity, actor, reason):
    """Take an entity off future distribution lists; never deleted, the reason is logged."""
    require(permissions.can_manage_entities(actor), _("The Secretariat keeps this directory."))
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    if not entity.active:
        raise DomainError(_("%(name)s is already inactive.") % {"name": entity.name})
    reason = clean_reason(reason)
    entity.active = False
    entity.save(update_fields=["active", "updated"])
    _entity_log(entity, actor, f"deactivated: {reason}")
    return entity


@transaction.atomic
def reactivate_entity(*, entity, actor):
    require(permissions.can_manage_entities(actor), _("The Secretariat keeps this directory."))
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    entity.active = True
    entity.save(update_fields=["active", "updated"])
    _entity_log(entity, actor, "reactivated")
    return entity


def entity_history(entity):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Entity), object_id=str(entity.pk)
    ).select_related("user__profile")
