"""Consultations, phases, drafts and paragraph comments: thin views over consultations.services.

Objects are fetched tenant-first (the consultation by its slug, then its draft, paragraph or
comment), then the permission is checked; "missing" and "not yours" both answer 404.
"""

from urllib.parse import urlencode

import filetype
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from markdownx.forms import ImageForm
from markdownx.views import ImageUploadView, MarkdownifyView

from accounts.exceptions import DomainError, add_domain_error
from workstreams import permissions as workstream_permissions
from workstreams.models import Workstream

from . import permissions, services
from .diff import diff_paragraphs
from .forms import (
    CommentForm,
    ConsultationEditForm,
    ConsultationForm,
    DraftForm,
    FlagForm,
    ListFilterForm,
    PhaseForm,
    ReasonForm,
)
from .markdown import render_markdown, split_paragraphs
from .models import Comment, Consultation, Draft, Paragraph, Phase

LATEST_PER_PARAGRAPH = 3


def _clean_get(request):
    data = request.GET.copy()
    data.pop("page", None)
    for key, value in list(data.items()):
        data[key] = value.replace("\x00", "")
    return data


def _page(request, queryset, per_page=None):
    paginator = Paginator(queryset, per_page or settings.PAGINATE_BY)
    number = request.GET.get("page") or 1
    if number == "last":
        number = paginator.num_pages
    try:
        return paginator.page(number)
    except Exception as error:  # InvalidPage, or junk such as a NUL byte
        raise Http404(_("No such page.")) from error


def get_consultation(request, slug, check=None):
    """Tenant first, permission second: missing and not visible both answer 404."""
    consultation = get_object_or_404(Consultation.objects.select_related("workstream"), slug=slug)
    if not permissions.can_view_consultation(request.user, consultation):
        raise Http404
    if check is not None and not check(request.user, consultation):
        raise PermissionDenied
    return consultation


def _draft_for(request, consultation, version):
    draft = get_object_or_404(Draft, consultation=consultation, version=version)
    draft.consultation = consultation
    if draft.status != Draft.Status.PUBLISHED and not permissions.can_edit_drafts(
        request.user, consultation
    ):
        raise Http404
    return draft


def visible_consultations(user):
    """Consultations this person may see (Consultation.objects.visible_to)."""
    return Consultation.objects.visible_to(user).select_related("workstream")


# ---- Consultations -------------------------------------------------------------------------


def consultation_list(request):
    data = _clean_get(request)
    queryset = visible_consultations(request.user)
    owners = Workstream.objects.filter(pk__in=queryset.order_by().values("workstream_id")).order_by(
        "name"
    )
    form = ListFilterForm(data, workstreams=owners)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("q"):
        text = filters["q"].strip()
        queryset = queryset.filter(Q(title__icontains=text) | Q(summary__icontains=text))
    if filters.get("workstream"):
        queryset = queryset.filter(workstream=filters["workstream"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    page = _page(request, queryset.order_by("-created", "pk"))
    query_string = urlencode({k: getattr(v, "slug", v) for k, v in filters.items() if v})
    return render(
        request,
        "consultations/list.html",
        {
            "form": form,
            "page_obj": page,
            "consultations": page.object_list,
            "query_string": query_string,
            "filtered": bool(query_string),
            "can_create": request.user.is_authenticated
            and workstream_permissions.manageable_workstreams(request.user).exists(),
        },
    )


def _phase_rows(phases, now, closed=False):
    """Each phase with its state now; once the consultation is closed no phase is running
    (R-CON-1): one that had not ended is shown as closed, never as "Now"."""
    rows = []
    for phase in phases:
        if closed:
            ended = phase.closes_at is not None and phase.closes_at <= now
            state, label = "past", _("Past") if ended else _("Closed")
        elif phase.is_open(now):
            state, label = "current", _("Now")
        elif phase.opens_at > now:
            state, label = "upcoming", _("Upcoming")
        else:
            state, label = "past", _("Past")
        rows.append({"phase": phase, "state": state, "label": label})
    return rows


def consultation_detail(request, slug):
    consultation = get_consultation(request, slug)
    user = request.user
    can_edit = permissions.can_edit_drafts(user, consultation)
    drafts = consultation.drafts.order_by("-version")
    if not can_edit:
        drafts = drafts.filter(status=Draft.Status.PUBLISHED)
    now = timezone.now()
    phases = list(consultation.phases.select_related("draft").order_by("opens_at", "pk"))
    drafts = list(drafts)
    published = [d for d in drafts if d.status == Draft.Status.PUBLISHED]
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "phase_rows": _phase_rows(
                phases, now, closed=consultation.status == Consultation.Status.CLOSED
            ),
            "now": now,
            "drafts": drafts,
            "diff_pair": (published[1], published[0]) if len(published) >= 2 else None,
            "can_manage": permissions.can_manage_consultation(user, consultation),
            "can_edit_drafts": can_edit,
            "can_view_dispositions": permissions.can_view_dispositions(user, consultation),
            "extra_sections": ["consultations/_detail_more.html", "consultations/_nothing.html"],
        },
    )


