"""What views must refresh after undo, redo or replay, read from the rows the journal wrote back.

A coding row names its document and code, so the change can say which codings moved and how each document's and
code's count changed, as the services' own changes do.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.model.core.changes import Topic
from app.model.storage.journal import RowChange
from app.model.storage.unit_of_work import Tx

_TOPICS: dict[str, tuple[Topic, ...]] = {
    "project": (Topic.PROJECT,),
    "coder": (Topic.PROJECT,),
    "document": (Topic.DOCUMENTS,),
    "document_source": (Topic.DOCUMENTS,),
    "paragraph": (Topic.DOCUMENTS,),
    "speaker": (Topic.DOCUMENTS, Topic.CASES),
    "turn": (Topic.DOCUMENTS,),
    "case": (Topic.CASES,),
    "document_case": (Topic.CASES, Topic.DOCUMENTS),
    "attribute": (Topic.ATTRIBUTES,),
    "attribute_value": (Topic.ATTRIBUTES,),
    "code": (Topic.CODES,),
    "coding": (Topic.CODINGS,),
    "memo": (Topic.MEMOS,),
    "relation_type": (Topic.RELATIONS,),
    "relation": (Topic.RELATIONS,),
    "diagram_position": (Topic.RELATIONS,),
    "dismissed_pair": (Topic.CODES,),
    "framework": (Topic.FRAMEWORKS,),
    "framework_node": (Topic.FRAMEWORKS,),
    "code_mapping": (Topic.FRAMEWORKS,),
    "rating_unit": (Topic.RATINGS,),
    "rating": (Topic.RATINGS,),
    "rating_evidence": (Topic.RATINGS,),
    "group": (Topic.DOCUMENTS, Topic.CODES),
    "group_member": (Topic.DOCUMENTS, Topic.CODES),
}


def touch_changed(tx: Tx, changes: Iterable[RowChange], *, forward: bool) -> None:
    """`forward`: the changes were made again (redo, replay); otherwise they were taken back (undo)."""
    counted: list[tuple[int, int, int]] = []
    codings: list[int] = []
    for change in changes:
        before, after = (change.before, change.after) if forward else (change.after, change.before)
        topics = _TOPICS.get(change.table, (Topic.PROJECT,))
        images = [image for image in (before, after) if image is not None]
        if change.table == "coding":  # told together below: an autocode's undo has thousands
            if before is not None:
                counted.append((int(before["document_id"]), int(before["code_id"]), -1))
            if after is not None:
                counted.append((int(after["document_id"]), int(after["code_id"]), +1))
            codings.append(int(images[0]["id"]))
        elif change.table == "code":
            tx.changes.touch(*topics, codes=[int(image["id"]) for image in images])
        elif change.table in ("document", "paragraph", "turn", "speaker", "document_source"):
            column = "id" if change.table == "document" else "document_id"
            tx.changes.touch(*topics, documents=[int(image[column]) for image in images])
        else:
            tx.changes.touch(*topics)
    if codings:
        tx.changes.touch(
            Topic.CODINGS,
            documents={d for d, _, _ in counted},
            codes={c for _, c, _ in counted},
            codings=codings,
            counted=counted,
        )
