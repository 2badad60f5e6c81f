from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Every list is paginated: ?page=N (from 1), and ?page_size= up to 200.

    A page that is not a whole number of at least 1 is a 400 naming `page`; a page past the
    end is a 404 naming `page`."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is None or raw == "":
            return 1
        if raw in self.last_page_strings:
            return raw
        try:
            number = int(raw) if raw.strip().isascii() else None
        except ValueError:
            number = None
        if number is None or number < 1:
            raise ValidationError(
                {self.page_query_param: _("A page is a whole number, 1 or more.")}
            )
        return number

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:
            raise NotFound({self.page_query_param: str(error.detail)}) from error

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {**parameter["schema"], "minimum": 1}
        return parameters
