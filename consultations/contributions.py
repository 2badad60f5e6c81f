"""Contributions to a call for contributions (R-CON-4): text and/or a file, on behalf of
oneself, an organisation, an NRI, a DC or a BPF, so a report can say "22 of 70 from NRIs".

Files are PDF, DOCX or ODT only, at most 10 MB, checked by content (the document library's
checks, narrowed to these three types). Nothing is deleted: authors withdraw, moderators hide
with a reason, and both are recorded.
"""

from pathlib import PurePosixPath

from django.db import transaction
from django.db.models import Count, Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.exceptions import DomainError
from accounts.permissions import is_secretariat
from workstreams import spaces
from workstreams.models import Membership, Workstream

from . import events, permissions
from .checks import clean_language, clean_reason, clean_text, require
from .models import Consultation, Contribution, Language, Phase

CONTRIBUTION_MAX_BYTES = 10 * 1024 * 1024
TITLE_MAX = 200
TEXT_MAX = 50_000
ORGANISATION_MAX = 200
ACCEPTED_TYPES = {"pdf": spaces.PDF, "docx": spaces.DOCX, "odt": spaces.ODT}
ACCEPTED_LABEL = "PDF, DOCX, ODT"

OnBehalf = Contribution.OnBehalf
WORKSTREAM_KIND = {
    OnBehalf.NRI: Workstream.Kind.NRI,
    OnBehalf.DC: Workstream.Kind.DC,
    OnBehalf.BPF: Workstream.Kind.BPF,
}
# How a count reads in a report: "22 of 70 from NRIs".
ORIGIN_PHRASES = {
    OnBehalf.SELF: gettext_lazy("from individuals"),
    OnBehalf.ORGANISATION: gettext_lazy("from organisations"),
    OnBehalf.NRI: gettext_lazy("from NRIs"),
    OnBehalf.DC: gettext_lazy("from Dynamic Coalitions"),
    OnBehalf.BPF: gettext_lazy("from Best Practice Forums"),
}


# ---- Files -----------------------------------------------------------------------------------


def validate_contribution_file(uploaded_file):
    """R-CON-4: PDF, DOCX or ODT, at most 10 MB, its type read from its content."""
    size = getattr(uploaded_file, "size", 0) or 0
    if size > CONTRIBUTION_MAX_BYTES:
        raise DomainError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(CONTRIBUTION_MAX_BYTES)},
            field="file",
            rule="R-CON-4",
        )
    if size == 0:
        raise DomainError(_("The file is empty."), field="file", rule="R-CON-4")
    name = getattr(uploaded_file, "name", "") or ""
    extension = PurePosixPath(name.replace("\\", "/")).suffix.lower().lstrip(".")
    expected = ACCEPTED_TYPES.get(extension)
    if expected is None:
        shown = f".{extension}" if extension else _("no extension")
        raise DomainError(
            _("Files with %(extension)s are not accepted; send a PDF, DOCX or ODT file.")
            % {"extension": shown},
            field="file",
            rule="R-CON-4",
        )
    try:
        actual = spaces.detect_type(uploaded_file)
    except spaces._Unaccepted as refused:
        raise DomainError(
            _("The file name ends in .%(extension)s but its content is %(content)s.")
            % {"extension": extension, "content": refused.label},
            field="file",
            rule="R-CON-4",
        ) from None
    finally:
        uploaded_file.seek(0)
    if actual is not expected:
        raise DomainError(
            _(
                "The file name ends in .%(extension)s but its content is %(content)s: "
                "rename it or send the right file."
            )
            % {"extension": extension, "content": actual.label},
            field="file",
            rule="R-CON-4",
        )
    return actual, extension


# ---- On behalf of ----------------------------------------------------------------------------


