"""Frameworks (CFIR and adaptations), code-to-construct mappings and construct ratings: storage only.

The behaviour around them (loading CFIR, crosswalks, suggestions, the ratings matrix) is built on these calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.model.core.changes import Topic
from app.model.core.dto import (
    RATING_VALUES,
    FrameworkInfo,
    FrameworkNodeInfo,
    NewFrameworkNode,
    RatingInfo,
    RatingUnitInfo,
)
from app.model.core.entities import (
    Code,
    CodeMapping,
    Coder,
    Framework,
    FrameworkNode,
    ProjectMeta,
    RaterRating,
    Rating,
    RatingEvidence,
    RatingSummary,
    RatingUnit,
)
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.core.named_rows import append_named
from app.model.storage.unit_of_work import Store
from app.model.storage.upsert import insert_or_ignore, insert_or_update

_NODE_COLUMNS = (
    FrameworkNode.id,
    FrameworkNode.framework_id,
    FrameworkNode.parent_id,
    FrameworkNode.position,
    FrameworkNode.level,
    FrameworkNode.official_id,
    FrameworkNode.name,
    FrameworkNode.study_name,
    FrameworkNode.gist,
    FrameworkNode.definition,
    FrameworkNode.added_by_project,
    FrameworkNode.hidden,
    FrameworkNode.reverse_rated,
)


@dataclass(frozen=True)
class CellSummary:
    """The researcher's summary of what a unit said about a construct (a framework matrix cell's text)."""

    unit_id: int
    node_id: int
    summary: str
    written_by: int | None
    written_at: datetime


@dataclass(frozen=True)
class RaterRatingInfo:
    """One rater's own rating, kept beside the team's agreed one until they reach consensus."""

    unit_id: int
    node_id: int
    coder_id: int
    value: str
    rationale: str
    rated_at: datetime


class FrameworkService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # --- frameworks ----------------------------------------------------------------------------------------

    def all(self) -> list[FrameworkInfo]:
        with self._store.read() as s:
            rows = s.execute(
                select(Framework.id, Framework.key, Framework.name, Framework.citation).order_by(Framework.id)
            )
            return [FrameworkInfo(**row._asdict()) for row in rows]

    def add(self, key: str, name: str, citation: str, domains: Sequence[NewFrameworkNode]) -> FrameworkInfo:
        with self._store.write(f"add framework {name!r}") as tx:
            try:
                framework_id = tx.session.execute(
                    insert(Framework).values(key=key, name=name, citation=citation).returning(Framework.id)
                ).scalar_one()
            except IntegrityError:
                raise ConflictError(f"The framework {key!r} is already in this project.") from None
            _insert_nodes(tx.session, framework_id, None, domains)
            tx.detail = f"framework {framework_id} ({key})"
            tx.touch(Topic.FRAMEWORKS)
        return next(f for f in self.all() if f.id == framework_id)

    def key_of(self, framework_id: int) -> str:
        framework = next((f for f in self.all() if f.id == framework_id), None)
        if framework is None:
            raise NotFoundError("framework", framework_id)
        return framework.key

    def nodes(self, framework_id: int) -> list[FrameworkNodeInfo]:
        with self._store.read() as s:
            rows = s.execute(
                select(*_NODE_COLUMNS)
                .where(FrameworkNode.framework_id == framework_id)
                .order_by(FrameworkNode.parent_id, FrameworkNode.position)
            ).all()
        return [FrameworkNodeInfo(**row._asdict()) for row in rows]

    def default_id(self) -> int | None:
        """The framework the project maps onto, or None when it uses none."""
        with self._store.read() as s:
            return s.scalar(select(ProjectMeta.default_framework_id))

    def set_default(self, framework_id: int | None) -> None:
        with self._store.write("choose the project's framework") as tx:
            if framework_id is not None and tx.session.get(Framework, framework_id) is None:
                raise NotFoundError("framework", framework_id)
            tx.session.execute(update(ProjectMeta).values(default_framework_id=framework_id))
            tx.touch(Topic.PROJECT, Topic.FRAMEWORKS)

    # --- adapting ------------------------------------------------------------------------------------------

    def _node_update(self, node_id: int, action: str, **values: object) -> FrameworkNodeInfo:
        """Change a node; returns it as it was, for undo."""
        with self._store.write(action) as tx:
            row = tx.session.execute(select(*_NODE_COLUMNS).where(FrameworkNode.id == node_id)).one_or_none()
            if row is None:
                raise NotFoundError("framework construct", node_id)
            tx.session.execute(update(FrameworkNode).where(FrameworkNode.id == node_id).values(**values))
            tx.touch(Topic.FRAMEWORKS)
        return FrameworkNodeInfo(**row._asdict())

    def rename_for_study(self, node_id: int, study_name: str | None) -> FrameworkNodeInfo:
        """Call a construct by the study's own words; its official id and name stay visible beside them."""
        name = " ".join((study_name or "").split()) or None
        return self._node_update(node_id, "rename construct for the study", study_name=name)

    def set_hidden(self, node_id: int, hidden: bool) -> FrameworkNodeInfo:
        return self._node_update(node_id, "hide construct" if hidden else "show construct", hidden=hidden)

    def set_reverse_rated(self, node_id: int, reverse: bool) -> FrameworkNodeInfo:
        return self._node_update(node_id, "mark construct reverse rated", reverse_rated=reverse)

    def add_node(self, framework_id: int, parent_id: int | None, name: str, definition: str = "") -> FrameworkNodeInfo:
        """A construct (under a domain) or subconstruct (under a construct) the study adds; marked as added."""
        name = " ".join(name.split())
        if not name:
            raise ValidationError("A construct needs a name.")
        with self._store.write(f"add construct {name!r}") as tx:
            s = tx.session
            level = "domain"
            if parent_id is not None:
                parent = s.get(FrameworkNode, parent_id)
                if parent is None or parent.framework_id != framework_id:
                    raise NotFoundError("framework construct", parent_id)
                if parent.level == "subconstruct":
                    raise ValidationError("Subconstructs cannot have constructs of their own.")
                level = "construct" if parent.level == "domain" else "subconstruct"
            position = (
                s.scalar(
                    select(func.count()).where(
                        FrameworkNode.framework_id == framework_id, FrameworkNode.parent_id.is_(parent_id)
                    )
                )
                or 0
            )
            added = NewFrameworkNode(level, name, definition=definition, added_by_project=True)
            node_id = _insert_node(s, framework_id, parent_id, position, added)
            tx.touch(Topic.FRAMEWORKS)
        return next(n for n in self.nodes(framework_id) if n.id == node_id)

    def remove_added_node(self, node_id: int) -> None:
        """Remove a construct the study added (official constructs are hidden instead, never removed)."""
        with self._store.write("remove added construct") as tx:
            node = tx.session.get(FrameworkNode, node_id)
            if node is None:
                raise NotFoundError("framework construct", node_id)
            if not node.added_by_project:
                raise ValidationError("Official constructs cannot be removed; hide it if the study does not use it.")
            tx.session.delete(node)
            tx.touch(Topic.FRAMEWORKS)

    # --- mappings ------------------------------------------------------------------------------------------

    def map_code(self, code_id: int, node_id: int) -> None:
        with self._store.write("map code to construct") as tx:
            _require(tx.session, Code, code_id, "code")
            _require(tx.session, FrameworkNode, node_id, "framework construct")
            statement = insert_or_ignore(tx.session, CodeMapping)
            tx.session.execute(statement.values(code_id=code_id, node_id=node_id, created_at=datetime.now()))
            tx.touch(Topic.FRAMEWORKS, codes=[code_id])

    def map_many(self, pairs: Sequence[tuple[int, int]], *, action: str = "map codes to constructs") -> None:
        """Map many (code, construct) pairs in one transaction; pairs already mapped are left as they are."""
        with self._store.write(action) as tx:
            now = datetime.now()
            statement = insert_or_ignore(tx.session, CodeMapping)
            for code_id, node_id in dict.fromkeys(pairs):
                _require(tx.session, Code, code_id, "code")
                _require(tx.session, FrameworkNode, node_id, "framework construct")
                tx.session.execute(statement.values(code_id=code_id, node_id=node_id, created_at=now))
            tx.detail = f"{len(pairs)} mappings"
            tx.touch(Topic.FRAMEWORKS, codes=[code_id for code_id, _ in pairs])

    def unmap_code(self, code_id: int, node_id: int) -> None:
        with self._store.write("unmap code from construct") as tx:
            tx.session.execute(
                delete(CodeMapping).where(CodeMapping.code_id == code_id, CodeMapping.node_id == node_id)
            )
            tx.touch(Topic.FRAMEWORKS, codes=[code_id])

    def mappings(self) -> list[tuple[int, int]]:
        """Every (code id, construct id) pair mapped directly."""
        with self._store.read() as s:
            return [(row.code_id, row.node_id) for row in s.execute(select(CodeMapping.code_id, CodeMapping.node_id))]

    # --- ratings -------------------------------------------------------------------------------------------

    def add_rating_unit(
        self,
        label: str,
        *,
        case_id: int | None = None,
        attribute_id: int | None = None,
        attribute_value: str | None = None,
    ) -> RatingUnitInfo:
        """A matrix column: one case, or one value of an attribute (Site = B)."""
        if (case_id is None) == (attribute_id is None or attribute_value is None):
            raise ValidationError("A rating unit is either a case or an attribute value.")
        with self._store.write(f"add rating unit {label!r}") as tx:
            unit_id = append_named(
                tx.session,
                RatingUnit,
                f"A rating unit named {label!r} already exists.",
                label=label,
                case_id=case_id,
                attribute_id=attribute_id,
                attribute_value=attribute_value,
            )
            tx.touch(Topic.RATINGS)
        return next(u for u in self.rating_units() if u.id == unit_id)

    def rating_units(self) -> list[RatingUnitInfo]:
        with self._store.read() as s:
            rows = s.execute(
                select(
                    RatingUnit.id,
                    RatingUnit.label,
                    RatingUnit.case_id,
                    RatingUnit.attribute_id,
                    RatingUnit.attribute_value,
                    RatingUnit.position,
                ).order_by(RatingUnit.position)
            )
            return [RatingUnitInfo(**row._asdict()) for row in rows]

    def set_rating(
        self,
        unit_id: int,
        node_id: int,
        value: str,
        rationale: str = "",
        *,
        flag: str = "",
        evidence: Sequence[int] = (),
    ) -> RatingInfo | None:
        """Rate a construct for a unit; returns the rating it replaced (None if there was none), for undo."""
        if value not in RATING_VALUES:
            raise ValidationError(f"{value!r} is not a rating; use one of {', '.join(RATING_VALUES)}.")
        with self._store.write("rate construct") as tx:
            s = tx.session
            _require(s, RatingUnit, unit_id, "rating unit")
            _require(s, FrameworkNode, node_id, "framework construct")
            old = _rating(s, unit_id, node_id)
            values = {
                "value": value,
                "rationale": rationale,
                "flag": flag,
                "rated_by": tx.coder_id,
                "rated_at": datetime.now(),
            }
            statement = insert_or_update(s, Rating, key=("unit_id", "node_id"), update=list(values))
            s.execute(statement.values(unit_id=unit_id, node_id=node_id, **values))
            s.execute(
                delete(RatingEvidence).where(RatingEvidence.unit_id == unit_id, RatingEvidence.node_id == node_id)
            )
            if evidence:
                s.execute(
                    insert(RatingEvidence),
                    [{"unit_id": unit_id, "node_id": node_id, "coding_id": c} for c in dict.fromkeys(evidence)],
                )
            tx.touch(Topic.RATINGS)
        return old

    def rating(self, unit_id: int, node_id: int) -> RatingInfo | None:
        with self._store.read() as s:
            return _rating(s, unit_id, node_id)

    def ratings(self) -> list[RatingInfo]:
        with self._store.read() as s:
            # Two queries for the whole matrix, not two per cell; sqlite3 itself, as thousands of rows are read
            # each time the matrix opens.
            raw = s.connection().connection.driver_connection
            evidence: dict[tuple[int, int], list[int]] = {}
            for unit_id, node_id, coding_id in raw.execute(  # type: ignore[union-attr]
                "SELECT unit_id, node_id, coding_id FROM rating_evidence ORDER BY coding_id"
            ):
                evidence.setdefault((unit_id, node_id), []).append(coding_id)
            rows = raw.execute(  # type: ignore[union-attr]
                "SELECT unit_id, node_id, value, rationale, flag, rated_at FROM rating"
            ).fetchall()
        when = datetime.fromisoformat
        return [
            RatingInfo(unit, node, value, rationale, flag, tuple(evidence.get((unit, node), ())), when(rated_at))
            for unit, node, value, rationale, flag, rated_at in rows
        ]

    def clear_rating(self, unit_id: int, node_id: int) -> None:
        """Take the team's rating off a cell (its evidence links go with it); a cell with none stays as it is."""
        with self._store.write("clear rating") as tx:
            _require_cell(tx.session, unit_id, node_id)
            tx.session.execute(delete(Rating).where(Rating.unit_id == unit_id, Rating.node_id == node_id))
            tx.touch(Topic.RATINGS)

    # --- what a matrix cell holds beside the team's rating -------------------------------------------------
    # The team's agreed rating stays in `rating`, one per cell: the one the matrix, the exports and the
    # distinguishing aid read. A rater's own rating is keyed by rater, so two raters never overwrite each other.

    def set_summary(self, unit_id: int, node_id: int, summary: str) -> None:
        """Write (or, when empty, clear) the cell's summary; its line ends are kept."""
        text = summary.replace("\r\n", "\n").strip()
        with self._store.write("write cell summary") as tx:
            _require_cell(tx.session, unit_id, node_id)
            if not text:
                tx.session.execute(
                    delete(RatingSummary).where(RatingSummary.unit_id == unit_id, RatingSummary.node_id == node_id)
                )
            else:
                values = {"summary": text, "written_by": tx.coder_id, "written_at": datetime.now()}
                statement = insert_or_update(tx.session, RatingSummary, key=("unit_id", "node_id"), update=list(values))
                tx.session.execute(statement.values(unit_id=unit_id, node_id=node_id, **values))
            tx.touch(Topic.RATINGS)

    def summaries(self) -> dict[tuple[int, int], CellSummary]:
        """Every cell's summary by (unit id, construct id), in one query."""
        with self._store.read() as s:
            rows = s.execute(select(RatingSummary)).scalars().all()
            return {
                (r.unit_id, r.node_id): CellSummary(r.unit_id, r.node_id, r.summary, r.written_by, r.written_at)
                for r in rows
            }

    def set_rater_rating(
        self, unit_id: int, node_id: int, value: str, rationale: str = "", *, coder_id: int | None = None
    ) -> None:
        """One rater's own rating of a cell (the current coder's unless another is named); the team's stays."""
        if value not in RATING_VALUES:
            raise ValidationError(f"{value!r} is not a rating; use one of {', '.join(RATING_VALUES)}.")
        with self._store.write("rate construct as a rater") as tx:
            _require_cell(tx.session, unit_id, node_id)
            rater = coder_id if coder_id is not None else tx.coder_id
            if rater is None or tx.session.get(Coder, rater) is None:
                raise NotFoundError("coder", rater if rater is not None else 0)
            values = {"value": value, "rationale": rationale.strip(), "rated_at": datetime.now()}
            key = ("unit_id", "node_id", "coder_id")
            statement = insert_or_update(tx.session, RaterRating, key=key, update=list(values))
            tx.session.execute(statement.values(unit_id=unit_id, node_id=node_id, coder_id=rater, **values))
            tx.touch(Topic.RATINGS)

    def rater_ratings(self) -> list[RaterRatingInfo]:
        with self._store.read() as s:
            rows = s.execute(
                select(RaterRating).order_by(RaterRating.unit_id, RaterRating.node_id, RaterRating.coder_id)
            ).scalars()
            return [RaterRatingInfo(r.unit_id, r.node_id, r.coder_id, r.value, r.rationale, r.rated_at) for r in rows]


