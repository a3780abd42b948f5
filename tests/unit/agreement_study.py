"""A small study two or three coders coded at random, for the agreement tests."""

from __future__ import annotations

import random

from app.model.core.dto import NewCoding, NewDocument, NewTurn
from app.model.project import Project

LINE = "We met weekly. The nurse said it helped! Did it? Paperwork took hours."


def study(
    project: Project, seed: int, coders: tuple[str, ...], documents: int = 3, skip: dict[str, int] | None = None
) -> dict[str, int]:
    """Documents of several paragraphs and turns, three codes, random overlapping codings by each coder.
    `skip[coder] = d`: that coder codes nothing in document d (missing there)."""
    rng = random.Random(seed)
    texts = []
    for d in range(documents):
        lines = [f"P{i % 2}: {LINE}" for i in range(4 + d)]
        text = "\n".join(lines)
        turns, offset = [], 0
        for line in lines:
            turns.append(NewTurn(line[:2], offset, offset + len(line)))
            offset += len(line) + 1
        texts.append(project.documents.add(NewDocument(f"Interview {d}", text, turns=tuple(turns))))
    codes = [project.codes.create(name).id for name in ("Workload", "Support", "Paperwork")]
    for coder in coders:
        project.use_coder(coder)
        spans = []
        for index, document in enumerate(texts):
            if (skip or {}).get(coder) == index:
                continue
            for _ in range(6):
                start = rng.randrange(document.length - 10)
                end = min(document.length, start + rng.randrange(3, 60))
                spans.append(NewCoding(document.id, rng.choice(codes), start, end))
        project.codings.apply_many(spans)
    return {c.name: c.id for c in project.coders()}
