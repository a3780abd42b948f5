"""Cases (participants, sites) and their typed attributes, whose definitions the whole project shares."""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.model.core.changes import Topic
from app.model.core.dto import AttributeInfo, AttributeType, AttributeValueType, CaseInfo
from app.model.core.entities import Attribute, AttributeValue, Case, DocumentCase, Memo, Speaker
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.core.named_rows import append_named
from app.model.storage.unit_of_work import Store
from app.model.storage.upsert import insert_or_update

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
# A case holds one value per attribute: writing another replaces it.
_VALUE_KEY = ("case_id", "attribute_id")
_VALUE_COLUMNS = ("text", "number")


class CaseService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # --- cases ---------------------------------------------------------------------------------------------

    def all(self) -> list[CaseInfo]:
        with self._store.read() as s:
            counts = dict(s.execute(select(DocumentCase.case_id, func.count()).group_by(DocumentCase.case_id)).all())
            rows = s.execute(select(Case.id, Case.guid, Case.name, Case.description).order_by(Case.name)).all()
        return [CaseInfo(**row._asdict(), document_count=counts.get(row.id, 0)) for row in rows]

    def names(self) -> dict[int, str]:
        """Every case's name by id (what lists of documents or speakers show)."""
        with self._store.read() as s:
            return {case_id: name for case_id, name in s.execute(select(Case.id, Case.name))}

    def get(self, case_id: int) -> CaseInfo:
        for case in self.all():
            if case.id == case_id:
                return case
        raise NotFoundError("case", case_id)

    def find(self, name: str) -> CaseInfo | None:
        with self._store.read() as s:
            case_id = s.scalar(select(Case.id).where(Case.name == name.strip()))
        return None if case_id is None else self.get(case_id)

    def create(self, name: str, description: str = "", *, guid: str | None = None) -> CaseInfo:
        """A new case; a name already taken is refused. `guid`: the one it has in the project file it comes from."""
        name = _clean(name, "A case")
        with self._store.write(f"create case {name!r}") as tx:
            try:
                case_id = tx.session.execute(
                    insert(Case)
                    .values(guid=guid or str(uuid.uuid4()), name=name, description=description)
                    .returning(Case.id)
                ).scalar_one()
            except IntegrityError:
                raise ConflictError(f"A case named {name!r} already exists.") from None
            tx.detail = f"case {case_id}"
            tx.touch(Topic.CASES)
        return self.get(case_id)

    def rename(self, case_id: int, name: str) -> None:
        name = _clean(name, "A case")
        with self._store.write(f"rename case to {name!r}") as tx:
            try:
                found = tx.session.scalar(update(Case).where(Case.id == case_id).values(name=name).returning(Case.id))
            except IntegrityError:
                raise ConflictError(f"A case named {name!r} already exists.") from None
            if found is None:
                raise NotFoundError("case", case_id)
            tx.touch(Topic.CASES)

    def delete(self, case_id: int) -> None:
        with self._store.write("delete case") as tx:
            if tx.session.scalar(delete(Case).where(Case.id == case_id).returning(Case.id)) is None:
                raise NotFoundError("case", case_id)
            tx.detail = f"case {case_id}"
            tx.touch(Topic.CASES, Topic.DOCUMENTS)

    def merge(self, source_ids: Sequence[int], target_id: int) -> None:
        """Fold cases into one: their documents, speakers and memos move to it, their values fill the ones it lacks
        (its own win), and they go."""
        sources = [i for i in dict.fromkeys(source_ids) if i != target_id]
        with self._store.write("merge cases") as tx:
            s = tx.session
            found = set(s.scalars(select(Case.id).where(Case.id.in_([*sources, target_id]))))
            missing = [i for i in [*sources, target_id] if i not in found]
            if missing:
                raise NotFoundError("case", missing[0])
            linked = set(s.scalars(select(DocumentCase.document_id).where(DocumentCase.case_id == target_id)))
            for document_id in s.scalars(select(DocumentCase.document_id).where(DocumentCase.case_id.in_(sources))):
                if document_id not in linked:
                    s.execute(insert(DocumentCase).values(document_id=document_id, case_id=target_id))
                    linked.add(document_id)
            s.execute(update(Speaker).where(Speaker.case_id.in_(sources)).values(case_id=target_id))
            s.execute(update(Memo).where(Memo.case_id.in_(sources)).values(case_id=target_id))
            held = set(s.scalars(select(AttributeValue.attribute_id).where(AttributeValue.case_id == target_id)))
            for attribute_id, text, number in s.execute(
                select(AttributeValue.attribute_id, AttributeValue.text, AttributeValue.number)
                .where(AttributeValue.case_id.in_(sources))
                .order_by(AttributeValue.case_id)
            ):
                if attribute_id not in held:
                    s.execute(
                        insert(AttributeValue).values(
                            case_id=target_id, attribute_id=attribute_id, text=text, number=number
                        )
                    )
                    held.add(attribute_id)
            s.execute(delete(Case).where(Case.id.in_(sources)))
            tx.detail = f"cases {sources} into {target_id}"
            tx.touch(Topic.CASES, Topic.DOCUMENTS, Topic.ATTRIBUTES)

    # --- attributes ----------------------------------------------------------------------------------------

    def attributes(self) -> list[AttributeInfo]:
        with self._store.read() as s:
            rows = s.execute(
                select(Attribute.id, Attribute.name, Attribute.type, Attribute.choices, Attribute.position).order_by(
                    Attribute.position
                )
            ).all()
        return [
            AttributeInfo(row.id, row.name, AttributeType(row.type), _split(row.choices), row.position) for row in rows
        ]

    def attribute_guids(self) -> dict[str, int]:
        """Every attribute's id by its GUID (what a project file refers to it by)."""
        with self._store.read() as s:
            return {guid: attribute_id for guid, attribute_id in s.execute(select(Attribute.guid, Attribute.id))}

    def define_attribute(
        self, name: str, type: AttributeType, choices: Sequence[str] = (), *, guid: str | None = None
    ) -> AttributeInfo:
        """A new attribute at the end of the list; `guid`: the one it has in the project file it comes from."""
        name = _clean(name, "An attribute")
        if type is AttributeType.CHOICE and not choices:
            raise ValidationError(f"The choice attribute {name!r} needs at least one choice.")
        with self._store.write(f"define attribute {name!r}") as tx:
            attribute_id = append_named(
                tx.session,
                Attribute,
                f"An attribute named {name!r} already exists.",
                guid=guid or str(uuid.uuid4()),
                name=name,
                type=type.value,
                choices="\n".join(c.strip() for c in choices),
            )
            tx.detail = f"attribute {attribute_id} ({type.value})"
            tx.touch(Topic.ATTRIBUTES)
        return next(a for a in self.attributes() if a.id == attribute_id)

    def set_value(self, case_id: int, attribute_id: int, value: AttributeValueType) -> None:
        """Set (or with None clear) a case's value, converted to the attribute's type or refused with a reason."""
        with self._store.write("set attribute value") as tx:
            s = tx.session
            row = s.execute(
                select(Attribute.name, Attribute.type, Attribute.choices).where(Attribute.id == attribute_id)
            ).one_or_none()
            if row is None:
                raise NotFoundError("attribute", attribute_id)
            _refuse_computed(s, [attribute_id])
            if s.scalar(select(Case.id).where(Case.id == case_id)) is None:
                raise NotFoundError("case", case_id)
            if value is None or value == "":
                s.execute(
                    delete(AttributeValue).where(
                        AttributeValue.case_id == case_id, AttributeValue.attribute_id == attribute_id
                    )
                )
            else:
                text, number = _store_form(row.name, AttributeType(row.type), _split(row.choices), value)
                s.execute(
                    insert_or_update(s, AttributeValue, key=_VALUE_KEY, update=_VALUE_COLUMNS).values(
                        case_id=case_id, attribute_id=attribute_id, text=text, number=number
                    )
                )
            tx.detail = f"case {case_id}, attribute {attribute_id}"
            tx.touch(Topic.ATTRIBUTES, Topic.CASES)

    def set_values(self, values: Sequence[tuple[int, int, AttributeValueType]]) -> int:
        """Set many (case, attribute, value) at once, all or none; each is converted (or with None or "" cleared)
        as `set_value` does."""
        attributes = {a.id: a for a in self.attributes()}
        rows, cleared = [], []
        for case_id, attribute_id, value in values:
            attribute = attributes.get(attribute_id)
            if attribute is None:
                raise NotFoundError("attribute", attribute_id)
            if value is None or value == "":
                cleared.append((case_id, attribute_id))
                continue
            text, number = convert(attribute, value)
            rows.append({"case_id": case_id, "attribute_id": attribute_id, "text": text, "number": number})
        with self._store.write("set attribute values") as tx:
            _refuse_computed(tx.session, {attribute_id for _, attribute_id, _ in values})
            for case_id, attribute_id in cleared:
                tx.session.execute(
                    delete(AttributeValue).where(
                        AttributeValue.case_id == case_id, AttributeValue.attribute_id == attribute_id
                    )
                )
            store_values(tx.session, rows)
            tx.detail = f"{len(rows)} values, {len(cleared)} cleared"
            tx.touch(Topic.ATTRIBUTES, Topic.CASES)
        return len(rows) + len(cleared)

    def values(self) -> dict[tuple[int, int], AttributeValueType]:
        """Every stored value, keyed by (case id, attribute id), in the attribute's own Python type."""
        types = {a.id: a.type for a in self.attributes()}
        with self._store.read() as s:
            rows = s.execute(
                select(
                    AttributeValue.case_id,
                    AttributeValue.attribute_id,
                    AttributeValue.text,
                    AttributeValue.number,
                )
            ).all()
        return {(r.case_id, r.attribute_id): read_form(types[r.attribute_id], r.text, r.number) for r in rows}


