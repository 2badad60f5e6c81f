"""Panels other apps add to a workstream's public page, without workstreams importing them.

A panel is a callable panel(request, workstream) returning (template_name, context) or None;
it must cost a fixed number of queries. The mag app adds a BPF's MAG facilitators and the
Secretariat's support (R-BPF-3, R-BPF-4) and a PN's MAG liaisons (R-PN-3).
"""

from django.template.loader import render_to_string

PAGE_PANELS = []


def register_page_panel(panel):
    if panel not in PAGE_PANELS:
        PAGE_PANELS.append(panel)
    return panel


def render_panels(request, workstream):
    rendered = []
    for panel in PAGE_PANELS:
        answer = panel(request, workstream)
        if answer:
            template_name, context = answer
            rendered.append(render_to_string(template_name, context, request=request))
    return rendered
