"""spaCy model loading, the Doc extensions stages share, and token helpers."""
