"""Upserts built for the session's database, and new rows learnt from the insert itself (RETURNING)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import create_mock_engine, select
from sqlalchemy.orm import Session

from app.model.core.dto import AttributeType, NewCoding, NewDocument
from app.model.core.entities import AttributeValue, DismissedPair
from app.model.core.errors import UnsupportedDatabaseError
from app.model.project import Project
from app.model.storage.backend import full_text
from app.model.storage.upsert import insert_or_ignore, insert_or_update

_KEY = ("case_id", "attribute_id")


def _postgresql() -> Session:
    """A session whose dialect is PostgreSQL's, with no server or driver behind it: statements compile, never run."""
    return Session(bind=create_mock_engine("postgresql://", lambda *_args, **_kwargs: None))


def test_insert_or_update_replaces_only_the_named_columns(project: Project) -> None:
    case = project.cases.create("CM-07")
    role = project.cases.define_attribute("Role", AttributeType.TEXT)
    with project.store.write("test") as tx:
        upsert = insert_or_update(tx.session, AttributeValue, key=_KEY, update=["text"])
        for text, number in (("a", 1.0), ("b", 2.0)):
            tx.session.execute(upsert.values(case_id=case.id, attribute_id=role.id, text=text, number=number))
    with project.store.read() as s:
        assert s.execute(select(AttributeValue.text, AttributeValue.number)).all() == [("b", 1.0)]


def test_insert_or_ignore_returns_only_the_rows_it_added(project: Project) -> None:
    first, second, third = (project.codes.create(name).id for name in ("One", "Two", "Three"))
    pairs = [{"first_id": first, "second_id": second}, {"first_id": second, "second_id": third}]
    with project.store.write("test") as tx:
        s = tx.session
        s.execute(insert_or_ignore(s, DismissedPair).values(pairs[0]))
        added = s.execute(insert_or_ignore(s, DismissedPair).returning(DismissedPair.second_id), pairs).all()
    assert [row.second_id for row in added] == [third]


def test_add_many_returns_the_codings_it_added_and_not_those_already_there(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="A", text="caseload is heavy this year"))
    heavy = project.codes.create("Heavy")
    kept = project.codings.apply(doc.id, heavy.id, 0, 8)
    spans = [NewCoding(doc.id, heavy.id, 18, 22), NewCoding(doc.id, heavy.id, 0, 8), NewCoding(doc.id, heavy.id, 9, 11)]
    added = project.codings.add_many(spans)
    assert [(c.start, c.end) for c in added] == [(18, 22), (9, 11)]
    assert [c.id for c in added] == sorted(c.id for c in added)
    assert kept.id not in {c.id for c in added}
    assert all(isinstance(c.created_at, datetime) for c in added)
    assert project.codings.by_ids([c.id for c in added]) == added


def test_postgresql_gets_its_own_on_conflict_statements() -> None:
    s = _postgresql()
    dialect = s.get_bind().dialect
    update = insert_or_update(s, AttributeValue, key=_KEY, update=["text", "number"])
    assert str(update.compile(dialect=dialect)).endswith(
        "ON CONFLICT (case_id, attribute_id) DO UPDATE SET text = excluded.text, number = excluded.number"
    )
    ignore = insert_or_ignore(s, DismissedPair).returning(DismissedPair.first_id)
    assert "ON CONFLICT DO NOTHING RETURNING" in str(ignore.compile(dialect=dialect))


def test_a_database_without_a_backend_is_refused_by_name() -> None:
    with pytest.raises(UnsupportedDatabaseError, match="postgresql"):
        full_text(_postgresql())
