from django.urls import include, path

from . import urls_dashboard, urls_meetings, urls_terms, views

app_name = "mag"

urlpatterns = [
    path("", views.mag_home, name="home"),
    path("terms/", views.term_list, name="terms"),
    path("liaisons/", views.liaison_list, name="liaisons"),
    path("liaisons/<int:pk>/end/", views.liaison_end, name="liaison-end"),
    path("dccg/", views.dccg, name="dccg"),
    path("bpf/proposals/", views.proposal_list, name="bpf-proposals"),
    path("bpf/proposals/new/", views.proposal_create, name="bpf-proposal-create"),
    path("bpf/proposals/<int:pk>/", views.proposal_detail, name="bpf-proposal"),
    path("bpf/proposals/<int:pk>/edit/", views.proposal_edit, name="bpf-proposal-edit"),
    path("bpf/proposals/<int:pk>/submit/", views.proposal_submit, name="bpf-proposal-submit"),
    path("bpf/support/<slug:slug>/", views.bpf_support, name="bpf-support"),
    path("bpf/<int:year>/", views.bpf_cycle, name="bpf-cycle"),
    path("bpf/<int:year>/select/", views.bpf_selection_record, name="bpf-selection-record"),
    path("", include(urls_terms)),
    path("", include(urls_meetings)),
    path("", include(urls_dashboard)),
]
