"""Exercises: problem generation, grading and problem logs."""
