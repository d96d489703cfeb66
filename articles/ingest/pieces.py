"""A piece of a capture's line, as the segmenter classifies it, and the helpers that read the
pieces line by line (segmenting.py, head.py and fields.py share them)."""

from dataclasses import dataclass


@dataclass
class Piece:
    line: int  # 1-based number of the raw line
    kind: str
    text: str  # an exact substring of the raw line
    reason: str = ""


def by_line(pieces):
    lines = {}
    for piece in pieces:
        lines.setdefault(piece.line, []).append(piece)
    return [lines[n] for n in sorted(lines)]


def whole(line_pieces, *kinds):
    return len(line_pieces) == 1 and line_pieces[0].kind in kinds
