"""Atom feeds of consultations: newly published outputs, and comment windows opening.

Feeds are public documents, read by aggregators without a session: they list only what an
anonymous visitor may see (api_consultations for nobody in particular).
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.models import Consultation, Output, Phase

from .feeds_workstreams import absolute
from .views_consultations import api_consultations

FEED_SIZE = 50


def _public_consultations():
    return api_consultations(AnonymousUser()).values("pk")


class OutputsFeed(Feed):
    """Newly published outputs (R-CON-6), newest first, each with its permanent PDF."""

    feed_type = Atom1Feed
    title = gettext_lazy("IGF intersessional outputs")
    subtitle = gettext_lazy("Outputs published by the IGF's intersessional consultations.")

    def link(self):
        return absolute(reverse("api:feed-outputs"))

    def items(self):
        return (
            Output.objects.filter(
                render_status=Output.RenderStatus.READY,
                consultation__in=_public_consultations(),
            )
            .select_related("consultation")
            .order_by("-created", "-pk")[:FEED_SIZE]
        )

    def item_title(self, output):
        return f"{output.title} (v{output.version})"

    def item_description(self, output):
        return _("Version %(version)s of the output of “%(consultation)s”.") % {
            "version": output.version,
            "consultation": output.consultation.title,
        }

    def item_link(self, output):
        return absolute(
            reverse("consultations:output", args=[output.consultation.slug, output.version])
        )

    def item_enclosures(self, output):
        return []

    def item_pubdate(self, output):
        return output.created

    def item_updateddate(self, output):
        return output.rendered_at or output.created


class OpenConsultationsFeed(Feed):
    """Comment windows of public consultations (R-CON-2), the latest opening first."""

    feed_type = Atom1Feed
    title = gettext_lazy("IGF consultations open for comment")
    subtitle = gettext_lazy("Drafts of the IGF's intersessional work opening for public comment.")

    def link(self):
        return absolute(reverse("api:feed-consultations-open"))

    def items(self):
        # Windows open now or still to open, of consultations under way: a closed round's
        # windows are history, not news.
        return (
            Phase.objects.filter(
                kind=Phase.Kind.COMMENT_WINDOW,
                consultation__in=_public_consultations(),
                consultation__status=Consultation.Status.OPEN,
                closes_at__gt=timezone.now(),
            )
            .select_related("consultation", "draft")
            .order_by("-opens_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, phase):
        return _("%(consultation)s: version %(version)s open for comment") % {
            "consultation": phase.consultation.title,
            "version": phase.draft.version,
        }

    def item_description(self, phase):
        return _("Comments are accepted from %(opens)s to %(closes)s (UTC).") % {
            "opens": phase.opens_at.strftime("%Y-%m-%d %H:%M"),
            "closes": phase.closes_at.strftime("%Y-%m-%d %H:%M"),
        }

    def item_link(self, phase):
        return absolute(
            reverse("consultations:draft", args=[phase.consultation.slug, phase.draft.version])
        )

    def item_guid(self, phase):
        return f"urn:igfportal:comment-window:{phase.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, phase):
        return phase.opens_at

    def item_updateddate(self, phase):
        return phase.opens_at
