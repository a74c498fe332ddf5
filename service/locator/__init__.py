"""Physician locator: providers, practice locations, radius search and partner imports."""
