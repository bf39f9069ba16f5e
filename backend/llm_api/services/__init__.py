"""Plain-Python business logic: views call these; these never import DRF."""
