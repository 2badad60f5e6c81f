"""Contributions, the editorial group and dispositions, messages, participation, outputs and
the directory of fora and entities. Thin views: load tenant-first, check, call a service."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.exceptions import DomainError, add_domain_error

from . import contributions, editorial, outputs, participation, permissions, pn
from . import messages as outcome_messages
from .forms_outputs import (
    ContributionForm,
    DispositionForm,
    EditorDecisionForm,
    EntityFilterForm,
    EntityForm,
    InviteNrisForm,
    JoinEditorsForm,
    MessageForm,
    NriFeedbackForm,
    OptionalReasonForm,
    PublishOutputForm,
    ReasonForm,
)
from .markdown import demote_headings
from .models import (
    Comment,
    Consultation,
    Contribution,
    Disposition,
    Draft,
    Editor,
    Entity,
    Message,
    NriFeedbackInvitation,
    Output,
)


def get_consultation(request, slug, check=None):
    """Tenant first, permission second: "missing" and "not yours" are the same 404. A page
    the person may see but an action they may not take is a 403 (check)."""
    consultation = get_object_or_404(Consultation.objects.select_related("workstream"), slug=slug)
    if not permissions.can_view_consultation(request.user, consultation):
        raise Http404
    if check is not None and not check(request.user, consultation):
        raise PermissionDenied
    return consultation


def _page(request, consultation, tab, **context):
    return {"consultation": consultation, "tab": tab, **context}


def _posted(request):
    # An empty POST is still a submission: it must show its errors, not a fresh form.
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _status(form):
    return 400 if form is not None and form.is_bound and form.errors else 200


def _paginate(request, items):
    return Paginator(items, settings.PAGINATE_BY).get_page(request.GET.get("page"))


# ---- Contributions (R-CON-4) -----------------------------------------------------------------


def contribution_list(request, slug):
    consultation = get_consultation(request, slug)
    page = _paginate(
        request,
        contributions.visible_contributions(consultation)
        .select_related("author__profile", "on_behalf_workstream")
        .order_by("-created", "-pk"),
    )
    mine = []
    if request.user.is_authenticated:
        mine = list(
            Contribution.objects.filter(consultation=consultation, author=request.user)
            .exclude(status=Contribution.Status.VISIBLE)
            .order_by("-created")[:20]
        )
    context = _page(
        request,
        consultation,
        "contributions",
        page_obj=page,
        contributions=page.object_list,
        counts=contributions.origin_counts(consultation),
        open_call=contributions.open_call(consultation),
        can_contribute=permissions.can_contribute(request.user, consultation),
        can_moderate=permissions.can_moderate(request.user, consultation),
        mine=mine,
    )
    return render(request, "consultations/contributions.html", context)


@login_required
def contribution_create(request, slug):
    consultation = get_consultation(request, slug, permissions.can_contribute)
    form = ContributionForm(_posted(request), _files(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contribution = contributions.submit_contribution(
                consultation=consultation,
                actor=request.user,
                title=data["title"],
                text=data["text"],
                uploaded_file=data["file"],
                on_behalf_of=data["on_behalf_of"],
                organisation=data["organisation"],
                on_behalf_workstream=data["on_behalf_workstream"],
                language=data["language"],
                named_in_output=data["named_in_output"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you: “%(title)s” is recorded.") % {"title": contribution.title},
            )
            return redirect("consultations:contributions", slug=consultation.slug)
    context = _page(
        request,
        consultation,
        "contributions",
        form=form,
        open_call=contributions.open_call(consultation),
    )
    return render(request, "consultations/contribution_form.html", context, status=_status(form))


def _contribution_or_404(consultation, pk):
    return get_object_or_404(
        Contribution.objects.select_related("consultation__workstream"),
        pk=pk,
        consultation=consultation,
    )


def contribution_file(request, slug, pk):
    """Every download passes a permission check (never a public media URL)."""
    consultation = get_consultation(request, slug)
    contribution = _contribution_or_404(consultation, pk)
    if not contribution.file or not permissions.can_download_contribution(
        request.user, contribution
    ):
        raise Http404
    try:
        handle = contribution.file.storage.open(contribution.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=contribution.file.name.rsplit("/", 1)[-1],
        content_type=contribution.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


@login_required
def contribution_withdraw(request, slug, pk):
    consultation = get_consultation(request, slug)
    contribution = _contribution_or_404(consultation, pk)
    if contribution.author_id != request.user.pk:
        raise PermissionDenied
    form = OptionalReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            contributions.withdraw_contribution(
                contribution=contribution, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your contribution has been withdrawn."))
            return redirect("consultations:contributions", slug=consultation.slug)
    context = _page(
        request,
        consultation,
        "contributions",
        form=form,
        contribution=contribution,
        action=_("Withdraw your contribution"),
    )
    return render(request, "consultations/contribution_status.html", context, status=_status(form))


@login_required
def contribution_hide(request, slug, pk):
    consultation = get_consultation(request, slug, permissions.can_moderate)
    contribution = _contribution_or_404(consultation, pk)
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            contributions.hide_contribution(
                contribution=contribution, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The contribution is hidden; the reason is recorded."))
            return redirect("consultations:contributions", slug=consultation.slug)
    context = _page(
        request,
        consultation,
        "contributions",
        form=form,
        contribution=contribution,
        action=_("Hide this contribution"),
    )
    return render(request, "consultations/contribution_status.html", context, status=_status(form))


# ---- The editorial group (R-CON-5) -----------------------------------------------------------


def editors(request, slug):
    consultation = get_consultation(request, slug)
    can_decide = permissions.can_decide_editor_requests(request.user, consultation)
    rows = Editor.objects.filter(consultation=consultation).select_related(
        "user__profile", "decided_by__profile"
    )
    mine = rows.filter(user=request.user).first() if request.user.is_authenticated else None
    closed = consultation.status == Consultation.Status.CLOSED
    form = JoinEditorsForm(_posted(request))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if form.is_valid():
            try:
                editorial.ask_to_join(
                    consultation=consultation,
                    actor=request.user,
                    motivation=form.cleaned_data["motivation"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request, _("You have asked to join; the coordinators will decide.")
                )
                return redirect("consultations:editors", slug=consultation.slug)
    context = _page(
        request,
        consultation,
        "editors",
        approved=rows.filter(status=Editor.Status.APPROVED),
        requests=rows.filter(status=Editor.Status.REQUESTED) if can_decide else [],
        decided=rows.exclude(status__in=[Editor.Status.APPROVED, Editor.Status.REQUESTED])
        if can_decide
        else [],
        can_decide=can_decide,
        # Not offered to those who decide the requests, nor once the consultation is closed.
        can_ask=permissions.can_ask_to_join_editors(request.user, consultation)
        and not can_decide
        and not closed,
        closed=closed,
        mine=mine,
        form=form,
        decision_form=EditorDecisionForm(),
    )
    return render(request, "consultations/editors.html", context, status=_status(form))


@login_required
def editor_decide(request, slug, pk):
    consultation = get_consultation(request, slug, permissions.can_decide_editor_requests)
    editor = get_object_or_404(
        Editor.objects.select_related("user__profile"), pk=pk, consultation=consultation
    )
    form = EditorDecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            editorial.decide_editor_request(
                editor=editor,
                actor=request.user,
                approve=approve,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                (
                    _("%(name)s is now an editor.")
                    if approve
                    else _("%(name)s's request is declined.")
                )
                % {"name": editor.user},
            )
            return redirect("consultations:editors", slug=consultation.slug)
    context = _page(request, consultation, "editors", form=form, editor=editor)
    return render(request, "consultations/editor_decide.html", context, status=_status(form))


@login_required
@require_POST
def editor_leave(request, slug):
    consultation = get_consultation(request, slug)
    try:
        editorial.leave_editors(consultation=consultation, actor=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have left the editorial group."))
    return redirect("consultations:editors", slug=consultation.slug)


# ---- Dispositions (R-CON-5) ------------------------------------------------------------------


def _draft_or_404(consultation, version):
    return get_object_or_404(
        Draft, consultation=consultation, version=version, status=Draft.Status.PUBLISHED
    )


def dispositions(request, slug, version):
    consultation = get_consultation(request, slug, permissions.can_view_dispositions)
    draft = _draft_or_404(consultation, version)
    page = _paginate(request, editorial.register_comments(draft))
    context = _page(
        request,
        consultation,
        "dispositions",
        draft=draft,
        page_obj=page,
        comments=page.object_list,
        summary=editorial.register_summary(draft),
        can_give=permissions.can_give_disposition(request.user, consultation),
        drafts=consultation.drafts.filter(status=Draft.Status.PUBLISHED).order_by("version"),
    )
    return render(request, "consultations/dispositions.html", context)


@login_required
def disposition_give(request, slug, pk):
    consultation = get_consultation(request, slug, permissions.can_give_disposition)
    comment = get_object_or_404(
        Comment.objects.select_related("draft", "paragraph", "author__profile"),
        pk=pk,
        draft__consultation=consultation,
    )
    existing = Disposition.objects.filter(comment=comment).first()
    initial = {"outcome": existing.outcome, "reply": existing.reply} if existing else None
    form = DispositionForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            editorial.give_disposition(
                comment=comment,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                reply=form.cleaned_data["reply"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Disposition recorded for comment #%(number)s; the commenter is notified.")
                % {"number": comment.pk},
            )
            return redirect(
                reverse("consultations:dispositions", args=[slug, comment.draft.version])
                + f"#comment-{comment.pk}"
            )
    context = _page(request, consultation, "dispositions", form=form, comment=comment)
    return render(request, "consultations/disposition_form.html", context, status=_status(form))


def dispositions_csv(request, slug, version):
    consultation = get_consultation(request, slug, permissions.can_view_dispositions)
    draft = _draft_or_404(consultation, version)
    response = StreamingHttpResponse(
        editorial.register_csv_rows(draft), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{consultation.slug}-draft-{draft.version}-dispositions.csv"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---- Messages (R-CON-7) ----------------------------------------------------------------------


def message_list(request, slug):
    consultation = get_consultation(request, slug)
    context = _page(
        request,
        consultation,
        "messages",
        outcome_messages=outcome_messages.live_messages(consultation),
        can_manage=permissions.can_manage_messages(request.user, consultation),
    )
    return render(request, "consultations/messages.html", context)


def _message_form_view(request, consultation, message=None):
    initial = None
    if message is not None:
        initial = {
            "kind": message.kind,
            "title": message.title,
            "body": message.body,
            "paragraphs": list(message.paragraphs.all()),
            "comments": ", ".join(str(pk) for pk in message.comments.values_list("pk", flat=True)),
            "position": message.position,
        }
    form = MessageForm(_posted(request), initial=initial, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        arguments = {
            "actor": request.user,
            "kind": data["kind"],
            "title": data["title"],
            "body": data["body"],
            "paragraphs": data["paragraphs"],
            "comment_ids": data["comments"],
            "position": data["position"],
        }
        try:
            if message is None:
                outcome_messages.create_message(consultation=consultation, **arguments)
            else:
                outcome_messages.update_message(message=message, **arguments)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The message is saved."))
            return redirect("consultations:messages", slug=consultation.slug)
    context = _page(request, consultation, "messages", form=form, message=message)
    return render(request, "consultations/message_form.html", context, status=_status(form))


@login_required
def message_create(request, slug):
    consultation = get_consultation(request, slug, permissions.can_manage_messages)
    return _message_form_view(request, consultation)


def _message_or_404(consultation, pk):
    return get_object_or_404(Message, pk=pk, consultation=consultation, withdrawn_at__isnull=True)


@login_required
def message_edit(request, slug, pk):
    consultation = get_consultation(request, slug, permissions.can_manage_messages)
    return _message_form_view(request, consultation, _message_or_404(consultation, pk))


@login_required
def message_withdraw(request, slug, pk):
    consultation = get_consultation(request, slug, permissions.can_manage_messages)
    message = _message_or_404(consultation, pk)
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            outcome_messages.withdraw_message(
                message=message, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The message is withdrawn; the reason is recorded."))
            return redirect("consultations:messages", slug=consultation.slug)
    context = _page(request, consultation, "messages", form=form, message=message)
    return render(request, "consultations/message_withdraw.html", context, status=_status(form))


# ---- Participation ---------------------------------------------------------------------------


def participation_view(request, slug):
    consultation = get_consultation(request, slug, permissions.can_view_participation)
    context = _page(
        request,
        consultation,
        "participation",
        panel=participation.participation_panel(consultation),
        counts=contributions.origin_counts(consultation),
    )
    return render(request, "consultations/participation.html", context)


# ---- Outputs (R-CON-6) -----------------------------------------------------------------------


def output_list(request, slug):
    consultation = get_consultation(request, slug)
    can_publish = permissions.can_publish_output(request.user, consultation)
    form = None
    if can_publish:
        form = PublishOutputForm(_posted(request), consultation=consultation)
    if request.method == "POST":
        if not can_publish:
            raise PermissionDenied
        if form.is_valid():
            try:
                output = outputs.publish_output(
                    actor=request.user,
                    consultation=consultation,
                    draft=form.cleaned_data["draft"],
                    entities=form.cleaned_data["entities"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("Version %(version)s is published; it is being rendered to PDF.")
                    % {"version": output.version},
                )
                return redirect("consultations:outputs", slug=consultation.slug)
    all_outputs = Output.objects.filter(consultation=consultation).select_related("draft")
    if not can_publish:
        all_outputs = all_outputs.filter(render_status=Output.RenderStatus.READY)
    page = _paginate(request, all_outputs.order_by("-version"))
    pending = can_publish and any(
        output.render_status == Output.RenderStatus.PENDING for output in page.object_list
    )
    missing = []
    if consultation.is_policy_network_output and can_publish:
        latest = consultation.drafts.filter(status=Draft.Status.PUBLISHED).order_by("-version")
        latest = latest.first()
        if latest is not None:
            missing = pn.missing_outcome_sections(latest)
    context = _page(
        request,
        consultation,
        "outputs",
        page_obj=page,
        outputs=page.object_list,
        can_publish=can_publish,
        form=form,
        refresh=pending,
        missing_sections=missing,
    )
    return render(request, "consultations/outputs.html", context, status=_status(form))


@login_required
@require_POST
def output_retry(request, slug, version):
    consultation = get_consultation(request, slug, permissions.can_publish_output)
    output = get_object_or_404(Output, consultation=consultation, version=version)
    try:
        outputs.retry_output(output=output, actor=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rendering again…"))
    return redirect("consultations:outputs", slug=consultation.slug)


def _ready_output(consultation, version):
    return get_object_or_404(
        Output.objects.select_related("draft"),
        consultation=consultation,
        version=version,
        render_status=Output.RenderStatus.READY,
    )


def output_page(request, slug, version):
    consultation = get_consultation(request, slug)
    output = _ready_output(consultation, version)
    # The stored snapshot, generated by the portal from sanitised paragraphs and escaped text.
    body = output.html.split("<body>", 1)[-1].rsplit("</body>", 1)[0]
    # The page has its own h1: the document's headings move one level down inside it.
    body = demote_headings(body)
    body = mark_safe(body)  # noqa: S308 - made by the portal's own template, text escaped
    context = _page(request, consultation, "outputs", output=output, body=body)
    return render(request, "consultations/output.html", context)


def output_pdf(request, slug, version):
    """The permanent, versioned URL of an output's PDF."""
    consultation = get_consultation(request, slug)
    output = _ready_output(consultation, version)
    if not output.pdf:
        raise Http404
    try:
        handle = output.pdf.storage.open(output.pdf.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=False,
        filename=f"{consultation.slug}-v{output.version}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---- NRI feedback (R-PN-8) -------------------------------------------------------------------


def nri_invitations(request, slug):
    consultation = get_consultation(request, slug)
    if not consultation.is_policy_network_output:
        raise Http404
    can_invite = permissions.can_manage_consultation(request.user, consultation)
    form = InviteNrisForm(_posted(request), consultation=consultation) if can_invite else None
    if request.method == "POST":
        if not can_invite:
            raise PermissionDenied
        if form.is_valid():
            try:
                invited = pn.invite_nris(phase=form.cleaned_data["phase"], actor=request.user)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(count)s NRIs are invited; their coordinators are notified.")
                    % {"count": len(invited)},
                )
                return redirect("consultations:nri-invitations", slug=consultation.slug)
    invitations = (
        NriFeedbackInvitation.objects.filter(phase__consultation=consultation)
        .select_related("phase", "nri", "contribution")
        .order_by("phase__opens_at", "nri__name")
    )
    page = _paginate(request, invitations)
    my_nris = set()
    if request.user.is_authenticated:
        from workstreams.models import Membership

        my_nris = set(
            Membership.objects.active()
            .filter(user=request.user, role__in=["coordinator", "member"])
            .values_list("workstream_id", flat=True)
        )
    context = _page(
        request,
        consultation,
        "nri-invitations",
        page_obj=page,
        invitations=page.object_list,
        form=form,
        can_invite=can_invite,
        my_nris=my_nris,
    )
    return render(request, "consultations/nri_invitations.html", context, status=_status(form))


