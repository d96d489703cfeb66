"""Who appears with whom: co-mentions and affiliations as a network.

Two entities are linked when the mentions the public sees (none from drafts,
none rejected, no unreviewed import suggestion) name them in the same paragraph, or, at the coarser scope, in the same
article; a recorded affiliation links a person to an organization too.
`neighbours()` answers for one entity of any kind; `build_graph()` builds the
network of people and organizations, which `layout()` places for an SVG and
`to_gexf()` writes for Gephi.

The layout and the GEXF file are networkx's (spring_layout from a fixed seed, its GEXF
writer); what is left here is what the archive decides: who counts as linked, and where
the labels go.

Just over 400 lines: the link rules, the graph, the label placement and the GEXF
metadata are one job (the network page and its download); networkx does the rest.
"""

import math
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
from django.db.models import Count, Q
from networkx.readwrite.gexf import GEXFWriter

from people.models import ENTITY_MODELS, Affiliation, Organization, Person, related_records

SCOPES = ("paragraph", "article")
LAYOUT_SEED = 1
COLOURS = {"person": (43, 108, 176), "organization": (183, 121, 31), "place": (123, 94, 167)}
# Characters XML 1.0 forbids even when escaped.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def key_of(person_id, organization_id, place_id=None):
    if person_id:
        return ("person", person_id)
    if organization_id:
        return ("organization", organization_id)
    return ("place", place_id)


def load_entities(keys):
    """{(type, pk): entity} in one query per type."""
    by_type = defaultdict(set)
    for kind, pk in keys:
        by_type[kind].add(pk)
    loaded = {}
    for kind, pks in by_type.items():
        for entity in ENTITY_MODELS[kind].objects.filter(pk__in=pks):
            loaded[(kind, entity.pk)] = entity
    return loaded


def affiliation_roles(queryset):
    """{(person key, organization key): ["Founder", …]} for the affiliations given."""
    roles = defaultdict(list)
    for person_id, org_id, role, title in queryset.values_list(
        "person_id", "organization_id", "role", "title"
    ):
        label = title or Affiliation.Role(role).label
        roles[(("person", person_id), ("organization", org_id))].append(label)
    return roles


def visible_mentions():
    """The mentions the public sees: none from drafts, no unreviewed import suggestions."""
    return related_records(Person, "mentions").public()


# -- one entity's neighbours ----------------------------------------------------


@dataclass
class Neighbour:
    entity: object
    paragraphs: int
    articles: int
    roles: list = field(default_factory=list)

    @property
    def kind(self):
        return self.entity.link_field


def neighbours(entity, limit=12):
    """The entities named most often alongside `entity`: in the same paragraph first,
    then in the same article; affiliated people or organizations always count."""
    own = visible_mentions().filter(**{entity.link_field: entity})
    # Counted by the database, one row per entity named alongside: a big place (Belgrade)
    # shares its articles with tens of thousands of mentions.
    others = (
        visible_mentions()
        .filter(article__in=own.values("article"))
        .exclude(**{entity.link_field: entity})
        .order_by()
        .values_list("person_id", "organization_id", "place_id")
        .annotate(
            articles=Count("article", distinct=True),
            paragraphs=Count(
                "paragraph", distinct=True, filter=Q(paragraph__in=own.values("paragraph"))
            ),
        )
    )
    shared_paragraphs, shared_articles = {}, {}
    for *ids, articles, paragraphs in others:
        key = key_of(*ids)
        shared_articles[key], shared_paragraphs[key] = articles, paragraphs
    roles = defaultdict(list)
    if isinstance(entity, Person):
        for (_, org), labels in affiliation_roles(entity.affiliations.public()).items():
            roles[org] = labels
    elif isinstance(entity, Organization):
        for (person, _), labels in affiliation_roles(entity.affiliations.public()).items():
            roles[person] = labels
    keys = set(shared_articles) | set(roles)
    entities = load_entities(keys)
    found = [
        Neighbour(
            entities[key],
            shared_paragraphs.get(key, 0),
            shared_articles.get(key, 0),
            roles.get(key, []),
        )
        for key in keys
        if key in entities
    ]
    found.sort(key=lambda n: (-(n.paragraphs + len(n.roles)), -n.articles, n.entity.name))
    return found[:limit] if limit else found


# -- the whole network ------------------------------------------------------------


@dataclass(eq=False)
class Node:
    key: tuple
    entity: object
    mentions: int = 0
    degree: int = 0
    strength: int = 0
    x: float = 0.0
    y: float = 0.0
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "start"
    label_box: tuple = ()  # (left, top, right, bottom) of a placed label

    @property
    def kind(self):
        return self.key[0]

    @property
    def id(self):
        return f"{self.kind}:{self.entity.slug}"

    @property
    def radius(self):
        return round(4 + 2.2 * math.sqrt(self.strength), 1)


