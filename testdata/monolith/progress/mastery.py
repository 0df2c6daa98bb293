"""Exercise proficiency and the knowledge map."""
import collections
import logging

from exercises import stacks
from exercises.models import Exercise
from progress import badges
from progress.internal import energy, points
from progress.models import UserExercise
from shared import common


def mark_proficient(user_data, exercise):
    user_exercise = UserExercise.get_for(user_data, exercise.name)
    if user_exercise.proficient_date is not None:
        return user_exercise
    user_exercise.proficient_date = common.now()
    user_exercise.put()
    points.award(user_data.key,
                 energy.exercise_points(user_exercise.streak, True, False),
                 reason='proficient:' + exercise.name)
    if not badges.has_badge(user_data, 'first-proficiency'):
        badges.award(user_data, 'first-proficiency', context=exercise.name)
    return user_exercise


def proficient_names(user_data):
    return set(ue.exercise for ue in UserExercise.for_user(user_data)
               if ue.proficient_date is not None)


def suggested_exercises(user_data, limit=5):
    done = proficient_names(user_data)
    ready = [e for e in Exercise.all_live()
             if e.name not in done and set(e.prerequisites) <= done]
    return ready[:limit]


def knowledge_map_summary(user_data):
    rows = UserExercise.for_user(user_data)
    by_state = collections.group_by(
        rows, lambda ue: 'proficient' if ue.proficient_date else 'started')
    logging.debug('knowledge map for %s: %s', user_data.user_id,
                  collections.tally(rows, key=lambda ue: ue.streak > 0))
    return dict((k, len(v)) for k, v in by_state.iteritems())


def review_cards(user_data):
    return stacks.review_stack(user_data.user_id,
                               sorted(proficient_names(user_data)))
