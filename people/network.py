"""Who appears with whom: co-mentions and affiliations as a network.

Two entities are linked when the mentions the public sees (none from drafts,
none rejected, no unreviewed import suggestion) name them in the same paragraph, or, at the coarser scope, in the same
article; a recorded affiliation links a person to an organization too.
`neighbours()` answers for one entity of any kind; `build_graph()` builds the
network of people and organizations, which `layout()` places for an SVG and
`to_gexf()` writes for Gephi.

Over 400 lines for now: the layout and the GEXF writer are hand-made; networkx's
spring_layout and write_gexf are to replace them (issue 12), which brings it well under.
"""

import math
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Q

from people.models import ENTITY_MODELS, Affiliation, Organization, Person, related_records

SCOPES = ("paragraph", "article")
GEXF_NS = "http://gexf.net/1.3"
GEXF_VIZ_NS = "http://gexf.net/1.3/viz"
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
            "person_id", "organization_id", "role", "title"):
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
    own = list(visible_mentions().filter(**{entity.link_field: entity})
               .values_list("paragraph_id", "article_id"))
    own_paragraphs = {p for p, _ in own}
    shared_paragraphs, shared_articles = defaultdict(set), defaultdict(set)
    others = (visible_mentions().filter(article_id__in={a for _, a in own})
              .exclude(**{entity.link_field: entity})
              .values_list("paragraph_id", "article_id", "person_id", "organization_id",
                           "place_id"))
    for paragraph_id, article_id, *ids in others:
        key = key_of(*ids)
        shared_articles[key].add(article_id)
        if paragraph_id in own_paragraphs:
            shared_paragraphs[key].add(paragraph_id)
    roles = defaultdict(list)
    if isinstance(entity, Person):
        for (_, org), labels in affiliation_roles(entity.affiliations.public()).items():
            roles[org] = labels
    elif isinstance(entity, Organization):
        for (person, _), labels in affiliation_roles(entity.affiliations.public()).items():
            roles[person] = labels
    keys = set(shared_articles) | set(roles)
    entities = load_entities(keys)
    found = [Neighbour(entities[key], len(shared_paragraphs[key]), len(shared_articles[key]),
                       roles.get(key, []))
             for key in keys if key in entities]
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

    def neighbours_of(self, node):
        return [e.target if e.source is node else e.source
                for e in self.edges if node in (e.source, e.target)]


def build_graph(scope="paragraph", max_nodes=None, max_edges=None):
    """People and organizations linked by co-mentions at `scope` and by affiliations;
    for drawing, only the `max_nodes` busiest and the `max_edges` strongest links."""
    if scope not in SCOPES:
        raise ValueError(f"Scope must be one of {', '.join(SCOPES)}.")
    rows = (visible_mentions()
            .filter(Q(person__isnull=False) | Q(organization__isnull=False))
            .values_list("paragraph_id", "article_id", "person_id", "organization_id"))
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
        edge = Edge(nodes[a], nodes[b], paragraph_pairs[(a, b)], article_pairs[(a, b)],
                    pair_roles, scope)
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
    return Graph(nodes=ordered, edges=edges, scope=scope, total_nodes=total_nodes,
                 total_edges=total_edges)


# -- drawing ----------------------------------------------------------------------