@dataclass(eq=False)
class Edge:
    source: Node
    target: Node
    paragraphs: int
    articles: int
    roles: list
    scope: str

    @property
    def weight(self):
        together = self.paragraphs if self.scope == "paragraph" else self.articles
        return together + len(self.roles)

    @property
    def width(self):
        return round(min(6.0, 0.8 + 0.6 * self.weight), 1)


@dataclass
class Graph:
    nodes: list
    edges: list
    scope: str
    total_nodes: int = 0  # before trimming to the busiest
    total_edges: int = 0


def build_graph(scope="paragraph", max_nodes=None, max_edges=None):
    """People and organizations linked by co-mentions at `scope` and by affiliations;
    for drawing, only the `max_nodes` busiest and the `max_edges` strongest links."""
    if scope not in SCOPES:
        raise ValueError(f"Scope must be one of {', '.join(SCOPES)}.")
    rows = (
        visible_mentions()
        .filter(Q(person__isnull=False) | Q(organization__isnull=False))
        .values_list("paragraph_id", "article_id", "person_id", "organization_id")
    )
    by_paragraph, by_article = defaultdict(set), defaultdict(set)
    mentions = Counter()
    for paragraph_id, article_id, person_id, org_id in rows:
        key = key_of(person_id, org_id)
        by_paragraph[paragraph_id].add(key)
        by_article[article_id].add(key)
        mentions[key] += 1
    paragraph_pairs, article_pairs = Counter(), Counter()
    for members in by_paragraph.values():
        paragraph_pairs.update(combinations(sorted(members), 2))
    for members in by_article.values():
        article_pairs.update(combinations(sorted(members), 2))
    roles = affiliation_roles(Affiliation.objects.public())
    linked = paragraph_pairs if scope == "paragraph" else article_pairs
    pairs = {tuple(sorted(pair)) for pair in [*linked, *roles]}
    entities = load_entities({key for pair in pairs for key in pair})
    nodes = {key: Node(key, entity, mentions[key]) for key, entity in entities.items()}
    edges = []
    for a, b in sorted(pairs):
        if a not in nodes or b not in nodes:
            continue
        pair_roles = roles.get((a, b), []) + roles.get((b, a), [])
        edge = Edge(
            nodes[a], nodes[b], paragraph_pairs[(a, b)], article_pairs[(a, b)], pair_roles, scope
        )
        edges.append(edge)
        for node in (edge.source, edge.target):
            node.degree += 1
            node.strength += edge.weight
    ordered = sorted(nodes.values(), key=lambda n: (-n.strength, -n.mentions, n.entity.name))
    total_nodes, total_edges = len(ordered), len(edges)
    if max_nodes is not None and total_nodes > max_nodes:
        kept = set(ordered[:max_nodes])
        edges = [e for e in edges if e.source in kept and e.target in kept]
    if max_edges is not None and len(edges) > max_edges:
        edges = sorted(edges, key=lambda e: -e.weight)[:max_edges]
    linked = {n for e in edges for n in (e.source, e.target)}
    ordered = [n for n in ordered if n in linked]
    return Graph(
        nodes=ordered, edges=edges, scope=scope, total_nodes=total_nodes, total_edges=total_edges
    )


# -- drawing ----------------------------------------------------------------------


def as_networkx(graph):
    """The graph as a networkx Graph keyed by node id, each edge weighted for the layout."""
    g = nx.Graph()
    g.add_nodes_from(node.id for node in graph.nodes)
    g.add_weighted_edges_from(
        (e.source.id, e.target.id, 1 + math.log(e.weight)) for e in graph.edges
    )
    return g


def layout(graph, width=960, height=720, margin=40):
    """networkx's force-directed layout (Fruchterman–Reingold) from a fixed seed, so the same
    graph is always drawn the same, scaled into the frame."""
    nodes = graph.nodes
    if not nodes:
        return graph
    # k: the ideal edge length, as wide as the unit frame networkx lays out in. Its default
    # (1/√n) lets the small unconnected pieces push the main cluster into a knot, which
    # leaves half as many of the busiest nodes room for a label.
    positions = nx.spring_layout(as_networkx(graph), k=1.0, iterations=200, seed=LAYOUT_SEED)
    xs = [float(positions[n.id][0]) for n in nodes]
    ys = [float(positions[n.id][1]) for n in nodes]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    for n, x, y in zip(nodes, xs, ys, strict=True):
        n.x = round(margin + (x - min(xs)) / span_x * (width - 2 * margin), 1)
        n.y = round(margin + (y - min(ys)) / span_y * (height - 2 * margin), 1)
        right_side = n.x > width * 0.7
        n.label_anchor = "end" if right_side else "start"
        n.label_x = round(n.x - n.radius - 3 if right_side else n.x + n.radius + 3, 1)
        n.label_y = n.y
    return graph