def _require_cell(s: Session, unit_id: int, node_id: int) -> None:
    _require(s, RatingUnit, unit_id, "rating unit")
    _require(s, FrameworkNode, node_id, "framework construct")


def _insert_nodes(s: Session, framework_id: int, parent_id: int | None, nodes: Sequence[NewFrameworkNode]) -> None:
    for position, node in enumerate(nodes):
        node_id = _insert_node(s, framework_id, parent_id, position, node)
        _insert_nodes(s, framework_id, node_id, node.children)


def _insert_node(s: Session, framework_id: int, parent_id: int | None, position: int, node: NewFrameworkNode) -> int:
    return s.execute(
        insert(FrameworkNode)
        .values(
            framework_id=framework_id,
            parent_id=parent_id,
            position=position,
            level=node.level,
            official_id=node.official_id,
            name=node.name,
            gist=node.gist,
            definition=node.definition,
            added_by_project=node.added_by_project,
            study_name=node.study_name,
            hidden=node.hidden,
            reverse_rated=node.reverse_rated,
        )
        .returning(FrameworkNode.id)
    ).scalar_one()


def _require(s: Session, entity: type[Code] | type[FrameworkNode] | type[RatingUnit], key: int, what: str) -> None:
    if s.get(entity, key) is None:
        raise NotFoundError(what, key)


def _rating(s: Session, unit_id: int, node_id: int) -> RatingInfo | None:
    row = s.execute(
        select(Rating.value, Rating.rationale, Rating.flag, Rating.rated_at).where(
            Rating.unit_id == unit_id, Rating.node_id == node_id
        )
    ).one_or_none()
    if row is None:
        return None
    evidence = tuple(
        s.scalars(
            select(RatingEvidence.coding_id)
            .where(RatingEvidence.unit_id == unit_id, RatingEvidence.node_id == node_id)
            .order_by(RatingEvidence.coding_id)
        )
    )
    return RatingInfo(unit_id, node_id, row.value, row.rationale, row.flag, evidence, row.rated_at)
