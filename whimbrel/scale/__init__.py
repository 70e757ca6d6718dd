"""The same pipeline on Ray: batches of articles go to workers that load the model once."""