# Labels are 11px system-ui (site.css); a character is about 6.2px wide on average.
LABEL_HEIGHT = 13
LABEL_CHAR_WIDTH = 6.2
LABEL_CHARS = 26  # longer names are cut with "…" (the template's truncatechars)


def label_options(node, width):
    """Where a node's label may go, best first: (box, x, y, anchor); y is the text's middle."""
    chars = min(len(node.entity.name), LABEL_CHARS)
    w, h, gap = chars * LABEL_CHAR_WIDTH, LABEL_HEIGHT, node.radius + 3
    right = (
        (node.x + gap, node.y - h / 2, node.x + gap + w, node.y + h / 2),
        node.x + gap,
        node.y,
        "start",
    )
    left = (
        (node.x - gap - w, node.y - h / 2, node.x - gap, node.y + h / 2),
        node.x - gap,
        node.y,
        "end",
    )
    above_y, below_y = node.y - gap - h / 2, node.y + gap + h / 2
    above = (
        (node.x - w / 2, above_y - h / 2, node.x + w / 2, above_y + h / 2),
        node.x,
        above_y,
        "middle",
    )
    below = (
        (node.x - w / 2, below_y - h / 2, node.x + w / 2, below_y + h / 2),
        node.x,
        below_y,
        "middle",
    )
    sides = (left, right) if node.x > width * 0.7 else (right, left)
    return [*sides, above, below]


def boxes_overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def box_hits_circle(box, x, y, r):
    nearest_x, nearest_y = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    return math.hypot(nearest_x - x, nearest_y - y) < r


def place_labels(graph, candidates, width=960, height=720):
    """Labels for `candidates` (busiest first) where they cover no other label and no other
    node; a label with no free place is left out (its node still names itself on hover and
    in the table). Returns the nodes labelled."""
    placed, labelled = [], set()
    for node in candidates:
        for box, x, y, anchor in label_options(node, width):
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if (
                inside
                and not any(boxes_overlap(box, other) for other in placed)
                and not any(
                    box_hits_circle(box, other.x, other.y, other.radius + 1)
                    for other in graph.nodes
                    if other is not node
                )
            ):
                node.label_x, node.label_y, node.label_anchor = round(x, 1), round(y, 1), anchor
                node.label_box = box
                placed.append(box)
                labelled.add(node)
                break
    return labelled


@dataclass
class Placed:
    neighbour: Neighbour
    x: float
    y: float
    label_y: float
    width: float


def ego_layout(neighbours, size=360):
    """The entity at the centre, its neighbours on a ring around it."""
    centre = size / 2
    radius = size / 2 - 70
    placed = []
    for i, neighbour in enumerate(neighbours):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(neighbours), 1)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        below = math.sin(angle) >= -0.1
        placed.append(
            Placed(
                neighbour,
                round(x, 1),
                round(y, 1),
                round(y + (20 if below else -13), 1),
                round(min(6.0, 1 + neighbour.paragraphs + len(neighbour.roles)), 1),
            )
        )
    return placed


# -- GEXF ---------------------------------------------------------------------------


def xml_text(value):
    return XML_INVALID.sub("", str(value))


def to_gexf(graph, url_for=lambda entity: entity.get_absolute_url(), date=None):
    """The network as GEXF 1.3 (gexf.net), for Gephi, written by networkx."""
    g = nx.Graph()
    for node in graph.nodes:
        r, gr, b = COLOURS[node.kind]
        g.add_node(
            xml_text(node.id),
            label=xml_text(node.entity.name),
            type=node.kind,
            url=xml_text(url_for(node.entity)),
            mentions=node.mentions,
            viz={"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": node.radius},
        )
    for edge in graph.edges:
        values = {"paragraphs": edge.paragraphs, "articles": edge.articles}
        if edge.roles:
            values["affiliation"] = xml_text("; ".join(edge.roles))
        g.add_edge(
            xml_text(edge.source.id), xml_text(edge.target.id), weight=float(edge.weight), **values
        )
    writer = GEXFWriter(version="1.3")
    writer.add_graph(g)
    meta = writer.xml.find("meta")
    meta.find("creator").text = "Russians in Serbia: a news archive"
    if date:
        meta.set("lastmodifieddate", date.isoformat())
    ET.SubElement(meta, "description").text = (
        f"People and organizations linked by being named in the same {graph.scope} "
        "(drafts and rejected or unreviewed suggestions left out) or by a recorded affiliation."
    )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + str(writer)
