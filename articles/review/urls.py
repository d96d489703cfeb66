"""The review screens' URLs, included under "admin/review/" with the namespace "review";
every view is behind the admin's login (staff only)."""

from django.contrib import admin
from django.urls import path

from articles.models import Article
from articles.review.views import (
    article_review,
    confirm_alias,
    dismiss_alias,
    import_view,
    make_entity,
    publish,
    rerun,
    review_index,
    review_mentions,
    review_quotes,
)

app_name = "review"

urlpatterns = [
    path("", admin.site.admin_view(review_index), name="index"),
    path("import/", admin.site.admin_view(import_view), name="import"),
    path("articles/<slug:slug>/", admin.site.admin_view(article_review), name="article"),
    path("articles/<slug:slug>/quotes/", admin.site.admin_view(review_quotes), name="quotes"),
    path("articles/<slug:slug>/mentions/", admin.site.admin_view(review_mentions), name="mentions"),
    path("articles/<slug:slug>/names/", admin.site.admin_view(make_entity), name="candidate"),
    path(
        "articles/<slug:slug>/aliases/confirm/",
        admin.site.admin_view(confirm_alias),
        name="confirm-alias",
    ),
    path(
        "articles/<slug:slug>/aliases/dismiss/",
        admin.site.admin_view(dismiss_alias),
        name="dismiss-alias",
    ),
    path("articles/<slug:slug>/again/", admin.site.admin_view(rerun), name="rerun"),
    path(
        "articles/<slug:slug>/publish/",
        admin.site.admin_view(publish),
        {"state": Article.State.PUBLISHED},
        name="publish",
    ),
    path(
        "articles/<slug:slug>/unpublish/",
        admin.site.admin_view(publish),
        {"state": Article.State.DRAFT},
        name="unpublish",
    ),
]
