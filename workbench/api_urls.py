from rest_framework.routers import SimpleRouter

from workbench import api

router = SimpleRouter(trailing_slash=True)
router.register("collections", api.CollectionViewSet, basename="api-collection")
router.register("items", api.ItemViewSet, basename="api-item")

urlpatterns = router.urls
