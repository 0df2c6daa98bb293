"""Recording problem attempts.

Writes ProblemLog (ours) and, for speed, updates the student's
UserExercise row in progress/ directly.
"""
import logging

from google.appengine.ext import db

from exercises import util
from exercises.graders import registry
from exercises.models import Exercise, ProblemLog, ProblemAttemptDetail
from progress import models as progress_models
from shared import common
from shared.constants import STREAK_LENGTH_FOR_PROFICIENCY


def attempt(user_data, exercise_name, problem_number, answer, time_taken,
            hint_used=False):
    exercise = Exercise.get_by_name(exercise_name)
    if exercise is None:
        raise ValueError('no exercise %s' % exercise_name)
    seed = util.problem_seed(user_data.user_id, exercise_name, problem_number)
    grader = registry.grader_for(exercise.grader)
    correct = grader.check(seed, answer)

    log = ProblemLog(user_id=user_data.user_id, exercise=exercise_name,
                     problem_number=problem_number, correct=correct,
                     hint_used=hint_used, time_taken=time_taken, seed=seed)
    log.put()
    ProblemAttemptDetail(problem_log=log, answer_given=common.to_unicode(answer),
                         attempt_number=1).put()

    user_exercise = progress_models.UserExercise.get_for(user_data, exercise_name)
    if correct and not hint_used:
        user_exercise.streak += 1
    else:
        user_exercise.streak = 0
    user_exercise.total_done += 1
    user_exercise.put()

    if user_exercise.streak >= STREAK_LENGTH_FOR_PROFICIENCY:
        exercise.mark_done_for(user_data)
        log.earned_proficiency = True
        log.put()
    logging.debug('attempt %s/%d correct=%s', exercise_name, problem_number,
                  correct)
    return log


def recent_logs(user_id, since):
    q = db.GqlQuery("SELECT * FROM ProblemLog WHERE user_id = :1 "
                    "AND created > :2 ORDER BY created DESC", user_id, since)
    return q.fetch(200)
