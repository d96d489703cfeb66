from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("<slug:slug>/", views.article_detail, name="detail"),
    path("<slug:slug>/raw/", views.article_raw, name="raw"),
    path("<slug:slug>/cite.<str:extension>", views.article_cite, name="cite"),
    path("<slug:slug>/quotes/<int:position>-<int:start>/", views.quote_detail, name="quote"),
    path(
        "<slug:slug>/quotes/<int:position>-<int:start>/cite.<str:extension>",
        views.quote_cite,
        name="quote_cite",
    ),
]
