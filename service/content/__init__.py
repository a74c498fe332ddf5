"""Condition content: conditions, treatments, the care pathway; localised, versioned, searchable."""
