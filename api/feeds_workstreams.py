"""Atom feed of a workstream's news (Django's syndication framework).

Feeds are read by programs without a session, so a workstream's feed exists only where the
public may see the workstream; elsewhere it answers 404, as its pages do.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from workstreams import permissions
from workstreams.models import NewsPost, Workstream
from workstreams.spaces import news_url

ITEMS_IN_FEED = 30


def absolute(url):
    """Feeds are read away from the site: every link is absolute, on the configured SITE_URL
    (not the Sites framework's stored domain, which a deployment may never update)."""
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


class WorkstreamNewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        workstream = get_object_or_404(Workstream, slug=slug)
        if not permissions.can_view_space(AnonymousUser(), workstream):
            raise Http404
        return workstream

    def title(self, workstream):
        return _("News from %(name)s") % {"name": workstream.name}

    def link(self, workstream):
        return absolute(reverse("workstreams:news", args=[workstream.slug]))

    def feed_url(self, workstream):
        return absolute(reverse("api:workstream-news-feed", args=[workstream.slug]))

    def subtitle(self, workstream):
        return Truncator(workstream.description).chars(300)

    def items(self, workstream):
        # Removed posts never appear; the newest first.
        return (
            NewsPost.objects.published()
            .filter(workstream=workstream)
            .select_related("workstream", "author__profile")
            .order_by("-created", "-pk")[:ITEMS_IN_FEED]
        )

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return linebreaks(post.body, autoescape=True)

    def item_link(self, post):
        return absolute(news_url(post))

    def item_guid(self, post):
        return f"urn:igfportal:workstream-news:{post.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, post):
        return post.created

    def item_updateddate(self, post):
        return post.updated

    def item_author_name(self, post):
        return str(post.author.public_name)
