"""Hint bookkeeping."""
import logging

from exercises.models import ProblemLog


def take_hint(user_id, exercise_name, problem_number):
    q = ProblemLog.all().filter('user_id =', user_id) \
                        .filter('exercise =', exercise_name) \
                        .filter('problem_number =', problem_number)
    log = q.get()
    if log is None:
        logging.info('hint before first attempt: %s/%d',
                     exercise_name, problem_number)
        return None
    log.hint_used = True
    log.put()
    return log


def hint_label(index, total):
    return 'Hint %s of %s' % (`index + 1`, total)
