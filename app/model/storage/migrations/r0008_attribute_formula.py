"""Revision 8: an attribute may be computed from a formula over other attributes (`Post - Pre`); empty for one
whose values are typed in. Frozen: never edit."""

STATEMENTS = ("ALTER TABLE attribute ADD COLUMN formula TEXT NOT NULL DEFAULT ''",)
