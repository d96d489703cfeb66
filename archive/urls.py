from django.contrib import admin
from django.urls import include, path

from archive import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("api/search", views.search_api, name="search_api"),
    path("articles/", include("articles.urls")),
    path("", include("people.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "archive.views.not_found"
handler500 = "archive.views.server_error"
