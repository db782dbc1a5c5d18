from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """Pages of 25 by default; a client may ask for up to 100 (a bound on one request's cost)."""

    page_size_query_param = "page_size"
    max_page_size = 100
