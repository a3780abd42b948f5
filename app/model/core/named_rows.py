"""Small write helpers the services share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.model.core.entities import Attribute, RatingUnit, RelationType
from app.model.core.errors import ConflictError

Ordered = type[Attribute] | type[RelationType] | type[RatingUnit]


def append_named(s: Session, entity: Ordered, clash: str, **values: Any) -> int:
    """Insert a row at the end of its list (`position`); a clash with a unique name raises `ConflictError(clash)`."""
    position = s.scalar(select(func.count()).select_from(entity)) or 0
    try:
        with s.begin_nested():
            return int(s.execute(insert(entity).values(position=position, **values).returning(entity.id)).scalar_one())
    except IntegrityError:
        raise ConflictError(clash) from None
