"""Each service call happens whole or not at all, and only committed changes are announced."""

from __future__ import annotations

import threading

import pytest

from app.model.core.changes import Changes, Topic
from app.model.core.dto import NewDocument, NewTurn
from app.model.core.errors import NotFoundError, ValidationError
from app.model.project import Project
from tests.conftest import table_dump


def test_a_call_that_fails_midway_leaves_nothing_behind(project: Project) -> None:
    before = table_dump(project.path, skip=())
    heard: list[Changes] = []
    project.subscribe(heard.append)
    # The document, its paragraphs and turns are written before the unknown case is found.
    new = NewDocument(name="Interview", text="I: hi\nP: hello", turns=(NewTurn("I", 0, 5),), case_ids=(999,))
    with pytest.raises(NotFoundError, match="case 999"):
        project.documents.add(new)
    assert table_dump(project.path, skip=()) == before  # no document, no turn, no audit line
    assert heard == []


def test_a_failed_move_keeps_sibling_order(project: Project) -> None:
    parent = project.codes.create("Parent")
    child = project.codes.create("Child", parent.id)
    project.codes.create("Sibling")
    before = table_dump(project.path)
    # The old siblings are renumbered before the cycle is detected; all of it must roll back.
    with pytest.raises(ValidationError, match="inside itself"):
        project.codes.move(parent.id, child.id)
    assert table_dump(project.path) == before


def test_committed_change_is_announced_with_what_it_touched(project: Project) -> None:
    heard: list[Changes] = []
    unsubscribe = project.subscribe(heard.append)
    doc = project.documents.add(NewDocument(name="A", text="some words here"))
    code = project.codes.create("Words")
    project.codings.apply(doc.id, code.id, 0, 4)
    assert heard[-1].topics == frozenset({Topic.CODINGS})
    assert heard[-1].document_ids == {doc.id}
    assert heard[-1].code_ids == {code.id}
    unsubscribe()
    project.codes.create("Unheard")
    assert len(heard) == 3


def test_every_change_is_in_the_audit_trail_with_its_coder(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="A", text="some words here"))
    code = project.codes.create("Words")
    project.codings.apply(doc.id, code.id, 5, 10)
    latest = project.audit(limit=3)
    assert [entry.action for entry in latest] == ["apply code", "create code 'Words'", "import document 'A'"]
    assert {entry.coder for entry in latest} == {"Tester"}
    assert "[5, 10)" in latest[0].detail


def test_many_threads_read_at_once_without_losing_their_connections(project: Project) -> None:
    """The desktop reads on the GUI thread while workers export, search and import; none may close another's
    connection (a per-thread pool did, beyond a handful of threads)."""
    document = project.documents.add(NewDocument("A", "one two three four"))
    code = project.codes.create("C")
    project.codings.apply(document.id, code.id, 0, 3)
    failures: list[BaseException] = []
    start = threading.Barrier(12)

    def read() -> None:
        try:
            start.wait()
            for _ in range(30):
                assert project.codes.tree()[0].total_count == 1
                assert project.documents.text(document.id) == "one two three four"
        except BaseException as error:  # collected and reported below
            failures.append(error)

    threads = [threading.Thread(target=read) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
