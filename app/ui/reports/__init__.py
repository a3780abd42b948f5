"""The desktop's exports of coded excerpts."""
