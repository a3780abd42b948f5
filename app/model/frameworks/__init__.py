"""Frameworks (CFIR 2.0, CFIR 2009, adaptations): definitions, mapping codes onto them, the crosswalk, ratings."""