def _refuse_computed(s: Session, attribute_ids: Iterable[int]) -> None:
    """Values of a computed attribute come from its formula, never from a hand."""
    name = s.scalar(select(Attribute.name).where(Attribute.id.in_(list(attribute_ids)), Attribute.formula != ""))
    if name is not None:
        raise ValidationError(f"{name!r} is computed from its formula: its values cannot be typed in.")


def _clean(name: str, what: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError(f"{what} needs a name.")
    return name


def _split(choices: str) -> tuple[str, ...]:
    return tuple(c for c in choices.split("\n") if c)


_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")


def parse_number(text: str) -> float | None:
    """A number as people type it: 4,100 (thousands), 4,1 (a decimal comma), 4.1, -2; None if it is not one."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def convert(attribute: AttributeInfo, value: AttributeValueType) -> tuple[str | None, float | None]:
    """The stored (text, number) form of a value for this attribute; `ValidationError` says why it does not fit."""
    return _store_form(attribute.name, attribute.type, attribute.choices, value)


def _store_form(
    name: str, type: AttributeType, choices: tuple[str, ...], value: AttributeValueType
) -> tuple[str | None, float | None]:
    """Convert a value to the (text, number) pair stored for this type, or explain why it does not fit."""
    refused = ValidationError(f"{value!r} is not a valid {type.value} for {name!r}.")
    if type is AttributeType.TEXT:
        return str(value).strip(), None
    if type is AttributeType.CHOICE:
        text = str(value).strip()
        if text not in choices:
            raise ValidationError(f"{text!r} is not one of the choices for {name!r}: {', '.join(choices)}.")
        return text, None
    if type is AttributeType.NUMBER:
        if value is None or isinstance(value, bool | date):
            raise refused
        number_or_none = parse_number(value) if isinstance(value, str) else float(value)
        if number_or_none is None:
            raise refused
        number = number_or_none
        if not math.isfinite(number):
            raise refused
        return None, number
    if type is AttributeType.BOOLEAN:
        if isinstance(value, bool):
            return None, float(value)
        word = str(value).strip().lower()
        if word in _TRUE or word in _FALSE:
            return None, float(word in _TRUE)
        raise refused
    if isinstance(value, date):
        return value.isoformat(), None
    try:
        return date.fromisoformat(str(value).strip()).isoformat(), None
    except ValueError:
        raise refused from None


def read_form(type: AttributeType, text: str | None, number: float | None) -> AttributeValueType:
    if type is AttributeType.NUMBER:
        return number
    if type is AttributeType.BOOLEAN:
        return None if number is None else bool(number)
    if type is AttributeType.DATE:
        return None if text is None else date.fromisoformat(text)
    return text


def store_values(s: Session, rows: Sequence[Mapping[str, object]]) -> None:
    """Write converted values (case_id, attribute_id, text, number), replacing what a case had for an attribute."""
    if rows:
        s.execute(insert_or_update(s, AttributeValue, key=_VALUE_KEY, update=_VALUE_COLUMNS), rows)
