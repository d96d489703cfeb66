from django.urls import path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from archive import api

router = SimpleRouter(trailing_slash=True)
router.register("articles", api.ArticleViewSet, basename="api-article")
router.register("quotes", api.QuoteViewSet, basename="api-quote")
router.register("people", api.PersonViewSet, basename="api-person")
router.register("organizations", api.OrganizationViewSet, basename="api-organization")
router.register("places", api.PlaceViewSet, basename="api-place")

urlpatterns = [
    path("search", api.SearchView.as_view(), name="search_api"),
    path("schema/", api.SchemaView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *router.urls,
]
