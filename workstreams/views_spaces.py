"""A workstream's space: its news and its document library. Thin views over workstreams.spaces."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import ListView

from accounts.exceptions import DomainError, add_domain_error

from . import permissions, spaces
from .forms_spaces import DocumentUploadForm, NewsPostForm, RemoveForm
from .models import Document, NewsPost
from .views import get_workstream, workstream_tabs


def _page(request, workstream, tab, **context):
    return {
        "workstream": workstream,
        "tab": tab,
        "can_manage_space": permissions.can_manage_space(request.user, workstream),
        **workstream_tabs(request.user, workstream),
        **context,
    }


def _managed_workstream(request, slug):
    """Visible to the person (else 404), and theirs to manage (else 403)."""
    workstream = get_workstream(request, slug)
    if not permissions.can_manage_space(request.user, workstream):
        raise PermissionDenied
    return workstream


def _status(form):
    return 400 if form.errors else 200


# ---- News ------------------------------------------------------------------------------------


class NewsListView(ListView):
    template_name = "workstreams/news_list.html"
    context_object_name = "posts"

    def get_paginate_by(self, queryset):
        return settings.PAGINATE_BY

    def get_queryset(self):
        self.workstream = get_workstream(self.request, self.kwargs["slug"])
        return (
            NewsPost.objects.published()
            .filter(workstream=self.workstream)
            .select_related("author__profile")
            .order_by("-created", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_page(self.request, self.workstream, "news"))
        return context


def _post_or_404(workstream, pk):
    return get_object_or_404(
        NewsPost.objects.published().select_related("workstream"), pk=pk, workstream=workstream
    )


@login_required
def news_create(request, slug):
    workstream = _managed_workstream(request, slug)
    form = NewsPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            spaces.post_news(
                workstream=workstream,
                actor=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The news has been posted; followers will hear of it."))
            return redirect("workstreams:news", slug=workstream.slug)
    context = _page(request, workstream, "news", form=form, post=None)
    return render(request, "workstreams/news_form.html", context, status=_status(form))


@login_required
def news_edit(request, slug, pk):
    workstream = _managed_workstream(request, slug)
    post = _post_or_404(workstream, pk)
    form = NewsPostForm(request.POST or None, initial={"title": post.title, "body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            spaces.update_news(
                post=post,
                actor=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The news post has been corrected."))
            return redirect(spaces.news_url(post))
    context = _page(request, workstream, "news", form=form, post=post)
    return render(request, "workstreams/news_form.html", context, status=_status(form))


@login_required
def news_remove(request, slug, pk):
    workstream = _managed_workstream(request, slug)
    post = _post_or_404(workstream, pk)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            spaces.remove_news(post=post, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("“%(title)s” has been removed.") % {"title": post.title})
            return redirect("workstreams:news", slug=workstream.slug)
    context = _page(request, workstream, "news", form=form, post=post)
    return render(request, "workstreams/news_remove.html", context, status=_status(form))


# ---- Documents -------------------------------------------------------------------------------


class DocumentListView(ListView):
    template_name = "workstreams/documents_list.html"
    context_object_name = "documents"

    def get_paginate_by(self, queryset):
        return settings.PAGINATE_BY

    def get_queryset(self):
        self.workstream = get_workstream(self.request, self.kwargs["slug"])
        self.can_view_private = permissions.can_view_private_documents(
            self.request.user, self.workstream
        )
        documents = Document.objects.current().filter(workstream=self.workstream)
        if not self.can_view_private:
            documents = documents.filter(is_public=True)
        return documents.select_related("uploaded_by__profile").order_by("-created", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            _page(
                self.request, self.workstream, "documents", can_view_private=self.can_view_private
            )
        )
        return context


def _document_or_404(workstream, pk):
    return get_object_or_404(
        Document.objects.current().select_related("workstream"), pk=pk, workstream=workstream
    )


@login_required
def document_upload(request, slug):
    workstream = _managed_workstream(request, slug)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = spaces.upload_document(
                workstream=workstream,
                actor=request.user,
                title=form.cleaned_data["title"],
                uploaded_file=form.cleaned_data["file"],
                is_public=form.cleaned_data["is_public"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("“%(title)s” is in the library.") % {"title": document.title}
            )
            return redirect("workstreams:documents", slug=workstream.slug)
    if form.errors:
        messages.error(request, _("The file was not added: see the form below."))
    context = _page(request, workstream, "documents", form=form)
    return render(request, "workstreams/documents_upload.html", context, status=_status(form))


def document_download(request, slug, pk):
    """Every download passes here: the permission is checked on each request (never MEDIA_URL)."""
    workstream = get_workstream(request, slug)
    document = _document_or_404(workstream, pk)
    if not permissions.can_download_document(request.user, document):
        raise Http404  # a private document's existence is private too
    try:
        handle = spaces.open_for_download(document)
    except FileNotFoundError:
        raise Http404 from None
    kind_is_image = document.content_type in {"image/png", "image/jpeg"}
    response = FileResponse(
        handle,
        as_attachment=not kind_is_image,
        filename=spaces.download_filename(document),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Private files must not linger in shared caches.
    response["Cache-Control"] = "private, no-store" if not document.is_public else "private"
    return response


@login_required
def document_remove(request, slug, pk):
    workstream = _managed_workstream(request, slug)
    document = _document_or_404(workstream, pk)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            spaces.remove_document(
                document=document, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("“%(title)s” has been removed.") % {"title": document.title}
            )
            return redirect("workstreams:documents", slug=workstream.slug)
    context = _page(request, workstream, "documents", form=form, document=document)
    return render(request, "workstreams/documents_remove.html", context, status=_status(form))
