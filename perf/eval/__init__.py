"""Evaluation of the A/B gate on scratch commits with known effects (not part of the tests)."""
