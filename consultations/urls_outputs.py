"""URLs of contributions, the editorial group, messages, outputs and the entity directory."""

from django.urls import path

from . import views_outputs as views

urlpatterns = [
    # The Secretariat's directory of fora and entities (R-CON-6, R-PN-9).
    path("entities/", views.entity_list, name="entities"),
    path("entities/new/", views.entity_create, name="entity-create"),
    path("entities/<int:pk>/edit/", views.entity_edit, name="entity-edit"),
    path("entities/<int:pk>/deactivate/", views.entity_deactivate, name="entity-deactivate"),
    path("entities/<int:pk>/reactivate/", views.entity_reactivate, name="entity-reactivate"),
    # Contributions (R-CON-4).
    path("<slug:slug>/contributions/", views.contribution_list, name="contributions"),
    path("<slug:slug>/contributions/new/", views.contribution_create, name="contribution-create"),
    path(
        "<slug:slug>/contributions/<int:pk>/file/",
        views.contribution_file,
        name="contribution-file",
    ),
    path(
        "<slug:slug>/contributions/<int:pk>/withdraw/",
        views.contribution_withdraw,
        name="contribution-withdraw",
    ),
    path(
        "<slug:slug>/contributions/<int:pk>/hide/",
        views.contribution_hide,
        name="contribution-hide",
    ),
    # The editorial group and dispositions (R-CON-5).
    path("<slug:slug>/editors/", views.editors, name="editors"),
    path("<slug:slug>/editors/leave/", views.editor_leave, name="editor-leave"),
    path("<slug:slug>/editors/<int:pk>/decide/", views.editor_decide, name="editor-decide"),
    path("<slug:slug>/dispositions/v<int:version>/", views.dispositions, name="dispositions"),
    path(
        "<slug:slug>/dispositions/v<int:version>.csv",
        views.dispositions_csv,
        name="dispositions-csv",
    ),
    path(
        "<slug:slug>/dispositions/comment/<int:pk>/",
        views.disposition_give,
        name="disposition-give",
    ),
    # Messages (R-CON-7).
    path("<slug:slug>/messages/", views.message_list, name="messages"),
    path("<slug:slug>/messages/new/", views.message_create, name="message-create"),
    path("<slug:slug>/messages/<int:pk>/edit/", views.message_edit, name="message-edit"),
    path(
        "<slug:slug>/messages/<int:pk>/withdraw/",
        views.message_withdraw,
        name="message-withdraw",
    ),
    path("<slug:slug>/participation/", views.participation_view, name="participation"),
    # Outputs (R-CON-6): the PDF's URL names the version and never changes.
    path("<slug:slug>/outputs/", views.output_list, name="outputs"),
    path("<slug:slug>/outputs/v<int:version>/", views.output_page, name="output"),
    path("<slug:slug>/outputs/v<int:version>.pdf", views.output_pdf, name="output-pdf"),
    path("<slug:slug>/outputs/v<int:version>/retry/", views.output_retry, name="output-retry"),
    # NRI feedback on a Policy Network's output (R-PN-8).
    path("<slug:slug>/nri-invitations/", views.nri_invitations, name="nri-invitations"),
    path(
        "<slug:slug>/nri-invitations/<int:pk>/feedback/",
        views.nri_feedback,
        name="nri-feedback",
    ),
]