def workstreams_for(user, on_behalf_of):
    """The NRIs, DCs or BPFs this person may speak for: those where they hold an active role
    other than observer (the Secretariat: any recognised one of that kind)."""
    kind = WORKSTREAM_KIND[on_behalf_of]
    workstreams = Workstream.objects.of_kind(kind).filter(status=Workstream.Status.ACTIVE)
    if is_secretariat(user):
        return workstreams
    return workstreams.filter(
        memberships__user=user,
        memberships__revoked_at__isnull=True,
        memberships__role__in=[Membership.Role.COORDINATOR, Membership.Role.MEMBER],
    ).distinct()


def _check_on_behalf(actor, on_behalf_of, organisation, workstream):
    if on_behalf_of not in OnBehalf.values:
        raise DomainError(_("Say on whose behalf you contribute."), field="on_behalf_of")
    organisation = clean_text(
        organisation,
        field="organisation",
        limit=ORGANISATION_MAX,
        label=_("organisation"),
        required=on_behalf_of == OnBehalf.ORGANISATION,
    )
    if on_behalf_of in WORKSTREAM_KIND:
        label = OnBehalf(on_behalf_of).label
        if workstream is None:
            raise DomainError(
                _("Choose the workstream you contribute for (%(kind)s).") % {"kind": label},
                field="on_behalf_workstream",
                rule="R-CON-4",
            )
        if not workstreams_for(actor, on_behalf_of).filter(pk=workstream.pk).exists():
            raise DomainError(
                _(
                    "You may contribute on behalf of %(name)s only as its coordinator or "
                    "member, and only if it is a recognised %(kind)s."
                )
                % {"name": workstream.name, "kind": label},
                field="on_behalf_workstream",
                rule="R-CON-4",
            )
    else:
        workstream = None
    if on_behalf_of != OnBehalf.ORGANISATION:
        organisation = ""
    return organisation, workstream


def open_call(consultation, now=None):
    """The call for contributions running now (R-CON-1: it may be open-ended), or None.
    A closed consultation runs no call, whatever its phases' dates."""
    if consultation.status == Consultation.Status.CLOSED:
        return None
    return (
        Phase.objects.open_at(now or timezone.now())
        .filter(consultation=consultation, kind=Phase.Kind.CALL_FOR_CONTRIBUTIONS)
        .order_by("opens_at", "pk")
        .first()
    )


# ---- Services --------------------------------------------------------------------------------


@transaction.atomic
def submit_contribution(
    *,
    consultation,
    actor,
    title,
    on_behalf_of,
    text="",
    uploaded_file=None,
    organisation="",
    on_behalf_workstream=None,
    language=Language.EN,
    named_in_output=False,
    phase=None,
    now=None,
):
    """R-CON-4: record who contributed, on behalf of what, with text and/or a checked file.

    Accepted while a call for contributions is open (R-CON-1); NRI feedback invited under
    R-PN-8 passes its invitation's phase instead (see consultations.pn)."""
    require(
        permissions.can_contribute(actor, consultation),
        _("Only signed-in people with a verified email address may contribute."),
    )
    if consultation.status == Consultation.Status.CLOSED:
        raise DomainError(_("This consultation is closed."), rule="R-CON-1")
    if phase is None:
        phase = open_call(consultation, now)
        if phase is None:
            raise DomainError(
                _("No call for contributions is open in this consultation now."),
                rule="R-CON-1",
            )
    title = clean_text(title, field="title", limit=TITLE_MAX, label=_("title"))
    text = clean_text(text, field="text", limit=TEXT_MAX, label=_("text"), required=False)
    language = clean_language(language)
    organisation, on_behalf_workstream = _check_on_behalf(
        actor, on_behalf_of, organisation, on_behalf_workstream
    )
    if not text and not uploaded_file:
        raise DomainError(
            _("Write your contribution or attach a file (or both)."),
            field="text",
            rule="R-CON-4",
        )
    contribution = Contribution(
        consultation=consultation,
        phase=phase,
        author=actor,
        on_behalf_of=on_behalf_of,
        organisation=organisation,
        on_behalf_workstream=on_behalf_workstream,
        title=title,
        text=text,
        language=language,
        named_in_output=bool(named_in_output),
    )
    if uploaded_file:
        kind, extension = validate_contribution_file(uploaded_file)
        contribution.content_type = kind.content_type
        contribution.size = uploaded_file.size
        contribution.file.save(
            spaces.safe_filename(uploaded_file.name, extension), uploaded_file, save=False
        )
    try:
        contribution.save()
    except Exception:
        if contribution.file:
            contribution.file.delete(save=False)
        raise
    events.record(
        consultation=consultation,
        actor=actor,
        action="contribution_submitted",
        contribution=contribution.pk,
        on_behalf_of=on_behalf_of,
        workstream=on_behalf_workstream.pk if on_behalf_workstream else None,
        file=bool(contribution.file),
    )
    return contribution


