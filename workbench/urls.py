from django.urls import path

from workbench import feeds, views

app_name = "workbench"

urlpatterns = [
    path("", views.collection_list, name="collections"),
    path("signup/", views.signup, name="signup"),
    path("save/", views.save, name="save"),
    path("api-token/", views.api_token, name="api_token"),
    path("collections/<int:pk>/", views.collection_detail, name="collection"),
    path("collections/<int:pk>/rename/", views.collection_rename, name="rename"),
    path("collections/<int:pk>/delete/", views.collection_delete, name="delete"),
    path("collections/<int:pk>/share/", views.collection_share, name="share"),
    path("collections/<int:pk>/export.<str:fmt>", views.collection_export, name="export"),
    path("items/<int:pk>/note/", views.item_note, name="item_note"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("shared/<str:token>/", views.shared_collection, name="shared"),
    path("shared/<str:token>/export.<str:fmt>", views.shared_export, name="shared_export"),
    path("feeds/search/", feeds.SearchFeed(), name="search_feed"),
    path("feeds/<str:kind>/<slug:slug>/", feeds.EntityFeed(), name="entity_feed"),
]
