"""Collections in the JSON API: readable and writable by their owner only.

Authentication is set on these views alone (token or session), apart from the
public read-only API; another researcher's collection or item is a 404.
"""

from django.db import transaction
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication

from workbench.models import TARGETS, Collection, Item, add_to, find_target, is_researcher, move


class IsResearcher(permissions.BasePermission):
    message = "Sign in with an approved researcher account."

    def has_permission(self, request, view):
        return is_researcher(request.user)


class OwnerAPIMixin:
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsResearcher]


class ItemSerializer(serializers.ModelSerializer):
    collection = serializers.PrimaryKeyRelatedField(queryset=Collection.objects.none())
    target_id = serializers.IntegerField(
        write_only=True, min_value=1, help_text="The id of the record to save."
    )
    kind = serializers.ChoiceField(choices=TARGETS)
    removed = serializers.BooleanField(
        read_only=True,
        help_text="True once the record left the archive; label and citation are as stored.",
    )

    class Meta:
        model = Item
        fields = [
            "id",
            "collection",
            "position",
            "kind",
            "target_id",
            "note",
            "label",
            "url",
            "citation",
            "removed",
            "created",
        ]
        read_only_fields = ["label", "url", "citation", "created"]
        extra_kwargs = {"position": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user:
            self.fields["collection"].queryset = Collection.objects.owned_by(request.user)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["kind"].read_only = True
            self.fields["target_id"].required = False

    def validate(self, attrs):
        if self.instance is None:
            target = find_target(attrs["kind"], attrs["target_id"])
            if target is None:
                raise serializers.ValidationError({"target_id": "No such record in the archive."})
            attrs["target"] = target
        return attrs

    def create(self, data):
        request = self.context["request"]
        with transaction.atomic():
            item = add_to(
                data["collection"],
                data["target"],
                request.build_absolute_uri("/"),
                note=data.get("note", ""),
            )
            if data.get("position"):
                move(item, position=data["position"])
        item.refresh_from_db()
        return item

    def update(self, item, data):
        with transaction.atomic():
            if "note" in data:
                item.note = data["note"]
                item.save(update_fields=["note"])
            if data.get("collection") or data.get("position"):
                move(item, position=data.get("position"), collection=data.get("collection"))
        item.refresh_from_db()
        return item


class CollectionSerializer(serializers.ModelSerializer):
    items = ItemSerializer(many=True, read_only=True)
    shared = serializers.SerializerMethodField()

    class Meta:
        model = Collection
        fields = ["id", "name", "created", "updated", "shared", "items"]
        read_only_fields = ["created", "updated"]

    def get_shared(self, collection) -> bool:
        return bool(collection.share_token)

    def validate_name(self, name):
        name = " ".join(name.split())
        owner = self.context["request"].user
        taken = Collection.objects.owned_by(owner).filter(name=name)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if not name or taken.exists():
            raise serializers.ValidationError(
                "Choose a name, different from your other collections'."
            )
        return name

    def create(self, data):
        return Collection.objects.create(owner=self.context["request"].user, **data)


class CollectionViewSet(OwnerAPIMixin, viewsets.ModelViewSet):
    """Your collections, with their items."""

    serializer_class = CollectionSerializer

    def get_queryset(self):
        return Collection.objects.owned_by(self.request.user).prefetch_related("items")


class ItemViewSet(
    OwnerAPIMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Items in your collections: save a record, write a note, reorder, move, remove."""

    serializer_class = ItemSerializer

    def get_queryset(self):
        return Item.objects.filter(collection__owner=self.request.user)

    def perform_destroy(self, item):
        collection = item.collection
        with transaction.atomic():
            item.delete()
            collection.renumber()