@login_required
def consultation_create(request):
    workstreams = workstream_permissions.manageable_workstreams(request.user)
    if not workstreams.exists():
        raise PermissionDenied(
            _("Only a workstream's coordinators and the Secretariat may start a consultation.")
        )
    initial = {}
    wanted = (request.GET.get("workstream") or "").replace("\x00", "")
    if wanted:
        initial["workstream"] = workstreams.filter(slug=wanted).first()
    form = ConsultationForm(request.POST or None, workstreams=workstreams, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.create_consultation(
                workstream=data["workstream"],
                actor=request.user,
                title=data["title"],
                summary=data["summary"],
                language=data["language"],
                is_policy_network_output=data["is_policy_network_output"],
                comment_rate_limit=data["comment_rate_limit"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The consultation is created. Add its phases and its first draft."),
            )
            return redirect("consultations:detail", consultation.slug)
    return render(
        request,
        "consultations/consultation_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def consultation_edit(request, slug):
    consultation = get_consultation(request, slug, permissions.can_manage_consultation)
    form = ConsultationEditForm(
        request.POST or None,
        initial={
            "title": consultation.title,
            "summary": consultation.summary,
            "language": consultation.language,
            "status": consultation.status,
            "comment_rate_limit": consultation.comment_rate_limit,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_consultation(
                consultation=consultation, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The consultation is saved."))
            return redirect("consultations:detail", consultation.slug)
    return render(
        request,
        "consultations/consultation_form.html",
        {"form": form, "consultation": consultation},
        status=400 if form.errors else 200,
    )


# ---- Phases --------------------------------------------------------------------------------


def _phase_form(request, consultation, phase=None):
    initial = {}
    if phase is not None:
        initial = {
            "kind": phase.kind,
            "title": phase.title,
            "description": phase.description,
            "opens_at": timezone.localtime(phase.opens_at),
            "closes_at": timezone.localtime(phase.closes_at) if phase.closes_at else None,
            "draft": phase.draft,
        }
    form = PhaseForm(request.POST or None, consultation=consultation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if phase is None:
                services.add_phase(consultation=consultation, actor=request.user, **data)
            else:
                services.update_phase(phase=phase, actor=request.user, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The phase is saved."))
            return redirect(reverse("consultations:detail", args=[consultation.slug]) + "#phases")
    return render(
        request,
        "consultations/phase_form.html",
        {"form": form, "consultation": consultation, "phase": phase},
        status=400 if form.errors else 200,
    )


@login_required
def phase_create(request, slug):
    consultation = get_consultation(request, slug, permissions.can_manage_consultation)
    return _phase_form(request, consultation)


@login_required
def phase_edit(request, slug, pk):
    consultation = get_consultation(request, slug, permissions.can_manage_consultation)
    phase = get_object_or_404(Phase, consultation=consultation, pk=pk)
    return _phase_form(request, consultation, phase)


# ---- Drafts --------------------------------------------------------------------------------


@login_required
def draft_create(request, slug):
    consultation = get_consultation(request, slug, permissions.can_edit_drafts)
    initial = {"language": consultation.language}
    latest = consultation.drafts.order_by("-version").first()
    if latest is not None:
        # The next version starts from the last one's text.
        initial.update(title=latest.title, body=latest.body, language=latest.language)
    form = DraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.create_draft(
                consultation=consultation, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Version %(version)s is saved; it is published only when you publish it.")
                % {"version": draft.version},
            )
            return redirect("consultations:draft", consultation.slug, draft.version)
    return render(
        request,
        "consultations/draft_form.html",
        {"form": form, "consultation": consultation, "is_first": latest is None},
        status=400 if form.errors else 200,
    )


@login_required
def draft_edit(request, slug, version):
    consultation = get_consultation(request, slug, permissions.can_edit_drafts)
    draft = _draft_for(request, consultation, version)
    if draft.status == Draft.Status.PUBLISHED:
        messages.error(
            request,
            _("R-CON-3: version %(version)s is published and never changes; start the next one.")
            % {"version": draft.version},
        )
        return redirect("consultations:draft", consultation.slug, draft.version)
    form = DraftForm(
        request.POST or None,
        initial={
            "title": draft.title,
            "body": draft.body,
            "language": draft.language,
            "is_outcome_document": draft.is_outcome_document,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(draft=draft, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("consultations:draft", consultation.slug, draft.version)
    return render(
        request,
        "consultations/draft_form.html",
        {"form": form, "consultation": consultation, "draft": draft},
        status=400 if form.errors else 200,
    )


@login_required
def draft_publish(request, slug, version):
    consultation = get_consultation(request, slug, permissions.can_publish_draft)
    draft = _draft_for(request, consultation, version)
    error = None
    if request.method == "POST":
        try:
            services.publish_draft(draft=draft, actor=request.user)
        except DomainError as refused:
            error = refused
        else:
            messages.success(
                request,
                _("Version %(version)s is published. Open a comment window for it.")
                % {"version": draft.version},
            )
            return redirect("consultations:draft", consultation.slug, draft.version)
    return render(
        request,
        "consultations/draft_publish.html",
        {
            "consultation": consultation,
            "draft": draft,
            "blocks": split_paragraphs(draft.body) if draft.status == Draft.Status.EDITING else [],
            "error": error,
        },
        status=400 if error else 200,
    )


def _comment_form(paragraph, data=None, parent=None):
    prefix = f"p{paragraph.number}" if parent is None else f"c{parent.pk}"
    form = CommentForm(data, prefix=prefix, initial={"parent": parent.pk if parent else None})
    if parent is None:
        form.fields["body"].label = _("Your comment on paragraph %(number)s") % {
            "number": paragraph.number
        }
    else:
        form.fields["body"].label = _("Your reply to %(name)s") % {
            "name": parent.author.public_name
        }
    return form


def _latest_comments(draft, paragraph_ids=None):
    """The latest few visible comments of every paragraph, in one query whatever their number."""
    replies = (
        Comment.objects.visible()
        .filter(parent=OuterRef("pk"))
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = (
        Comment.objects.visible()
        .filter(draft=draft, parent__isnull=True)
        .select_related("author__profile")
        .annotate(
            reply_count=Coalesce(Subquery(replies), 0),
            rank=Window(
                RowNumber(),
                partition_by=[F("paragraph_id")],
                order_by=[F("created").desc(), F("pk").desc()],
            ),
        )
        .filter(rank__lte=LATEST_PER_PARAGRAPH)
    )
    by_paragraph = {}
    for comment in queryset:
        by_paragraph.setdefault(comment.paragraph_id, []).append(comment)
    for comments in by_paragraph.values():
        comments.sort(key=lambda c: (c.created, c.pk))
    return by_paragraph


def draft_view(request, slug, version):
    consultation = get_consultation(request, slug)
    draft = _draft_for(request, consultation, version)
    user = request.user
    now = timezone.now()
    context = {
        "consultation": consultation,
        "draft": draft,
        "can_edit_drafts": permissions.can_edit_drafts(user, consultation),
        "can_publish": permissions.can_publish_draft(user, consultation),
        "can_moderate": permissions.can_moderate(user, consultation),
        "can_view_dispositions": permissions.can_view_dispositions(user, consultation),
    }
    if draft.status == Draft.Status.EDITING:
        # A preview of the numbering the draft will have once published; no comments yet.
        context["rows"] = [{"paragraph": block} for block in split_paragraphs(draft.body)]
        return render(request, "consultations/draft.html", context)
    window = services.comment_window(draft, now)
    can_comment = window is not None and permissions.can_comment(user, consultation)
    paragraphs = list(draft.paragraphs.order_by("number"))
    latest = _latest_comments(draft)
    rows = [
        {
            "paragraph": paragraph,
            "comments": latest.get(paragraph.pk, []),
            "form": _comment_form(paragraph) if can_comment else None,
        }
        for paragraph in paragraphs
    ]
    other_versions = list(
        consultation.drafts.filter(status=Draft.Status.PUBLISHED)
        .exclude(pk=draft.pk)
        .order_by("version")
        .values_list("version", flat=True)
    )
    context.update(
        rows=rows,
        window=window,
        closed_notice=None if window else services.window_refusal(draft, now).messages[0],
        can_comment=can_comment,
        needs_verification=window is not None
        and user.is_authenticated
        and not permissions.has_verified_email(user),
        other_versions=other_versions,
        total_comments=sum(p.comment_count for p in paragraphs),
    )
    return render(request, "consultations/draft.html", context)


def _paragraph(consultation, draft, number):
    paragraph = get_object_or_404(Paragraph, draft=draft, number=number)
    paragraph.draft = draft
    return paragraph


def _paragraph_page(
    request, consultation, draft, paragraph, *, form=None, refusal=None, status=200
):
    user = request.user
    can_moderate = permissions.can_moderate(user, consultation)
    window = services.comment_window(draft)
    can_comment = (
        draft.status == Draft.Status.PUBLISHED
        and window is not None
        and permissions.can_comment(user, consultation)
    )
    shown = Comment.objects.all() if can_moderate else Comment.objects.visible()
    top = Comment.objects.all()
    if not can_moderate:
        # A hidden comment with visible replies stays as a placeholder, so the replies keep
        # their place in the conversation (and the paragraph's count adds up).
        top = top.filter(
            Q(status=Comment.Status.VISIBLE)
            | Q(Exists(Comment.objects.visible().filter(parent=OuterRef("pk"))))
        )
    comments = (
        top.filter(paragraph=paragraph, parent__isnull=True)
        .select_related("author__profile", "hidden_by__profile")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=shown.select_related("author__profile").order_by("created", "pk"),
            )
        )
        .order_by("created", "pk")
    )
    if can_moderate:
        comments = comments.annotate(
            open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True))
        )
    page = _page(request, comments)
    if can_comment:
        for comment in page.object_list:
            comment.reply_form = (
                _comment_form(paragraph, parent=comment)
                if comment.status == Comment.Status.VISIBLE
                else None
            )
    return render(
        request,
        "consultations/paragraph_comments.html",
        {
            "consultation": consultation,
            "draft": draft,
            "paragraph": paragraph,
            "page_obj": page,
            "comments": page.object_list,
            "window": window,
            "closed_notice": None if window else services.window_refusal(draft).messages[0],
            "can_comment": can_comment,
            "can_moderate": can_moderate,
            "can_flag": permissions.can_comment(user, consultation),
            "form": form
            if form is not None
            else (_comment_form(paragraph) if can_comment else None),
            "refusal": refusal,
            "needs_verification": window is not None
            and user.is_authenticated
            and not permissions.has_verified_email(user),
        },
        status=status,
    )


def paragraph_comments(request, slug, version, number):
    consultation = get_consultation(request, slug)
    draft = _draft_for(request, consultation, version)
    if draft.status != Draft.Status.PUBLISHED:
        raise Http404
    paragraph = _paragraph(consultation, draft, number)
    return _paragraph_page(request, consultation, draft, paragraph)


@require_POST
def comment_post(request, slug, version, number):
    consultation = get_consultation(request, slug)
    draft = _draft_for(request, consultation, version)
    if draft.status != Draft.Status.PUBLISHED:
        raise Http404
    paragraph = _paragraph(consultation, draft, number)
    page_url = reverse(
        "consultations:paragraph-comments", args=[consultation.slug, draft.version, number]
    )
    if not request.user.is_authenticated:
        return redirect_to_login(page_url)
    parent = None
    raw_parent = next(
        (v for k, v in request.POST.items() if k.endswith("-parent") and v.strip()), None
    )
    if raw_parent:
        try:
            parent = Comment.objects.select_related("author__profile").get(
                pk=int(raw_parent), paragraph=paragraph
            )
        except (ValueError, Comment.DoesNotExist):
            parent = None
    form = _comment_form(paragraph, request.POST, parent=parent)
    if raw_parent and parent is None:
        form.is_valid()
        form.add_error(None, _("The comment you replied to is not on this paragraph."))
        return _paragraph_page(request, consultation, draft, paragraph, form=form, status=400)
    if not form.is_valid():
        return _paragraph_page(request, consultation, draft, paragraph, form=form, status=400)
    data = form.cleaned_data
    try:
        comment = services.post_comment(
            paragraph=paragraph,
            actor=request.user,
            body=data["body"],
            language=data["language"],
            named_in_output=data["named_in_output"],
            parent=parent,
        )
    except DomainError as error:
        if error.rule == "R-CON-2" and error.field is None:
            # The window is shut or the person may not comment: refused, with what was typed.
            return _paragraph_page(
                request,
                consultation,
                draft,
                paragraph,
                form=form,
                refusal=error.messages[0],
                status=403,
            )
        add_domain_error(form, error)
        return _paragraph_page(request, consultation, draft, paragraph, form=form, status=400)
    if parent is None:
        messages.success(
            request,
            _("Your comment on paragraph %(number)s is published.") % {"number": number},
        )
        return redirect(
            reverse("consultations:draft", args=[consultation.slug, draft.version])
            + f"#{paragraph.anchor}"
        )
    messages.success(request, _("Your reply is published."))
    return redirect(page_url + f"?page=last#comment-{comment.pk}")


def _comment_of(consultation, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("draft", "paragraph", "author__profile"),
        pk=pk,
        draft__consultation=consultation,
    )
    comment.draft.consultation = consultation
    return comment


def _comment_action(request, slug, pk, *, check, form_class, template_title, service, done):
    consultation = get_consultation(request, slug)
    comment = _comment_of(consultation, pk)
    if comment.status == Comment.Status.HIDDEN and not permissions.can_moderate(
        request.user, consultation
    ):
        raise Http404
    if not check(request.user, consultation):
        raise PermissionDenied
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(comment=comment, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, done)
            return redirect(
                reverse(
                    "consultations:paragraph-comments",
                    args=[consultation.slug, comment.draft.version, comment.paragraph.number],
                )
                + f"#comment-{comment.pk}"
            )
    return render(
        request,
        "consultations/comment_action.html",
        {
            "consultation": consultation,
            "draft": comment.draft,
            "comment": comment,
            "form": form,
            "title": template_title,
        },
        status=400 if form.errors else 200,
    )


@login_required
def comment_hide(request, slug, pk):
    return _comment_action(
        request,
        slug,
        pk,
        check=permissions.can_moderate,
        form_class=ReasonForm,
        template_title=_("Hide a comment"),
        service=services.hide_comment,
        done=_("The comment is hidden; the reason is recorded."),
    )


@login_required
def comment_unhide(request, slug, pk):
    return _comment_action(
        request,
        slug,
        pk,
        check=permissions.can_moderate,
        form_class=ReasonForm,
        template_title=_("Show a hidden comment again"),
        service=services.unhide_comment,
        done=_("The comment is shown again; the reason is recorded."),
    )


@login_required
def comment_flag(request, slug, pk):
    return _comment_action(
        request,
        slug,
        pk,
        check=permissions.can_comment,
        form_class=FlagForm,
        template_title=_("Ask the moderators to look at a comment"),
        service=services.flag_comment,
        done=_("Thank you: the moderators will look at this comment."),
    )


def draft_diff(request, slug, v1, v2):
    consultation = get_consultation(request, slug)
    old = _draft_for(request, consultation, v1)
    new = _draft_for(request, consultation, v2)

    def paragraphs_of(draft):
        if draft.status == Draft.Status.PUBLISHED:
            return list(draft.paragraphs.order_by("number"))
        return split_paragraphs(draft.body)

    rows = diff_paragraphs(paragraphs_of(old), paragraphs_of(new))
    return render(
        request,
        "consultations/diff.html",
        {
            "consultation": consultation,
            "old": old,
            "new": new,
            "rows": rows,
            "changes": sum(1 for row in rows if row.change != "same"),
        },
    )


# ---- markdownx endpoints: editors only, one sanitiser, raster images only ----------------

RASTER_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


class EditorImageForm(ImageForm):
    """markdownx's image form, checked by content (not by the browser's claimed type or the
    file's name): PNG, JPEG, GIF or WebP only (never SVG), within the size limit."""

    def clean(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            raise ValidationError(_("Choose an image to upload."))
        limit = settings.MARKDOWNX_UPLOAD_MAX_SIZE
        if upload.size > limit:
            raise ValidationError(
                _("The image is too large: at most %(limit)s MB.") % {"limit": limit // 2**20}
            )
        head = upload.read(262)
        upload.seek(0)
        kind = filetype.guess(head)
        if kind is None or kind.mime not in RASTER_TYPES:
            raise ValidationError(
                _("Only PNG, JPEG, GIF or WebP images are accepted (checked by content).")
            )
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ValidationError(_("This image file is damaged or not an image.")) from error
        upload.seek(0)
        upload.content_type = kind.mime
        self.sniffed = kind.mime
        return upload

    def save(self, commit=True):
        from io import BytesIO
        from uuid import uuid4

        from django.core.files.base import ContentFile

        upload = self.files.get("image")
        mime = self.sniffed
        if mime == "image/gif":
            content = ContentFile(upload.read())
        else:
            # Re-encoded by Pillow: whatever else the file carried does not survive.
            pil_format = {"image/jpeg": "JPEG"}.get(mime, mime.split("/")[1].upper())
            processed = self._process_raster(upload, pil_format)
            processed.seek(0)
            content = ContentFile(BytesIO(processed.read()).getvalue())
        # The stored name's extension comes from the content, never from the uploaded name.
        name = f"{settings.MARKDOWNX_MEDIA_PATH}{uuid4()}.{RASTER_TYPES[mime]}"
        saved = default_storage.save(name, content)
        return default_storage.url(saved)


class EditorOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_use_markdown_editor(request.user):
            return HttpResponse(
                _("Only editors of a consultation may use the Markdown editor."),
                status=403,
                content_type="text/plain; charset=utf-8",
            )
        return super().dispatch(request, *args, **kwargs)


class MarkdownPreviewView(EditorOnlyMixin, MarkdownifyView):
    """markdownx's preview through the same sanitising path as published drafts."""

    def post(self, request, *args, **kwargs):
        content = request.POST.get("content", "")
        if len(content) > services.DRAFT_BODY_MAX:
            return HttpResponse(
                _("The text is too long to preview: at most %(limit)s characters.")
                % {"limit": services.DRAFT_BODY_MAX},
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return HttpResponse(render_markdown(content))


class MarkdownUploadView(EditorOnlyMixin, ImageUploadView):
    form_class = EditorImageForm

    def form_invalid(self, form):
        return JsonResponse(form.errors, status=400)

    def form_valid(self, form):
        return JsonResponse({"image_code": f"![]({form.save(commit=True)})"})


markdown_preview = MarkdownPreviewView.as_view()
markdown_upload = MarkdownUploadView.as_view()
