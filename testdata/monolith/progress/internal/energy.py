"""Energy point formulas."""
from shared.constants import POINTS_PER_EXERCISE, POINTS_PER_VIDEO


def video_points(seconds_watched, duration):
    if duration <= 0:
        return 0
    fraction = min(1.0, float(seconds_watched) / duration)
    return int(round(POINTS_PER_VIDEO * fraction))


def exercise_points(streak, proficient, fast):
    points = POINTS_PER_EXERCISE / 15
    if proficient:
        points = POINTS_PER_EXERCISE / 45
    if fast:
        points = int(points * 1.5)
    return max(1, points + min(streak, 10))


def badge_points(base, times_earned):
    # later copies of a repeatable badge are worth less
    return base / (1 + times_earned)