def layout(graph, width=960, height=720, iterations=200, margin=40):
    """Fruchterman–Reingold from a fixed start, so the same graph is always drawn the same.

    Repulsion reaches only a few ideal distances and a pull towards the centre
    holds the unconnected pieces near the rest, so they do not drift to the
    corners and squeeze the main cluster into a knot.
    """
    nodes = graph.nodes
    count = len(nodes)
    if not count:
        return graph
    cx, cy = width / 2, height / 2
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / count
        ring = 0.15 + 0.1 * (i % 4)
        node.x = cx + math.cos(angle) * width * ring
        node.y = cy + math.sin(angle) * height * ring
    k = math.sqrt((width - 2 * margin) * (height - 2 * margin) / count) * 0.8
    reach = 3 * k
    start_temperature = width / 10
    pairs = [(e.source, e.target, 1 + math.log(e.weight)) for e in graph.edges]
    for step in range(iterations):
        temperature = start_temperature * (1 - step / iterations) + 0.5
        dx = {n: 0.0 for n in nodes}
        dy = {n: 0.0 for n in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                ddx, ddy = a.x - b.x, a.y - b.y
                dist = math.hypot(ddx, ddy) or 0.01
                if dist > reach:
                    continue
                force = k * k / dist / dist
                dx[a] += ddx * force
                dy[a] += ddy * force
                dx[b] -= ddx * force
                dy[b] -= ddy * force
        for a, b, strength in pairs:
            ddx, ddy = a.x - b.x, a.y - b.y
            dist = math.hypot(ddx, ddy) or 0.01
            force = dist / k * strength
            dx[a] -= ddx * force
            dy[a] -= ddy * force
            dx[b] += ddx * force
            dy[b] += ddy * force
        for n in nodes:
            dx[n] -= (n.x - cx) * 0.08 * k / 50
            dy[n] -= (n.y - cy) * 0.08 * k / 50
            dist = math.hypot(dx[n], dy[n]) or 0.01
            n.x += dx[n] / dist * min(dist, temperature)
            n.y += dy[n] / dist * min(dist, temperature)
    xs, ys = [n.x for n in nodes], [n.y for n in nodes]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    for n in nodes:
        n.x = round(margin + (n.x - min(xs)) / span_x * (width - 2 * margin), 1)
        n.y = round(margin + (n.y - min(ys)) / span_y * (height - 2 * margin), 1)
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
    right = (node.x + gap, node.y - h / 2, node.x + gap + w, node.y + h / 2), \
        node.x + gap, node.y, "start"
    left = (node.x - gap - w, node.y - h / 2, node.x - gap, node.y + h / 2), \
        node.x - gap, node.y, "end"
    above_y, below_y = node.y - gap - h / 2, node.y + gap + h / 2
    above = (node.x - w / 2, above_y - h / 2, node.x + w / 2, above_y + h / 2), \
        node.x, above_y, "middle"
    below = (node.x - w / 2, below_y - h / 2, node.x + w / 2, below_y + h / 2), \
        node.x, below_y, "middle"
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
            if inside and not any(boxes_overlap(box, other) for other in placed) and not any(
                    box_hits_circle(box, other.x, other.y, other.radius + 1)
                    for other in graph.nodes if other is not node):
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
        placed.append(Placed(neighbour, round(x, 1), round(y, 1),
                             round(y + (20 if below else -13), 1),
                             round(min(6.0, 1 + neighbour.paragraphs + len(neighbour.roles)), 1)))
    return placed


# -- GEXF ---------------------------------------------------------------------------

def xml_text(value):
    return XML_INVALID.sub("", str(value))


def to_gexf(graph, url_for=lambda entity: entity.get_absolute_url(), date=None):
    """The network as GEXF 1.3 (gexf.net), for Gephi; every value escaped by ElementTree."""
    root = ET.Element("gexf", {
        "xmlns": GEXF_NS, "xmlns:viz": GEXF_VIZ_NS,
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd", "version": "1.3",
    })
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": date.isoformat()} if date else {})
    ET.SubElement(meta, "creator").text = "Russians in Serbia: a news archive"
    ET.SubElement(meta, "description").text = (
        f"People and organizations linked by being named in the same {graph.scope} "
        "(drafts and rejected or unreviewed suggestions left out) or by a recorded affiliation.")
    g = ET.SubElement(root, "graph", {"defaultedgetype": "undirected", "mode": "static"})
    node_attrs = ET.SubElement(g, "attributes", {"class": "node", "mode": "static"})
    for i, (title, kind) in enumerate((("type", "string"), ("url", "anyURI"),
                                       ("mentions", "integer"))):
        ET.SubElement(node_attrs, "attribute", {"id": str(i), "title": title, "type": kind})
    edge_attrs = ET.SubElement(g, "attributes", {"class": "edge", "mode": "static"})
    for i, (title, kind) in enumerate((("paragraphs", "integer"), ("articles", "integer"),
                                       ("affiliation", "string"))):
        ET.SubElement(edge_attrs, "attribute", {"id": str(i), "title": title, "type": kind})
    nodes = ET.SubElement(g, "nodes", {"count": str(len(graph.nodes))})
    for node in graph.nodes:
        element = ET.SubElement(nodes, "node", {"id": xml_text(node.id),
                                                "label": xml_text(node.entity.name)})
        values = ET.SubElement(element, "attvalues")
        for i, value in enumerate((node.kind, url_for(node.entity), node.mentions)):
            ET.SubElement(values, "attvalue", {"for": str(i), "value": xml_text(value)})
        r, gr, b = COLOURS[node.kind]
        ET.SubElement(element, "viz:color", {"r": str(r), "g": str(gr), "b": str(b)})
        ET.SubElement(element, "viz:size", {"value": str(node.radius)})
    edges = ET.SubElement(g, "edges", {"count": str(len(graph.edges))})
    for i, edge in enumerate(graph.edges):
        element = ET.SubElement(edges, "edge", {
            "id": str(i), "source": xml_text(edge.source.id), "target": xml_text(edge.target.id),
            "weight": str(float(edge.weight)),
        })
        values = ET.SubElement(element, "attvalues")
        for j, value in enumerate((edge.paragraphs, edge.articles, "; ".join(edge.roles))):
            if value != "":
                ET.SubElement(values, "attvalue", {"for": str(j), "value": xml_text(value)})
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
