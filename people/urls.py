from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("places/", views.place_list, name="place_list"),
    path("places/<slug:slug>/", views.place_detail, name="place"),
    path("network/", views.network_page, name="network"),
    path("network.gexf", views.network_gexf, name="network_gexf"),
]

# /people/export.csv, /organizations/export.json, …
urlpatterns += [
    path(
        f"{kind}/export.{extension}",
        views.entity_export,
        {"kind": kind, "extension": extension},
        name=f"{kind}_export_{extension}",
    )
    for kind in views.ENTITY_EXPORTS
    for extension in ("csv", "json")
]