@login_required
def nri_feedback(request, slug, pk):
    consultation = get_consultation(request, slug)
    invitation = get_object_or_404(
        NriFeedbackInvitation.objects.select_related("phase", "nri"),
        pk=pk,
        phase__consultation=consultation,
    )
    if not permissions.can_answer_nri_invitation(request.user, invitation):
        raise PermissionDenied
    form = NriFeedbackForm(_posted(request), _files(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pn.submit_nri_feedback(
                invitation=invitation,
                actor=request.user,
                title=data["title"],
                text=data["text"],
                uploaded_file=data["file"],
                language=data["language"],
                named_in_output=data["named_in_output"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The initiative's feedback is recorded."))
            return redirect("consultations:nri-invitations", slug=consultation.slug)
    context = _page(request, consultation, "nri-invitations", form=form, invitation=invitation)
    return render(request, "consultations/nri_feedback.html", context, status=_status(form))


# ---- The directory of fora and entities (R-CON-6, R-PN-9) ------------------------------------


def _secretariat_only(request):
    if not permissions.can_view_entities(request.user):
        raise Http404  # contacts are personal data: the page's existence is not advertised


@login_required
def entity_list(request):
    _secretariat_only(request)
    filters = EntityFilterForm(request.GET or None)
    entities = Entity.objects.all()
    status = "active"
    if filters.is_valid():
        data = filters.cleaned_data
        status = data["active"] or "active"
        if data["q"]:
            text = data["q"].strip()
            entities = entities.filter(
                Q(name__icontains=text)
                | Q(issues__icontains=text)
                | Q(contact_name__icontains=text)
            )
        if data["kind"]:
            entities = entities.filter(kind=data["kind"])
        if data["region"]:
            entities = entities.filter(un_regional_group=data["region"])
    if status == "active":
        entities = entities.filter(active=True)
    elif status == "inactive":
        entities = entities.filter(active=False)
    page = _paginate(request, entities.order_by("name", "pk"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page_obj": page,
        "entities": page.object_list,
        "query_string": query.urlencode(),
    }
    return render(request, "consultations/entities.html", context)


def _entity_form_view(request, entity=None):
    form = EntityForm(_posted(request), instance=entity)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in EntityForm.Meta.fields}
        try:
            if entity is None:
                outputs.create_entity(actor=request.user, **fields)
            else:
                outputs.update_entity(entity=entity, actor=request.user, **fields)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": fields["name"]})
            return redirect("consultations:entities")
    history = outputs.entity_history(entity) if entity is not None else []
    context = {"form": form, "entity": entity, "history": history}
    return render(request, "consultations/entity_form.html", context, status=_status(form))


@login_required
def entity_create(request):
    _secretariat_only(request)
    return _entity_form_view(request)


@login_required
def entity_edit(request, pk):
    _secretariat_only(request)
    return _entity_form_view(request, get_object_or_404(Entity, pk=pk))


@login_required
def entity_deactivate(request, pk):
    _secretariat_only(request)
    entity = get_object_or_404(Entity, pk=pk)
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            outputs.deactivate_entity(
                entity=entity, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("“%(name)s” is inactive.") % {"name": entity.name})
            return redirect("consultations:entities")
    context = {"form": form, "entity": entity}
    return render(request, "consultations/entity_deactivate.html", context, status=_status(form))


@login_required
@require_POST
def entity_reactivate(request, pk):
    _secretariat_only(request)
    entity = get_object_or_404(Entity, pk=pk)
    outputs.reactivate_entity(entity=entity, actor=request.user)
    messages.success(request, _("“%(name)s” is active again.") % {"name": entity.name})
    return redirect("consultations:entities")
