"""REFI-QDA exchange (QDA-XML 1.0): `.qdpx` projects and `.qdc` codebooks to and from NVivo, ATLAS.ti, MAXQDA,
QualCoder and Taguette. Lenient when reading what real tools write, strict when writing."""