def _lock(contribution):
    return (
        Contribution.objects.select_for_update()
        .select_related("consultation__workstream")
        .get(pk=contribution.pk)
    )


@transaction.atomic
def withdraw_contribution(*, contribution, actor, reason=""):
    """Its author takes a contribution back; the row and file stay, with the reason."""
    contribution = _lock(contribution)
    require(contribution.author_id == actor.pk, _("Only its author may withdraw a contribution."))
    if contribution.status != Contribution.Status.VISIBLE:
        raise DomainError(_("This contribution is no longer shown."))
    contribution.status = Contribution.Status.WITHDRAWN
    contribution.status_reason = clean_reason(reason, required=False)
    contribution.save(update_fields=["status", "status_reason", "updated"])
    events.record(
        consultation=contribution.consultation,
        actor=actor,
        action="contribution_withdrawn",
        reason=contribution.status_reason,
        contribution=contribution.pk,
    )
    return contribution


@transaction.atomic
def hide_contribution(*, contribution, actor, reason):
    """A moderator hides a contribution with a recorded reason; never a silent delete."""
    contribution = _lock(contribution)
    require(permissions.can_moderate(actor, contribution.consultation))
    if contribution.status != Contribution.Status.VISIBLE:
        raise DomainError(_("This contribution is no longer shown."))
    contribution.status = Contribution.Status.HIDDEN
    contribution.status_reason = clean_reason(reason)
    contribution.save(update_fields=["status", "status_reason", "updated"])
    events.record(
        consultation=contribution.consultation,
        actor=actor,
        action="contribution_hidden",
        subject_user=contribution.author,
        reason=contribution.status_reason,
        contribution=contribution.pk,
    )
    return contribution


# ---- Reading ---------------------------------------------------------------------------------


def visible_contributions(consultation):
    return Contribution.objects.filter(
        consultation=consultation, status=Contribution.Status.VISIBLE
    )


def origin_counts(consultation):
    """R-CON-4: how many visible contributions came on behalf of each kind of origin, in one
    query: [{"origin", "label", "count", "total", "phrase"}] with "2 of 3 from NRIs"."""
    counts = visible_contributions(consultation).aggregate(
        total=Count("pk"),
        **{f"n_{origin}": Count("pk", filter=Q(on_behalf_of=origin)) for origin in OnBehalf.values},
    )
    total = counts["total"]
    rows = []
    for origin in OnBehalf:
        count = counts[f"n_{origin.value}"]
        rows.append(
            {
                "origin": origin.value,
                "label": origin.label,
                "count": count,
                "total": total,
                "phrase": ngettext(
                    "%(count)s of %(total)s %(origin)s",
                    "%(count)s of %(total)s %(origin)s",
                    total,
                )
                % {"count": count, "total": total, "origin": ORIGIN_PHRASES[origin]},
            }
        )
    return {"total": total, "rows": rows}


def contributor_name(contribution):
    """How a contribution is credited in an output: the person and what they spoke for."""
    name = str(contribution.author)
    if contribution.on_behalf_of == OnBehalf.ORGANISATION and contribution.organisation:
        return f"{name} ({contribution.organisation})"
    if contribution.on_behalf_workstream_id:
        return f"{name} ({contribution.on_behalf_workstream.name})"
    return name
