"""Exercise helpers shared by handlers and graders."""
import hashlib
import random

from shared import common


def problem_seed(user_id, exercise_name, problem_number):
    raw = '%s:%s:%d' % (user_id, exercise_name, problem_number)
    return hashlib.md5(raw).hexdigest()[:12]


def rng_for(seed):
    return random.Random(int(seed, 16))


def normalize_answer(answer):
    answer = common.to_unicode(answer).strip().lower()
    return u' '.join(answer.split())


def is_fast(seconds, exercise):
    return 0 < seconds <= exercise.seconds_per_fast_problem
