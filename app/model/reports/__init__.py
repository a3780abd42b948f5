"""Reports: coded excerpts, the codebook, the ratings matrix, as Word, CSV or XLSX."""
