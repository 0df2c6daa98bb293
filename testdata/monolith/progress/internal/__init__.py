"""Progress internals: streaks, points and energy maths."""
