"""SQLAlchemy 2 declarative models: the whole study, as stored in one `.axial` file.

These classes describe the tables; the schema itself is created and upgraded by `app.model.storage.migrations`, and a
test keeps the two in step. Services never hand these objects to callers: they return DTOs (`app.model.core.dto`).

Text positions (`start`, `end`) are Unicode code points into `Document.text`, half-open [start, end).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ProjectMeta(Base):
    """The single row of project-wide facts. The schema version lives in `PRAGMA user_version`."""

    __tablename__ = "project"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    default_framework_id: Mapped[int | None] = mapped_column(
        ForeignKey("framework.id", ondelete="SET NULL"), nullable=True
    )


class Coder(Base):
    __tablename__ = "coder"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String, nullable=False, unique=True)
    colour: Mapped[str] = mapped_column(String(7), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    initials: Mapped[str] = mapped_column(String(4), nullable=False, default="", server_default="")
    # Coding blind: the other coders' codings and counts are hidden from this coder until they choose to compare.
    blind: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default="0")


class Document(Base):
    __tablename__ = "document"
    __table_args__ = (
        CheckConstraint("kind IN ('interview', 'focus_group', 'field_notes', 'other')", name="document_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String, nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String, nullable=False)
    # Code points in `text`: coding bounds are checked against it without reading the text.
    length: Mapped[int] = mapped_column(Integer, nullable=False)
    word_count: Mapped[int] = mapped_column(Integer, nullable=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    interview_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The canonical plain text every coding points into; last, so listing documents never reads it.
    text: Mapped[str] = mapped_column(Text, nullable=False)


class DocumentSource(Base):
    """The original file, kept for provenance and re-import; apart from `document` so lists stay light.

    `content` is the file's bytes compressed with zlib; `sha256` is of the original bytes.
    """

    __tablename__ = "document_source"

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    filename: Mapped[str] = mapped_column(String, nullable=False)
    format: Mapped[str] = mapped_column(String, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class Paragraph(Base):
    __tablename__ = "paragraph"
    __table_args__ = (CheckConstraint('start >= 0 AND "end" >= start', name="paragraph_bounds"),)

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)


class Speaker(Base):
    """A speaker label as it appears in one document, optionally mapped to the case who spoke."""

    __tablename__ = "speaker"
    __table_args__ = (UniqueConstraint("document_id", "label"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), nullable=False)
    label: Mapped[str] = mapped_column(String, nullable=False)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id", ondelete="SET NULL"), nullable=True, index=True)


class Turn(Base):
    __tablename__ = "turn"
    __table_args__ = (
        CheckConstraint('start >= 0 AND "end" >= start', name="turn_bounds"),
        Index("ix_turn_document_start", "document_id", "start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), nullable=False)
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speaker.id", ondelete="CASCADE"), nullable=True, index=True
    )
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    timestamp_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Case(Base):
    __tablename__ = "case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String, nullable=False, unique=True)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")


class DocumentCase(Base):
    __tablename__ = "document_case"

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), primary_key=True, index=True)


class Attribute(Base):
    """An attribute definition shared by every case (Role, Site, fidelity score, ...)."""

    __tablename__ = "attribute"
    __table_args__ = (
        CheckConstraint("type IN ('text', 'number', 'date', 'boolean', 'choice')", name="attribute_type"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String, nullable=False, unique=True)
    type: Mapped[str] = mapped_column(String, nullable=False)
    # For `choice`: the allowed values, one per line, in display order.
    choices: Mapped[str] = mapped_column(Text, nullable=False, default="")
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    # For a computed attribute: its formula over other attributes (`cases/formula.py`); empty when values are typed.
    formula: Mapped[str] = mapped_column(Text, nullable=False, default="", server_default="")


class AttributeValue(Base):
    """A case's value: numbers and booleans in `number`, text, choices and ISO dates in `text`."""

    __tablename__ = "attribute_value"

    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), primary_key=True)
    attribute_id: Mapped[int] = mapped_column(
        ForeignKey("attribute.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    number: Mapped[float | None] = mapped_column(Float, nullable=True)


class Code(Base):
    __tablename__ = "code"
    __table_args__ = (
        Index("ix_code_parent_position", "parent_id", "position"),
        # Siblings never share a name key (see `code_names`); NULL parents are distinct to a UNIQUE index, so the
        # top level has its own.
        Index("ux_code_sibling_name", "parent_id", "name_key", unique=True),
        Index(
            "ux_code_top_name",
            "name_key",
            unique=True,
            # SQLite's alone: naming PostgreSQL's here would load its dialect at every start (~70 ms); a
            # PostgreSQL backend declares the same partial index in its own schema.
            sqlite_where=text("parent_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), nullable=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(String, nullable=False)
    name_key: Mapped[str] = mapped_column(String, nullable=False)  # set with the name, by `code_names.named`
    colour: Mapped[str] = mapped_column(String(7), nullable=False)
    is_codable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    definition: Mapped[str] = mapped_column(Text, nullable=False, default="")
    inclusion: Mapped[str] = mapped_column(Text, nullable=False, default="")
    exclusion: Mapped[str] = mapped_column(Text, nullable=False, default="")
    example: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("coder.id", ondelete="SET NULL"), nullable=True)
    # Counts the code's changes, so an edit replayed over a code changed since is refused rather than applied.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, onupdate=text("version + 1"))


class Coding(Base):
    __tablename__ = "coding"
    __table_args__ = (
        CheckConstraint('start >= 0 AND "end" > start', name="coding_bounds"),
        # Also the index for "codings of a document, by position".
        UniqueConstraint("document_id", "start", "end", "code_id", "coder_id", name="uq_coding_span"),
        Index("ix_coding_code", "code_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Kept for exchange (REFI-QDA) but not indexed: nothing looks a coding up by GUID in daily work, and an
    # index would cost as much as the codings themselves.
    guid: Mapped[str] = mapped_column(String(36), nullable=False)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), nullable=False)
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), nullable=False)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coder.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    memo: Mapped[str] = mapped_column(Text, nullable=False, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, onupdate=text("version + 1"))


class Memo(Base):
    """A titled memo on the project (no target) or on exactly one document, code or case."""

    __tablename__ = "memo"
    __table_args__ = (
        CheckConstraint(
            "(document_id IS NOT NULL) + (code_id IS NOT NULL) + (case_id IS NOT NULL) <= 1",
            name="memo_one_target",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), nullable=True, index=True
    )
    code_id: Mapped[int | None] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), nullable=True, index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), nullable=True, index=True)
    title: Mapped[str] = mapped_column(String, nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("coder.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    modified_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class RelationType(Base):
    __tablename__ = "relation_type"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False, unique=True)
    directed: Mapped[bool] = mapped_column(Boolean, nullable=False)
    builtin: Mapped[bool] = mapped_column(Boolean, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class Relation(Base):
    __tablename__ = "relation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), nullable=False, index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), nullable=False, index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("relation_type.id", ondelete="RESTRICT"), nullable=False)
    memo: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("coder.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class Framework(Base):
    __tablename__ = "framework"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String, nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    citation: Mapped[str] = mapped_column(Text, nullable=False, default="")


class FrameworkNode(Base):
    """A domain, construct or subconstruct; `added_by_project` marks the study's own additions."""

    __tablename__ = "framework_node"
    __table_args__ = (
        CheckConstraint("level IN ('domain', 'construct', 'subconstruct')", name="framework_node_level"),
        Index("ix_framework_node_tree", "framework_id", "parent_id", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"), nullable=False)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("framework_node.id", ondelete="CASCADE"), nullable=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    level: Mapped[str] = mapped_column(String, nullable=False)
    official_id: Mapped[str | None] = mapped_column(String, nullable=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    study_name: Mapped[str | None] = mapped_column(String, nullable=True)
    gist: Mapped[str] = mapped_column(Text, nullable=False, default="")
    definition: Mapped[str] = mapped_column(Text, nullable=False, default="")
    added_by_project: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    reverse_rated: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class CodeMapping(Base):
    __tablename__ = "code_mapping"

    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), primary_key=True)
    node_id: Mapped[int] = mapped_column(
        ForeignKey("framework_node.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class RatingUnit(Base):
    """What a column of the ratings matrix stands for: one value of an attribute (Site = B) or one case."""

    __tablename__ = "rating_unit"
    __table_args__ = (
        CheckConstraint(
            "(case_id IS NOT NULL AND attribute_id IS NULL AND attribute_value IS NULL)"
            " OR (case_id IS NULL AND attribute_id IS NOT NULL AND attribute_value IS NOT NULL)",
            name="rating_unit_kind",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String, nullable=False, unique=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), nullable=True)
    attribute_id: Mapped[int | None] = mapped_column(ForeignKey("attribute.id", ondelete="CASCADE"), nullable=True)
    attribute_value: Mapped[str | None] = mapped_column(String, nullable=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class Rating(Base):
    __tablename__ = "rating"
    __table_args__ = (
        CheckConstraint(
            "value IN ('+2', '+1', '0', '-1', '-2', 'X', 'missing', 'na')",
            name="rating_value",
        ),
    )

    unit_id: Mapped[int] = mapped_column(ForeignKey("rating_unit.id", ondelete="CASCADE"), primary_key=True)
    node_id: Mapped[int] = mapped_column(
        ForeignKey("framework_node.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    value: Mapped[str] = mapped_column(String, nullable=False)
    rationale: Mapped[str] = mapped_column(Text, nullable=False, default="")
    flag: Mapped[str] = mapped_column(String, nullable=False, default="")
    rated_by: Mapped[int | None] = mapped_column(ForeignKey("coder.id", ondelete="SET NULL"), nullable=True)
    rated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class RatingEvidence(Base):
    """A coding cited as support for one rating; it goes when the rating or the coding goes."""

    __tablename__ = "rating_evidence"
    __table_args__ = (
        ForeignKeyConstraint(["unit_id", "node_id"], ["rating.unit_id", "rating.node_id"], ondelete="CASCADE"),
    )

    unit_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    node_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coding_id: Mapped[int] = mapped_column(ForeignKey("coding.id", ondelete="CASCADE"), primary_key=True, index=True)


class RatingSummary(Base):
    """The researcher's summary of what a unit said about a construct: the framework matrix's cell text."""

    __tablename__ = "rating_summary"

    unit_id: Mapped[int] = mapped_column(ForeignKey("rating_unit.id", ondelete="CASCADE"), primary_key=True)
    node_id: Mapped[int] = mapped_column(
        ForeignKey("framework_node.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    summary: Mapped[str] = mapped_column(Text, nullable=False)
    written_by: Mapped[int | None] = mapped_column(ForeignKey("coder.id", ondelete="SET NULL"), nullable=True)
    written_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class RaterRating(Base):
    """One rater's own rating, kept beside the team's agreed one (`Rating`) until they reach consensus."""

    __tablename__ = "rater_rating"
    __table_args__ = (
        CheckConstraint(
            "value IN ('+2', '+1', '0', '-1', '-2', 'X', 'missing', 'na')",
            name="rater_rating_value",
        ),
    )

    unit_id: Mapped[int] = mapped_column(ForeignKey("rating_unit.id", ondelete="CASCADE"), primary_key=True)
    node_id: Mapped[int] = mapped_column(
        ForeignKey("framework_node.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[str] = mapped_column(String, nullable=False)
    rationale: Mapped[str] = mapped_column(Text, nullable=False)
    rated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class Group(Base):
    """A named set of documents or of codes (REFI-QDA's Sets; NVivo sets, ATLAS.ti groups, MAXQDA document sets)."""

    __tablename__ = "group"
    __table_args__ = (CheckConstraint("kind IN ('documents', 'codes')", name="group_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    kind: Mapped[str] = mapped_column(String, nullable=False)


class GroupMember(Base):
    __tablename__ = "group_member"
    __table_args__ = (
        CheckConstraint("(document_id IS NULL) + (code_id IS NULL) = 1", name="group_member_one"),
        Index("ix_group_member_group", "group_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), nullable=False)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), nullable=True, index=True
    )
    code_id: Mapped[int | None] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), nullable=True, index=True)


class DismissedPair(Base):
    """Two codes a researcher said are not duplicates, so the similar-codes view stops proposing them."""

    __tablename__ = "dismissed_pair"
    __table_args__ = (CheckConstraint("first_id < second_id", name="dismissed_pair_order"),)

    first_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), primary_key=True)
    second_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), primary_key=True, index=True)


class DiagramPosition(Base):
    """Where a code's box sits on the relations diagram."""

    __tablename__ = "diagram_position"

    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), primary_key=True)
    x: Mapped[float] = mapped_column(Float, nullable=False)
    y: Mapped[float] = mapped_column(Float, nullable=False)


class AuditEntry(Base):
    """Who changed what, when: one row per service call that changed the project."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    coder: Mapped[str] = mapped_column(String, nullable=False)
    action: Mapped[str] = mapped_column(String, nullable=False)
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Operation(Base):
    """One user action as recorded for undo, redo, audit and (later) merging a team's work."""

    __tablename__ = "operation"
    __table_args__ = (
        CheckConstraint("state IN ('done', 'undone', 'discarded')", name="operation_state"),
        Index("ix_operation_state", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    label: Mapped[str] = mapped_column(String, nullable=False)
    params: Mapped[str] = mapped_column(Text, nullable=False)  # JSON
    coder: Mapped[str] = mapped_column(String, nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    state: Mapped[str] = mapped_column(String, nullable=False)
    touched: Mapped[str] = mapped_column(Text, nullable=False)  # JSON list of the GUIDs of rows it changed
    kept: Mapped[bool] = mapped_column(Boolean, nullable=False)  # whether its row changes are still kept


class OperationChange(Base):
    """A row an operation changed: before and after, as column name to SQL literal (JSON); None when absent."""

    __tablename__ = "operation_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operation.id", ondelete="CASCADE"), nullable=False, index=True
    )
    tbl: Mapped[str] = mapped_column(String, nullable=False)
    before: Mapped[str | None] = mapped_column(Text, nullable=True)
    after: Mapped[str | None] = mapped_column(Text, nullable=True)


class JournalState(Base):
    """The one row naming the operation whose row changes the journal's triggers record (NULL: none)."""

    __tablename__ = "journal_state"
    __table_args__ = (CheckConstraint("id = 1"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class OperationStep(Base):
    """Doing, undoing or redoing an operation, in the order they happened (what a replay walks)."""

    __tablename__ = "operation_step"
    __table_args__ = (CheckConstraint("kind IN ('do', 'undo', 'redo')", name="operation_step_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operation.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String, nullable=False)
    coder: Mapped[str] = mapped_column(String, nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class DocumentVersion(Base):
    """One revision of a document's text: the hash of the text it made, when, by whom, why, and the text it
    replaced (zlib-compressed), so every change is auditable and can be reverted."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_document_version_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    made_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    made_by: Mapped[int | None] = mapped_column(ForeignKey("coder.id", ondelete="SET NULL"), nullable=True)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    previous_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    previous_text: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class Pseudonym(Base):
    """One row of the de-identification table: an original (a name, a site, a programme) and its pseudonym.
    Never copied into a de-identified copy or an export."""

    __tablename__ = "pseudonym"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    original: Mapped[str] = mapped_column(Text, nullable=False)
    pseudonym: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    __table_args__ = (UniqueConstraint("original", name="uq_pseudonym_original"),)
