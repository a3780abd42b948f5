"""Plain frozen values the services hand out: safe across threads, never tied to a database session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum


class DocumentKind(Enum):
    INTERVIEW = "interview"
    FOCUS_GROUP = "focus_group"
    FIELD_NOTES = "field_notes"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class AttributeType(Enum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"


AttributeValueType = str | float | bool | date | None


@dataclass(frozen=True)
class ProjectInfo:
    path: str
    name: str
    created_at: datetime
    schema_revision: int
    read_only: bool
    coder: str
    documents: int
    codes: int
    codings: int
    cases: int
    memos: int
    default_framework: str | None


@dataclass(frozen=True)
class CoderInfo:
    id: int
    name: str
    colour: str
    guid: str = ""
    initials: str = ""
    blind: bool = False  # coding blind: the other coders' codings and counts are hidden from them


@dataclass(frozen=True)
class OperationInfo:
    """A user action as the project recorded it (`state`: done, undone, or discarded by a later action)."""

    id: int
    guid: str
    name: str
    label: str
    params: str  # JSON: the arguments it was called with
    coder: str
    at: datetime
    state: str
    touched: tuple[str, ...]  # GUIDs of the rows it changed
    undoable: bool  # its row changes are still kept


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class NewTurn:
    speaker: str | None
    start: int
    end: int
    timestamp_ms: int | None = None


@dataclass(frozen=True)
class SourceFile:
    filename: str
    format: str
    content: bytes


@dataclass(frozen=True)
class NewDocument:
    """What an importer produces: the canonical text plus its structure, positions in code points."""

    name: str
    text: str
    kind: DocumentKind = DocumentKind.INTERVIEW
    paragraphs: tuple[Span, ...] | None = None  # None: one paragraph per non-empty line
    turns: tuple[NewTurn, ...] = ()
    source: SourceFile | None = None
    interview_date: date | None = None
    case_ids: tuple[int, ...] = ()
    case_names: tuple[str, ...] = ()  # more cases to attach by name, created with the document if new
    # Speaker label -> the case who spoke, by id or by name (created if new): P3 here is case CM-07.
    speaker_cases: tuple[tuple[str, int | str], ...] = ()


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    guid: str
    name: str
    kind: DocumentKind
    length: int
    word_count: int
    imported_at: datetime
    interview_date: date | None
    coding_count: int
    case_ids: tuple[int, ...]
    source_format: str | None
    source_sha256: str | None
    # Cases that speak in the document through a speaker mapped to them (P3 here is case CM-07), by id.
    speaker_case_ids: tuple[int, ...] = ()

    @property
    def speaker_only_case_ids(self) -> tuple[int, ...]:
        """The speakers' cases that are not also the document's own cases."""
        return tuple(c for c in self.speaker_case_ids if c not in self.case_ids)


@dataclass(frozen=True)
class TurnInfo:
    id: int
    speaker_id: int | None
    speaker: str | None
    start: int
    end: int
    timestamp_ms: int | None


@dataclass(frozen=True)
class SpeakerInfo:
    id: int
    document_id: int
    label: str
    case_id: int | None
    turn_count: int


@dataclass(frozen=True)
class CaseInfo:
    id: int
    guid: str
    name: str
    description: str
    document_count: int


@dataclass(frozen=True)
class AttributeInfo:
    id: int
    name: str
    type: AttributeType
    choices: tuple[str, ...]
    position: int


@dataclass(frozen=True)
class CodeInfo:
    id: int
    guid: str
    parent_id: int | None
    position: int
    name: str
    colour: str
    is_codable: bool
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""


@dataclass(frozen=True)
class CodeNode:
    """A code in the tree, in display order, with its coding counts (own, and including descendants)."""

    code: CodeInfo
    depth: int
    path: tuple[str, ...]
    own_count: int
    total_count: int
    child_ids: tuple[int, ...]


@dataclass(frozen=True)
class NewCoding:
    document_id: int
    code_id: int
    start: int
    end: int
    memo: str = ""


@dataclass(frozen=True)
class CodingInfo:
    id: int
    guid: str
    document_id: int
    code_id: int
    start: int
    end: int
    coder_id: int | None
    created_at: datetime
    memo: str


@dataclass(frozen=True)
class MemoTarget:
    """What a memo is about: nothing (the project), or one document, code or case."""

    document_id: int | None = None
    code_id: int | None = None
    case_id: int | None = None

    def __post_init__(self) -> None:
        if sum(x is not None for x in (self.document_id, self.code_id, self.case_id)) > 1:
            raise ValueError("a memo is about one thing at most")


@dataclass(frozen=True)
class MemoInfo:
    id: int
    guid: str
    target: MemoTarget
    title: str
    body: str
    author_id: int | None
    created_at: datetime
    modified_at: datetime


@dataclass(frozen=True)
class RelationTypeInfo:
    id: int
    name: str
    directed: bool
    builtin: bool
    description: str


@dataclass(frozen=True)
class RelationInfo:
    id: int
    guid: str
    source_id: int
    target_id: int
    type_id: int
    memo: str
    created_at: datetime


@dataclass(frozen=True)
class FrameworkInfo:
    id: int
    key: str
    name: str
    citation: str


@dataclass(frozen=True)
class NewFrameworkNode:
    level: str
    name: str
    official_id: str | None = None
    gist: str = ""
    definition: str = ""
    added_by_project: bool = False
    children: tuple[NewFrameworkNode, ...] = ()
    study_name: str | None = None
    hidden: bool = False
    reverse_rated: bool = False


@dataclass(frozen=True)
class FrameworkNodeInfo:
    id: int
    framework_id: int
    parent_id: int | None
    position: int
    level: str
    official_id: str | None
    name: str
    study_name: str | None
    gist: str
    definition: str
    added_by_project: bool
    hidden: bool
    reverse_rated: bool

    @property
    def label(self) -> str:
        """How the node is named to the user: its official id and its name in this study (III.K Access to ...)."""
        return " ".join(part for part in (self.official_id, self.study_name or self.name) if part)


@dataclass(frozen=True)
class GroupInfo:
    """A set of documents or of codes, as another QDA tool made it (Axial keeps and exports them)."""

    id: int
    guid: str
    name: str
    description: str
    kind: str  # "documents" or "codes"
    document_ids: tuple[int, ...]
    code_ids: tuple[int, ...]


@dataclass(frozen=True)
class RatingUnitInfo:
    id: int
    label: str
    case_id: int | None
    attribute_id: int | None
    attribute_value: str | None
    position: int


RATING_VALUES = ("+2", "+1", "0", "-1", "-2", "X", "missing", "na")


@dataclass(frozen=True)
class RatingInfo:
    unit_id: int
    node_id: int
    value: str
    rationale: str
    flag: str
    evidence_coding_ids: tuple[int, ...]
    rated_at: datetime


@dataclass(frozen=True)
class AuditInfo:
    at: datetime
    coder: str
    action: str
    detail: str
