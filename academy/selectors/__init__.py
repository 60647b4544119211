"""Reads of the convening domain, one module per concept: ``convenings``
(convenings, delegations, members), ``agenda`` (sessions by day, double
bookings) and ``attendance`` (roll call, rates, the export)."""
