"""The authorization matrix's people, routes and world
(tests/test_authorization_matrix.py)."""
