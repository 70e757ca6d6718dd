"""Trigger patterns -> CAMEO / PLOVER / ACLED types; argument roles; modality; quantities."""
