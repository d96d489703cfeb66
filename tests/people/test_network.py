"""The co-mention network: neighbours, the whole graph, its drawing and its GEXF."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from people import network
from people.models import Affiliation
from tests.factories import (
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PlaceFactory,
    mention_in,
)

pytestmark = pytest.mark.django_db

GEXF = "{http://gexf.net/1.3}"
HOSTILE = "Ann <b>\"&'</b>\x0b"


@pytest.fixture
def world(empty_archive):
    """Ann and Bob share a paragraph twice; Ann and Cat share only an article;
    Dan is affiliated with Org but never named near it; a rejected mention links nobody."""
    people = {
        n: PersonFactory(name=f"{n} Example", slug=n.lower())
        for n in ("Ann", "Bob", "Cat", "Dan", "Eve")
    }
    org = OrganizationFactory(name="Org Example", slug="org")
    town = PlaceFactory(name="Town", slug="town")
    Affiliation.objects.create(person=people["Dan"], organization=org, role="founder")
    first = ArticleFactory(raw_text="H\nAnn and Bob in Town.\nAnn and Bob again.\nCat alone.\n")
    p1, p2, p3 = (first.paragraphs.get(position=i) for i in (1, 2, 3))
    mention_in(p1, "Ann", people["Ann"])
    mention_in(p1, "Bob", people["Bob"])
    mention_in(p1, "Town", town)
    mention_in(p2, "Ann", people["Ann"])
    mention_in(p2, "Bob", people["Bob"])
    mention_in(p3, "Cat", people["Cat"])
    second = ArticleFactory(raw_text="H\nDan, Eve and Org.\n")
    q = second.paragraphs.get(position=1)
    mention_in(q, "Dan", people["Dan"])
    mention_in(q, "Eve", people["Eve"], status="rejected")
    return {**people, "Org": org, "Town": town}


def edge_between(graph, a, b):
    ids = {a.slug, b.slug}
    return next(
        (e for e in graph.edges if {e.source.entity.slug, e.target.entity.slug} == ids), None
    )


def test_neighbours_count_shared_paragraphs_and_articles(world):
    found = {n.entity.slug: n for n in network.neighbours(world["Ann"])}
    assert (found["bob"].paragraphs, found["bob"].articles) == (2, 1)
    assert (found["town"].paragraphs, found["town"].articles) == (1, 1)
    assert (found["cat"].paragraphs, found["cat"].articles) == (0, 1)
    assert list(found) == ["bob", "town", "cat"]  # most paragraphs first


def test_neighbours_include_affiliations_and_leave_out_rejected_mentions(world):
    found = {n.entity.slug: n for n in network.neighbours(world["Dan"])}
    assert found["org"].roles == ["Founder"]
    assert "eve" not in found
    org_found = {n.entity.slug: n for n in network.neighbours(world["Org"])}
    assert org_found["dan"].roles == ["Founder"]


def test_paragraph_network(world):
    graph = network.build_graph("paragraph")
    assert {n.id for n in graph.nodes} == {
        "person:ann",
        "person:bob",
        "person:dan",
        "organization:org",
    }
    ann_bob = edge_between(graph, world["Ann"], world["Bob"])
    assert (ann_bob.paragraphs, ann_bob.articles, ann_bob.weight) == (2, 1, 2)
    assert edge_between(graph, world["Ann"], world["Cat"]) is None
    assert edge_between(graph, world["Dan"], world["Org"]).roles == ["Founder"]
    assert all(n.kind != "place" for n in graph.nodes)  # people and organizations only


def test_article_network_links_looser(world):
    graph = network.build_graph("article")
    ann_cat = edge_between(graph, world["Ann"], world["Cat"])
    assert (ann_cat.paragraphs, ann_cat.articles, ann_cat.weight) == (0, 1, 1)
    with pytest.raises(ValueError):
        network.build_graph("sentence")


def test_trimming_keeps_the_busiest_and_drops_isolated(world):
    graph = network.build_graph("paragraph", max_nodes=2)
    assert graph.total_nodes == 4
    assert {n.entity.slug for n in graph.nodes} == {"ann", "bob"}
    assert len(graph.edges) == 1


def test_layout_is_deterministic_and_inside_the_frame(world):
    first = network.layout(network.build_graph(), width=400, height=300)
    places = [(n.x, n.y) for n in first.nodes]
    again = network.layout(network.build_graph(), width=400, height=300)
    assert places == [(n.x, n.y) for n in again.nodes]
    assert all(0 <= x <= 400 and 0 <= y <= 300 for x, y in places)


def test_gexf_is_valid_xml_with_the_nodes_and_edges(world):
    world["Ann"].name = HOSTILE
    world["Ann"].save()
    text = network.to_gexf(network.build_graph(), url_for=lambda e: f"http://x/{e.slug}?a=1&b=2")
    root = ET.fromstring(text.encode())
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert graph.get("defaultedgetype") == "undirected"
    nodes = {n.get("id"): n for n in graph.iter(f"{GEXF}node")}
    assert set(nodes) == {"person:ann", "person:bob", "person:dan", "organization:org"}
    assert nodes["person:ann"].get("label") == "Ann <b>\"&'</b>"  # escaped, control char gone
    values = {v.get("for"): v.get("value") for v in nodes["person:ann"].iter(f"{GEXF}attvalue")}
    assert values == {"0": "person", "1": "http://x/ann?a=1&b=2", "2": "2"}
    edges = {frozenset((e.get("source"), e.get("target"))): e for e in graph.iter(f"{GEXF}edge")}
    assert set(edges) == {
        frozenset(("person:ann", "person:bob")),
        frozenset(("person:dan", "organization:org")),
    }
    assert edges[frozenset(("person:ann", "person:bob"))].get("weight") == "2.0"
    assert set(nodes) >= {id_ for edge in edges for id_ in edge}  # every end is a node
    assert "&lt;b&gt;" in text and "\x0b" not in text


def test_network_page_draws_svg_with_a_table(client, world):
    response = client.get(reverse("people:network"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="network-svg"' in html and 'aria-labelledby="net-title net-desc"' in html
    assert html.count('<a class="node node-') == 4
    assert '<line class="edge edge-affiliation"' in html
    assert '<td><a href="/people/ann/">Ann Example</a></td>' in html
    assert re.search(r'<script src="/static/archive/network(\.\w+)?\.js" defer></script>', html)
    assert "http" not in html.split("<svg")[1].split("</svg>")[0].replace(
        "http://www.w3.org", ""
    )  # nothing from elsewhere


def test_network_page_escapes_names(client, world):
    world["Bob"].name = '<script>alert("x")</script>'
    world["Bob"].save()
    html = client.get(reverse("people:network")).content.decode()
    assert '<script>alert("x")</script>' not in html


@pytest.mark.parametrize(
    "params", [{"scope": "sentence"}, {"nodes": "many"}, {"nodes": "1"}, {"nodes": "100000"}]
)
def test_bad_network_parameters_are_400(client, world, params):
    assert client.get(reverse("people:network"), params).status_code == 400
    assert client.get(reverse("people:network_gexf"), params).status_code == 400


def test_gexf_download(client, world):
    response = client.get(reverse("people:network_gexf"), {"scope": "article"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/gexf+xml")
    assert response["Content-Disposition"] == 'attachment; filename="network-article.gexf"'
    root = ET.fromstring(response.content)
    assert len(list(root.iter(f"{GEXF}edge"))) == 4  # Ann–Bob, Ann–Cat, Bob–Cat, Dan–Org
    assert root.find(f"{GEXF}graph/{GEXF}nodes/{GEXF}node/{GEXF}attvalues") is not None


def test_real_archive_network_in_constant_queries(client, archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("people:network"))
    assert response.status_code == 200
    root = ET.fromstring(client.get(reverse("people:network_gexf")).content)
    labels = {n.get("label") for n in root.iter(f"{GEXF}node")}
    assert {"Vladimir Putin", "Kremlin", "Pyotr Nikitin"} <= labels


def test_labels_on_the_real_network_cover_no_other_label_nor_node(archive):
    graph = network.layout(network.build_graph("paragraph", max_nodes=60))
    labelled = network.place_labels(graph, graph.nodes[:30])
    assert len(labelled) >= 15  # most of the busiest still get a label
    boxes = {}
    for node in labelled:
        box = node.label_box
        assert 0 <= box[0] and box[2] <= 960 and 0 <= box[1] and box[3] <= 720
        boxes[node] = box
    for node, box in boxes.items():
        for other, other_box in boxes.items():
            assert other is node or not network.boxes_overlap(box, other_box), (
                f"“{node.entity.name}” and “{other.entity.name}” overlap"
            )
        for other in graph.nodes:
            assert other is node or not network.box_hits_circle(
                box, other.x, other.y, other.radius
            ), f"the label of “{node.entity.name}” covers “{other.entity.name}”"


def test_a_label_with_no_free_place_is_left_out(empty_archive):
    crowd = [
        network.Node(
            ("person", i), PersonFactory.build(name=f"Person number {i}"), x=480.0, y=360.0 + 3 * i
        )
        for i in range(6)
    ]
    graph = network.Graph(nodes=crowd, edges=[], scope="paragraph")
    labelled = network.place_labels(graph, crowd)
    assert 0 < len(labelled) < len(crowd)
