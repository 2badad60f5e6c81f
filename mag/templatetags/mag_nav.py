"""The MAG sub-navigation decides its own links, whichever page includes it."""

from django import template

from mag import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def mag_nav_flags(context):
    """Which MAG links this reader may follow (memoised checks: at most two queries)."""
    user = context["request"].user
    return {
        "manage": permissions.can_manage_mag(user),
        "member": permissions.is_mag_member(user),
        "liaisons": permissions.can_view_liaisons(user),
        "proposals": permissions.can_list_bpf_proposals(user),
        "all_duties": permissions.can_view_all_duties(user),
    }
