"""Generated de-identification tests: names and their variants (alone, with a title, possessive, misspelt, in
capitals or lower case) injected at known places into real transcripts, and how many of them a matcher finds."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonyms import build_table

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPTS = sorted((ROOT / "tests/data/transcripts/otter_deidentified").glob("*.txt")) + sorted(
    p for p in Path("/work/shared/fixtures").glob("*") if p.suffix in {".txt", ".md", ".vtt", ".srt"}
)
NAMES = (
    ("Priya", "Raghunathan"), ("Tomasz", "Wozniak"), ("Aisha", "Bellamy"), ("Kwame", "Mensah"),
    ("Ingrid", "Halvorsen"), ("Mateo", "Quispe"), ("Siobhan", "Gallagher"), ("Yusuf", "Demirci"),
    ("Leilani", "Kahale"), ("Bogdan", "Petrescu"), ("Oluwaseun", "Adebayo"), ("Camille", "Fournier"),
    ("Dmitri", "Sokolov"), ("Nadia", "Haddad"), ("Ewan", "Fraser"), ("Thandiwe", "Dlamini"),
    ("Rahul", "Banerjee"), ("Greta", "Lindqvist"), ("Hamid", "Karimi"), ("Lucia", "Ferreira"),
)  # fmt: skip
VARIANTS = ("full", "first", "last", "title", "possessive", "misspelt", "lower", "capitals", "misspelt full")


@dataclass(frozen=True)
class Injected:
    start: int
    end: int  # the name itself, without a possessive ending
    variant: str


def misspelt(word: str, rng: random.Random) -> str:
    """One slip inside the word (never its first letter): a letter changed, dropped, doubled or two swapped."""
    at = rng.randrange(1, len(word) - 1)
    slip = rng.choice(("change", "drop", "double", "swap"))
    if slip == "change":
        letter = rng.choice([c for c in "aeiourstnl" if c != word[at]])
        return word[:at] + letter + word[at + 1 :]
    if slip == "drop":
        return word[:at] + word[at + 1 :]
    if slip == "double":
        return word[: at + 1] + word[at:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def variant_text(first: str, last: str, variant: str, rng: random.Random) -> tuple[str, str]:
    """The name as written, and what follows it (a possessive ending stays outside the name)."""
    written = {
        "full": f"{first} {last}",
        "first": first,
        "last": last,
        "title": f"{rng.choice(('Dr.', 'Dr', 'Mr.', 'Ms', 'Mrs.', 'Prof.'))} {last}",
        "possessive": rng.choice((first, last)),
        "misspelt": misspelt(last, rng),
        "lower": f"{first} {last}".lower(),
        "capitals": last.upper(),
        "misspelt full": f"{first} {misspelt(last, rng)}",
    }[variant]
    return written, rng.choice(("'s", "’s")) if variant == "possessive" else ""


def inject(text: str, count: int, rng: random.Random) -> tuple[str, list[Injected]]:
    """`text` with `count` names put before words chosen at random (each at a word start after a space)."""
    starts = [i for i in range(1, len(text)) if text[i - 1] == " " and text[i].isalpha()]
    chosen = sorted(rng.sample(starts, min(count, len(starts))))
    pieces, injected, at, shift = [], [], 0, 0
    for position in chosen:
        first, last = rng.choice(NAMES)
        variant = rng.choice(VARIANTS)
        name, ending = variant_text(first, last, variant, rng)
        pieces += [text[at:position], name + ending + " "]
        start = position + shift
        injected.append(Injected(start, start + len(name), variant))
        shift += len(name) + len(ending) + 1
        at = position
    pieces.append(text[at:])
    return "".join(pieces), injected


@dataclass(frozen=True)
class Recall:
    injected: int
    found: int
    missed: tuple[str, ...]  # what was missed, for a failing test's message
    elsewhere: int  # matches in the transcripts as they were (no name injected): replacements not asked for

    @property
    def recall(self) -> float:
        return self.found / self.injected


def measure(per_transcript: int = 40, seed: int = 20) -> Recall:
    rng = random.Random(seed)
    matcher = Matcher(build_table([(f"{first} {last}", "") for first, last in NAMES]))
    injected = found = elsewhere = 0
    missed: list[str] = []
    for path in TRANSCRIPTS:
        original = path.read_text(encoding="utf-8-sig")
        elsewhere += len(matcher.find(original))
        text, names = inject(original, per_transcript, rng)
        matches = matcher.find(text)
        covered = {p for m in matches for p in range(m.start, m.end)}
        for name in names:
            injected += 1
            if all(p in covered for p in range(name.start, name.end)):
                found += 1
            else:
                missed.append(f"{name.variant}: {text[name.start : name.end]!r} in {path.name}")
    return Recall(injected, found, tuple(missed), elsewhere)


if __name__ == "__main__":
    results = [measure(per_transcript=80, seed=seed) for seed in (20, 21, 22)]  # what the recall test runs
    found, injected = sum(r.found for r in results), sum(r.injected for r in results)
    print(f"recall {found}/{injected} = {found / injected:.4f} over {len(TRANSCRIPTS)} real transcripts")
    print(f"matches in the transcripts as they were (no name injected): {results[0].elsewhere}")
    print("\n".join(m for r in results for m in r.missed))
