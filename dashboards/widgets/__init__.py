"""Pieces the pages share: sidebar and view state, URL parameters, formatting, charts,
exports, sign-in, entry widgets and the candidate table."""
