"""Re-importing a corrected transcript (issue 20): a 100,000-character transcript built from the real Otter
transcripts, 200 codings, then a corrected version with 300 word edits, an inserted paragraph and a deleted
1,000-character block. Times the re-alignment (reading the file, aligning word by word then letter by letter,
placing every coding) against the target of 1.5 s, then writing it as one step; reports how many codings were
placed automatically, by kind, and that none was lost. Run alone with `python -m bench --suite revisions`.
"""

from __future__ import annotations

import random
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.model.documents.importing import FilePlan
from app.model.project import Project
from app.model.revisions.position_map import TextEdit, apply_edits
from app.model.revisions.reimport import ReimportPlan, plan_reimport
from app.model.revisions.relocation import Fate

from .measure import Figure, Timings, once

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "transcripts" / "otter_deidentified"
LENGTH, CODINGS, WORD_EDITS, DELETED = 100_000, 200, 300, 1_000
PARAGRAPH = "INT  12:00\nCould you say more about how the team handled the new reporting rules?\n\n"
SWAPS = ("really", "truly", "mostly", "often", "rarely", "clearly", "simply", "surely")


def run(_large: Path, _out: Path) -> list[Figure]:
    rng = random.Random(20)
    text = _transcript(rng)
    with tempfile.TemporaryDirectory(prefix="axial-bench-revisions-") as folder:
        original, corrected = Path(folder) / "Long interview.txt", Path(folder) / "Long interview (corrected).txt"
        original.write_text(text, "utf-8")
        with Project.create(Path(folder) / "study.axial", coder="Bench") as project:
            project.edits.import_documents([FilePlan(original)])
            stored = project.documents.text(1)
            code = project.edits.create_code("Theme")
            spans = _coding_spans(stored, rng)
            for start, end in spans:
                project.codings.apply(1, code.id, start, end)
            new_text, deleted = _corrected(stored, rng)
            corrected.write_text(new_text, "utf-8")
            workload = (
                f"{len(stored):,} characters, {CODINGS} codings; {WORD_EDITS} word edits, an inserted paragraph, "
                f"a deleted {DELETED:,}-character block"
            )
            timings = Timings("re-align a corrected transcript")
            plans: list[ReimportPlan] = []
            for _ in range(5):
                plans.append(timings.measure(lambda: plan_reimport(project, 1, corrected), _placed_all(spans)))
            plan = plans[-1]
            figures = [timings.figure("re-align a 100k-character transcript", workload, "< 1500")]
            figures += _rates(plan, stored, deleted, workload)
            figures.append(
                once(
                    "write the revision (codings, turns, paragraphs, index, version)",
                    workload,
                    lambda: project.edits.replace_with_corrected(plan),
                    # Every coding stays but those whose words were all deleted: the review list removes them
                    # unless the researcher keeps or places them.
                    lambda result: (
                        len(project.codings.for_document(1)) == CODINGS - _deleted_whole(plan) and result.version == 1
                    ),
                )
            )
    return figures


def _transcript(rng: random.Random) -> str:
    """Real speech, in paragraphs, up to the length; each copy's words shuffled within sentences a little so
    no passage repeats word for word across copies."""
    sources = [p.read_text("utf-8") for p in sorted(TRANSCRIPTS.glob("*.txt"))]
    paragraphs = [p for source in sources for p in source.split("\n\n") if p.strip()]
    out: list[str] = []
    size, copy = 0, 0
    while size < LENGTH:
        for paragraph in paragraphs:
            words = paragraph.split(" ")
            if copy and len(words) > 4:
                i = rng.randrange(len(words) - 1)
                words[i], words[i + 1] = words[i + 1], words[i]
            piece = " ".join(words) + (f" ({copy})" if copy else "")
            out.append(piece)
            size += len(piece) + 2
            if size >= LENGTH:
                break
        copy += 1
    return "\n\n".join(out) + "\n"


def _coding_spans(text: str, rng: random.Random) -> list[tuple[int, int]]:
    sentences = [m.span() for m in re.finditer(r"[A-Z][^.?!\n]{40,400}[.?!]", text)]
    return sorted(rng.sample(sentences, CODINGS))


def _corrected(text: str, rng: random.Random) -> tuple[str, tuple[int, int]]:
    """The corrected file: word edits away from the block deleted, the block, a paragraph inserted."""
    block_start = text.index("\n\n", len(text) // 2) + 2
    deleted = (block_start, block_start + DELETED)
    inserted_at = text.index("\n\n", len(text) // 4) + 2
    words = [
        m.span()
        for m in re.finditer(r"\b[a-z]{4,}\b", text)
        if not deleted[0] - 20 <= m.start() <= deleted[1] + 20 and m.start() != inserted_at
    ]
    edits = [TextEdit(start, end, rng.choice(SWAPS)) for start, end in rng.sample(words, WORD_EDITS)]
    edits += [TextEdit(*deleted, ""), TextEdit(inserted_at, inserted_at, PARAGRAPH)]
    return apply_edits(text, edits).text, deleted


def _placed_all(spans: list[tuple[int, int]]) -> Callable[[ReimportPlan], bool]:
    def check(plan: ReimportPlan) -> bool:
        assert len(plan.relocations) == len(spans)
        return all(r.new.end > r.new.start for r in plan.relocations)

    return check


def _deleted_whole(plan: ReimportPlan) -> int:
    return sum(r.lost for r in plan.relocations)


def _rates(plan: ReimportPlan, old: str, deleted: tuple[int, int], workload: str) -> list[Figure]:
    edited = {e.start for e in plan.edits}
    unchanged, changed, in_block = [], [], []
    for r in plan.relocations:
        if r.old.start < deleted[1] and r.old.end > deleted[0]:
            in_block.append(r)
        elif any(r.old.start <= position < r.old.end for position in edited):
            changed.append(r)
        else:
            unchanged.append(r)
    same = 100 * sum(r.fate in (Fate.INTACT, Fate.SHIFTED) for r in unchanged) / max(1, len(unchanged))
    relocated = 100 * sum(r.fate.automatic for r in changed) / max(1, len(changed))
    return [
        Figure(f"unchanged codings kept exactly ({len(unchanged)})", same, "%", "", workload),
        Figure(f"codings with words edited relocated automatically ({len(changed)})", relocated, "%", "", workload),
        Figure(
            f"codings in the deleted block sent to review ({len(in_block)})",
            float(sum(r.fate is Fate.REVIEW for r in in_block)),
            "codings",
            "",
            workload,
        ),
        Figure(
            "of those, with every word deleted (removed unless kept)",
            float(_deleted_whole(plan)),
            "codings",
            "",
            workload,
        ),
        Figure("codings lost without review", float(CODINGS - len(plan.relocations)), "codings", "", workload),
    ]
