"""The desktop's framework views: mapping codes onto constructs, the crosswalk, ratings."""
