"""The JSON API: search, articles, quotes and entities, described by an OpenAPI schema."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import JsonResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from archive.forms import query_parameters
from archive.views import hit_json, run_search
from articles.models import Article, Paragraph, Quote
from people.models import Alias, Organization, Person, Place


class EntityRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


class AliasSerializer(serializers.ModelSerializer):
    article = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Set when the alias names the entity only inside this article.",
    )

    class Meta:
        model = Alias
        fields = ["name", "script", "article"]


class EntitySerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    aliases = AliasSerializer(many=True, read_only=True)

    class Meta:
        fields = ["slug", "name", "description", "pseudonym", "pseudonym_note", "aliases", "url"]


class PersonSerializer(EntitySerializer):
    class Meta(EntitySerializer.Meta):
        model = Person


class OrganizationSerializer(EntitySerializer):
    class Meta(EntitySerializer.Meta):
        model = Organization
        fields = [*EntitySerializer.Meta.fields, "kind"]


class PlaceSerializer(EntitySerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta(EntitySerializer.Meta):
        model = Place
        fields = [*EntitySerializer.Meta.fields, "kind", "parent"]


class ParagraphSerializer(serializers.ModelSerializer):
    class Meta:
        model = Paragraph
        fields = ["position", "kind", "text"]


class QuoteSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    article = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    paragraph = serializers.IntegerField(source="paragraph.position", read_only=True)
    speaker = EntityRefSerializer(read_only=True, allow_null=True)
    source_name = serializers.CharField(source="article.source_name", read_only=True)

    class Meta:
        model = Quote
        fields = [
            "id",
            "text",
            "speaker",
            "speaker_note",
            "article",
            "source_name",
            "paragraph",
            "start",
            "end",
            "status",
            "url",
        ]


class ArticleListSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    outlet = EntityRefSerializer(read_only=True, allow_null=True)
    authors = EntityRefSerializer(many=True, read_only=True)
    editors = EntityRefSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        fields = [
            "slug",
            "title",
            "title_supplied",
            "standfirst",
            "outlet",
            "authors",
            "editors",
            "byline",
            "published",
            "date_precision",
            "date_inferred",
            "date_note",
            "language",
            "original_url",
            "source_name",
            "sha256",
            "url",
        ]


class ArticleDetailSerializer(ArticleListSerializer):
    paragraphs = ParagraphSerializer(many=True, read_only=True)
    quotes = QuoteSerializer(many=True, read_only=True, source="visible_quotes")

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "paragraphs", "quotes", "raw_text"]


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """Articles, newest first (undated last). The detail holds the clean text and the raw capture."""

    lookup_field = "slug"

    def get_queryset(self):
        queryset = Article.objects.public().for_listing().prefetch_related("editors").by_date()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "paragraphs",
                Prefetch(
                    "quotes",
                    queryset=Quote.objects.shown().select_related(
                        "speaker", "paragraph", "article"
                    ),
                    to_attr="visible_quotes",
                ),
            )
        return queryset

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleListSerializer


@extend_schema(
    parameters=[
        OpenApiParameter("speaker", str, description="Slug of the person who spoke."),
        OpenApiParameter("article", str, description="Slug of the article."),
    ]
)
class QuoteViewSet(viewsets.ReadOnlyModelViewSet):
    """Direct quotes, verbatim, with speaker and place in the article."""

    serializer_class = QuoteSerializer

    def get_queryset(self):
        queryset = Quote.objects.public().select_related("speaker", "article", "paragraph")
        if self.request.query_params.get("speaker"):
            queryset = queryset.filter(speaker__slug=self.request.query_params["speaker"])
        if self.request.query_params.get("article"):
            queryset = queryset.filter(article__slug=self.request.query_params["article"])
        return queryset


# An alias scoped to a draft article would name the draft.
PUBLIC_ALIASES = Prefetch("aliases", queryset=Alias.objects.public().select_related("article"))


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PersonSerializer
    lookup_field = "slug"
    queryset = Person.objects.prefetch_related(PUBLIC_ALIASES).order_by("name")


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganizationSerializer
    lookup_field = "slug"
    queryset = Organization.objects.prefetch_related(PUBLIC_ALIASES).order_by("name")


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlaceSerializer
    lookup_field = "slug"
    queryset = (
        Place.objects.select_related("parent").prefetch_related(PUBLIC_ALIASES).order_by("name")
    )


SEARCH_PARAMETERS = [
    OpenApiParameter(p["name"], p["schema"], description=p["description"], required=p["required"])
    for p in query_parameters()
]

SEARCH_RESPONSE = inline_serializer(
    "SearchResponse",
    fields={
        "query": serializers.CharField(),
        "count": serializers.IntegerField(),
        "page": serializers.IntegerField(),
        "pages": serializers.IntegerField(),
        "sort": serializers.CharField(),
        "results": inline_serializer(
            "SearchHit",
            many=True,
            fields={
                "type": serializers.ChoiceField(
                    ["article", "quote", "person", "organization", "place"]
                ),
                "title": serializers.CharField(),
                "url": serializers.CharField(),
                "snippet": serializers.CharField(
                    help_text="HTML-escaped text with <mark> around matches."
                ),
                "matched_via": serializers.CharField(allow_null=True),
                "score": serializers.FloatField(),
                "source_name": serializers.CharField(required=False),
                "paragraph": serializers.IntegerField(required=False, allow_null=True),
                "speaker": EntityRefSerializer(required=False, allow_null=True),
            },
        ),
        "facets": serializers.DictField(
            child=serializers.DictField(child=serializers.IntegerField())
        ),
        "facet_labels": serializers.DictField(
            child=serializers.DictField(child=serializers.CharField())
        ),
        "suggestion": serializers.CharField(allow_null=True),
        "corrected": serializers.BooleanField(),
        "match": serializers.ChoiceField(
            ["exact", "corrected", "closest"],
            help_text="exact: every word matched as typed; corrected: the results are for "
            "`suggestion`; closest: no result has all the words, these have most of "
            "them, near each other.",
        ),
        "closest_quotes": serializers.ListField(
            child=serializers.DictField(),
            help_text=(
                "For words typed without quotation marks: up to 3 quotes holding most of them "
                "close together, when the results (which need every word) do not include them."
            ),
        ),
        "complete": serializers.BooleanField(
            help_text="false when the search was too broad to finish: counts are partial."
        ),
        "facets_counted": serializers.IntegerField(
            allow_null=True,
            help_text="When set, the people, places and organizations facets were counted in "
            "this many best matches, not in all `count` (a very broad search).",
        ),
        "notices": serializers.ListField(child=serializers.CharField()),
    },
)
ERROR_RESPONSE = inline_serializer(
    "Error",
    fields={"error": serializers.CharField(), "query": serializers.CharField(required=False)},
)


class SearchView(APIView):
    """Search articles, quotes, people, organizations and places in any spelling or script."""

    @extend_schema(
        parameters=SEARCH_PARAMETERS,
        responses={200: SEARCH_RESPONSE, 400: ERROR_RESPONSE, 503: ERROR_RESPONSE},
    )
    def get(self, request):
        form, page, error = run_search(request)
        if error:
            return Response({"error": error, "query": form.data.get("q", "")}, status=400)
        return Response(
            {
                "query": page.query.text,
                "count": page.count,
                "page": page.page,
                "pages": page.pages,
                "sort": page.sort,
                "results": [hit_json(hit) for hit in page.hits],
                "facets": page.facets,
                "facet_labels": page.facet_labels,
                "suggestion": page.suggestion,
                "corrected": page.corrected,
                "match": page.match,
                "complete": page.complete,
                "facets_counted": page.facets_counted,
                "closest_quotes": [hit_json(hit) for hit in page.closest_quotes],
                "notices": page.notices,
            }
        )


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema. The API has one version: any other ?version= is refused, since
    drf-spectacular would write it into the download's file name (a newline there was a 500)."""

    @extend_schema(exclude=True)  # as drf-spectacular's own view: the schema is not an endpoint
    def get(self, request, *args, **kwargs):
        version = settings.SPECTACULAR_SETTINGS["VERSION"]
        if request.GET.get("version") not in (None, "", version):
            return JsonResponse(
                {
                    "error": f"Unknown API version: this archive serves version "
                    f"{version} only (leave out ?version=)."
                },
                status=400,
            )
        return super().get(request, *args, **kwargs)
