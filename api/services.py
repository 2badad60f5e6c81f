"""Personal API tokens: issued and revoked by their owner only, at most MAX_ACTIVE_TOKENS.

The cap is checked under a lock on the owner's row, so two requests at once cannot both take
the last place. A token row is never deleted: its `created` and `revoked_at` are the record
of when it could be used (until the account is closed).
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError

from .models import ApiToken

MAX_ACTIVE_TOKENS = 10


@transaction.atomic
def issue_token(*, user, name):
    """A new token for `user`; returns (token, key). Refused past MAX_ACTIVE_TOKENS."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise DomainError(
            _("You have %(count)s active tokens, the most allowed; revoke one first.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    return ApiToken.issue(user=user, name=name)


@transaction.atomic
def revoke_token(*, token, actor):
    if token.user_id != actor.pk:
        raise DomainError(_("Only a token's owner may revoke it."))
    token.revoke()
    return token
