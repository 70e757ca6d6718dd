"""Gazetteer index, toponym recognition and resolution, and the role of each place in an event."""
