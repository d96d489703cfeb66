from django.contrib import admin
from django.urls import include, path

from archive import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("search/kwic/", views.search_kwic, name="search_kwic"),
    path("search/kwic.csv", views.search_kwic_export, {"extension": "csv"}, name="search_kwic_csv"),
    path(
        "search/kwic.json", views.search_kwic_export, {"extension": "json"}, name="search_kwic_json"
    ),
    path("search/export.csv", views.search_export, {"extension": "csv"}, name="search_export_csv"),
    path(
        "search/export.json", views.search_export, {"extension": "json"}, name="search_export_json"
    ),
    path("api/", include("archive.api_urls")),
    path("articles/", include("articles.urls")),
    path("", include("people.urls")),
    path("admin/review/", include("articles.review.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("workbench/", include("workbench.urls")),
    path("api/workbench/", include("workbench.api_urls")),
]

handler404 = "archive.views.not_found"
handler500 = "archive.views.server_error"
